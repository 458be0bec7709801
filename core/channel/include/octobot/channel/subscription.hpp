// RAII handles: a Subscription keeps a consumer registered, a PauseWatch keeps a pause listener
// registered. Destroying or resetting the handle unregisters. Both may outlive their channel.
#pragma once

#include <octobot/channel/consumer_options.hpp>

#include <cstdint>
#include <memory>

namespace octobot::channel {

namespace detail {
class ChannelCore;
class ConsumerBase;
}  // namespace detail

class Subscription {
 public:
  Subscription() noexcept = default;
  Subscription(std::shared_ptr<detail::ConsumerBase> consumer, std::weak_ptr<detail::ChannelCore> channel) noexcept;
  ~Subscription() { unsubscribe(); }
  Subscription(Subscription&&) noexcept = default;
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // Stops deliveries and removes the consumer, which may pause the channel. Once this returns, the
  // callback is not running on any other thread and will never be called again. Called from inside
  // the consumer's own callback (or by destroying this handle there), it returns at once and that
  // callback finishes normally. Safe to call twice; safe after the channel is gone.
  void unsubscribe() noexcept;

  [[nodiscard]] bool active() const noexcept { return consumer_ != nullptr; }
  // Counters of the consumer; all zero once unsubscribed.
  [[nodiscard]] ConsumerStats stats() const;

 private:
  std::shared_ptr<detail::ConsumerBase> consumer_;
  std::weak_ptr<detail::ChannelCore> channel_;
};

class PauseWatch {
 public:
  PauseWatch() noexcept = default;
  PauseWatch(std::weak_ptr<detail::ChannelCore> channel, std::uint64_t listener_id) noexcept;
  ~PauseWatch() { reset(); }
  PauseWatch(PauseWatch&& other) noexcept;
  PauseWatch& operator=(PauseWatch&& other) noexcept;
  PauseWatch(const PauseWatch&) = delete;
  PauseWatch& operator=(const PauseWatch&) = delete;

  // Unregisters the listener: once this returns it is not running on another thread and will not be
  // called again.
  void reset() noexcept;

 private:
  std::weak_ptr<detail::ChannelCore> channel_;
  std::uint64_t listener_id_ = 0;
};

}  // namespace octobot::channel
