// The type-independent state of a channel: its consumers (in subscription order), the pause state and
// the pause listeners. Channel<Spec> owns it through a shared_ptr; subscription handles keep a
// weak_ptr, so a handle may safely outlive its channel.
//
// Locking: `mutex_` guards the consumer list, the counts and the listener list; it is never held while
// user code runs. `notify_mutex_` serialises pause notifications (recursive, so that a listener may
// subscribe or unsubscribe on the same channel). The consumer list is copy-on-write: a send takes a
// snapshot and delivers without any channel lock.
#pragma once

#include <octobot/channel/delivery_mode.hpp>
#include <octobot/channel/detail/consumer_base.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace octobot::channel::detail {

class ChannelCore {
 public:
  using ConsumerList = std::vector<std::shared_ptr<ConsumerBase>>;
  using PauseCallback = std::function<void(bool paused)>;

  ChannelCore(std::string name, std::string id, DeliveryMode mode);
  ChannelCore(const ChannelCore&) = delete;
  ChannelCore& operator=(const ChannelCore&) = delete;

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  [[nodiscard]] const DeliveryMode& mode() const noexcept { return mode_; }

  // A channel is paused while no consumer of non-optional priority is subscribed. Starts paused.
  [[nodiscard]] bool paused() const noexcept { return paused_.load(std::memory_order_acquire); }

  // Appends `consumer` (last in delivery order), then tells pause listeners if the channel resumed.
  void add(std::shared_ptr<ConsumerBase> consumer);
  // Removes `consumer` if present, then tells pause listeners if the channel paused.
  void remove(const ConsumerBase& consumer);
  // Closes and removes every consumer (the channel is going away).
  void close_all() noexcept;

  // The current consumers, safe to iterate while others subscribe or unsubscribe.
  [[nodiscard]] std::shared_ptr<const ConsumerList> snapshot() const;
  // The live list without lock or copy. Synchronized mode only: there, sends, subscriptions and
  // callbacks all run on the driver's thread and a send never runs user code.
  [[nodiscard]] const ConsumerList& unsynchronized_consumers() const noexcept { return *consumers_; }

  [[nodiscard]] std::size_t consumer_count() const;

  // Registers `callback`; it is called with the current state before this returns (unless another
  // thread is notifying, in which case that thread calls it), then on every change. Calls are
  // serialised; a listener may see the same state twice but always ends on the current one.
  [[nodiscard]] std::uint64_t add_pause_listener(PauseCallback callback);
  // After this returns the listener is not running on another thread and will not be called again.
  void remove_pause_listener(std::uint64_t listener_id) noexcept;

 private:
  struct PauseListener {
    std::uint64_t id;
    PauseCallback callback;
    int last_told = -1;  // -1: never told; else the paused state (0/1) last delivered. Under mutex_.
    bool active = true;  // under notify_mutex_
  };

  void update_paused_locked() noexcept;
  void notify_pause_listeners() noexcept;

  const std::string name_;
  const std::string id_;
  const DeliveryMode mode_;

  mutable std::mutex mutex_;
  std::shared_ptr<const ConsumerList> consumers_;
  std::size_t running_consumers_ = 0;  // consumers whose priority keeps the channel running
  std::atomic<bool> paused_{true};
  std::vector<std::shared_ptr<PauseListener>> listeners_;
  std::uint64_t next_listener_id_ = 1;

  std::recursive_mutex notify_mutex_;
};

}  // namespace octobot::channel::detail
