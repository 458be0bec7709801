#include <octobot/channel/detail/channel_core.hpp>
#include <octobot/channel/detail/consumer_base.hpp>
#include <octobot/channel/subscription.hpp>
#include <octobot/commons/logging.hpp>

#include <utility>

namespace octobot::channel {

Subscription::Subscription(std::shared_ptr<detail::ConsumerBase> consumer,
                           std::weak_ptr<detail::ChannelCore> channel) noexcept
    : consumer_(std::move(consumer)), channel_(std::move(channel)) {}

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    unsubscribe();
    consumer_ = std::move(other.consumer_);
    channel_ = std::move(other.channel_);
  }
  return *this;
}

void Subscription::unsubscribe() noexcept {
  const std::shared_ptr<detail::ConsumerBase> consumer = std::move(consumer_);
  const std::shared_ptr<detail::ChannelCore> channel = std::exchange(channel_, {}).lock();
  if (!consumer) return;
  // Close first, with no channel lock held: close() may wait for a callback running on another
  // thread, and that callback may itself subscribe to this channel.
  consumer->close();
  if (!channel) return;
  try {
    channel->remove(*consumer);
  } catch (...) {
    // Out of memory copying the consumer list: the consumer is closed and receives nothing, but it
    // still counts for the pause state until the channel goes away.
    commons::log(commons::LogLevel::error, "channel", "unsubscribe could not remove a closed consumer");
  }
}

ConsumerStats Subscription::stats() const { return consumer_ ? consumer_->stats() : ConsumerStats{}; }

PauseWatch::PauseWatch(std::weak_ptr<detail::ChannelCore> channel, std::uint64_t listener_id) noexcept
    : channel_(std::move(channel)), listener_id_(listener_id) {}

PauseWatch::PauseWatch(PauseWatch&& other) noexcept
    : channel_(std::move(other.channel_)), listener_id_(std::exchange(other.listener_id_, 0)) {}

PauseWatch& PauseWatch::operator=(PauseWatch&& other) noexcept {
  if (this != &other) {
    reset();
    channel_ = std::move(other.channel_);
    listener_id_ = std::exchange(other.listener_id_, 0);
  }
  return *this;
}

void PauseWatch::reset() noexcept {
  const std::shared_ptr<detail::ChannelCore> channel = std::exchange(channel_, {}).lock();
  const std::uint64_t id = std::exchange(listener_id_, 0);
  if (channel && id != 0) channel->remove_pause_listener(id);
}

}  // namespace octobot::channel
