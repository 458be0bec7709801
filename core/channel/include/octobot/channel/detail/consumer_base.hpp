// The type-erased part of a consumer: settings, filter, lifecycle. Typed queues derive from it.
#pragma once

#include <octobot/channel/consumer_options.hpp>
#include <octobot/channel/filter.hpp>
#include <octobot/channel/priority.hpp>
#include <octobot/channel/queue_policy.hpp>

#include <exception>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace octobot::channel::detail {

// ConsumerOptions resolved against the channel: compiled filter, concrete queue policy, names for logs.
struct ConsumerSettings {
  std::string name;
  std::string channel_name;
  std::string channel_id;
  Priority priority = Priority::high;
  QueuePolicy queue;
  CompiledFilter filter;
};

// Throws std::invalid_argument on an unknown filter key or a zero capacity.
[[nodiscard]] ConsumerSettings resolve_settings(const ConsumerOptions& options,
                                                std::span<const std::string_view> channel_keys,
                                                std::string_view channel_name, std::string_view channel_id,
                                                const QueuePolicy& channel_default);

class ConsumerBase {
 public:
  explicit ConsumerBase(ConsumerSettings settings) : settings_(std::move(settings)) {}
  virtual ~ConsumerBase() = default;
  ConsumerBase(const ConsumerBase&) = delete;
  ConsumerBase& operator=(const ConsumerBase&) = delete;

  [[nodiscard]] const ConsumerSettings& settings() const noexcept { return settings_; }
  [[nodiscard]] Priority priority() const noexcept { return settings_.priority; }
  [[nodiscard]] const CompiledFilter& filter() const noexcept { return settings_.filter; }

  // Stops deliveries for good, drops queued messages and wakes producers blocked on this consumer.
  // If a callback of this consumer is running on another thread, waits until it returns, so that once
  // close() returns no callback runs or will run. Called from inside the consumer's own callback, it
  // returns at once and that callback finishes normally. Idempotent.
  virtual void close() noexcept = 0;

  [[nodiscard]] virtual ConsumerStats stats() const = 0;

 protected:
  // Logs a callback failure with the consumer and channel names. Never throws.
  void report_failure(std::exception_ptr failure) const noexcept;

 private:
  ConsumerSettings settings_;
};

// A consumer of one message type: the channel offers it messages that passed its filter.
template <typename Message>
class TypedConsumer : public ConsumerBase {
 public:
  using Callback = std::function<void(const Message&)>;

  TypedConsumer(ConsumerSettings settings, Callback callback)
      : ConsumerBase(std::move(settings)), callback_(std::move(callback)) {}

  virtual void offer(const Message& message) = 0;
  virtual void offer(Message&& message) = 0;

 protected:
  // Runs the callback. A callback that throws is logged and isolated: the exception stops here, and
  // the consumer keeps receiving. Returns whether the callback returned normally.
  bool invoke(const Message& message) noexcept {
    try {
      callback_(message);
      return true;
    } catch (...) {
      report_failure(std::current_exception());
      return false;
    }
  }

 private:
  Callback callback_;
};

}  // namespace octobot::channel::detail
