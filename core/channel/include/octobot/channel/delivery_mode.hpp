// How the channels of one set (one exchange, one matrix) deliver: synchronized on a SyncDriver
// (backtesting), or asynchronously on executors (live trading).
#pragma once

#include <octobot/channel/executor.hpp>

#include <memory>
#include <optional>

namespace octobot::channel {

class SyncDriver;
namespace detail {
class SyncQueue;
}  // namespace detail

class DeliveryMode {
 public:
  // Callbacks run inside driver.drain(), on the driver's thread, in a deterministic order.
  [[nodiscard]] static DeliveryMode synchronized(const SyncDriver& driver);
  // Callbacks run on `default_executor` (the bot's io_context), or on a consumer's own executor.
  [[nodiscard]] static DeliveryMode asynchronous(Executor default_executor);

  [[nodiscard]] bool is_synchronized() const noexcept { return sync_queue_ != nullptr; }
  // Precondition: !is_synchronized().
  [[nodiscard]] const Executor& executor() const { return *executor_; }
  // Precondition: is_synchronized().
  [[nodiscard]] const std::shared_ptr<detail::SyncQueue>& sync_queue() const noexcept { return sync_queue_; }

 private:
  DeliveryMode() = default;
  std::shared_ptr<detail::SyncQueue> sync_queue_;
  std::optional<Executor> executor_;
};

}  // namespace octobot::channel
