#include <octobot/channel/delivery_mode.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <utility>

namespace octobot::channel {

DeliveryMode DeliveryMode::synchronized(const SyncDriver& driver) {
  DeliveryMode mode;
  mode.sync_queue_ = driver.queue();
  return mode;
}

DeliveryMode DeliveryMode::asynchronous(Executor default_executor) {
  DeliveryMode mode;
  mode.executor_.emplace(std::move(default_executor));
  return mode;
}

}  // namespace octobot::channel
