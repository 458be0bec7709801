// Synchronized mode: no task, no thread. Sends only queue messages; the driver (the backtesting
// engine, at each time step) calls drain(), which runs the queued callbacks on the calling thread in a
// fixed order until every queue is empty:
//   - strict priority: a HIGH delivery always runs before any MEDIUM one, and MEDIUM before OPTIONAL,
//     including deliveries queued by callbacks during the drain;
//   - within a level, deliveries run in the order they were queued: the order of the sends and, for
//     one send, the order in which consumers subscribed.
// The same sequence of subscriptions and sends therefore always gives the same callbacks in the same
// order, which is what makes backtests bit-for-bit reproducible.
//
// THREAD: every channel using a driver, and the driver itself, belong to one thread (the driver's).
#pragma once

#include <octobot/channel/detail/sync_queue.hpp>

#include <cstddef>
#include <memory>

namespace octobot::channel {

class SyncDriver {
 public:
  SyncDriver();
  // Drops the deliveries still queued; channels built on this driver stop queueing.
  ~SyncDriver();
  SyncDriver(const SyncDriver&) = delete;
  SyncDriver& operator=(const SyncDriver&) = delete;

  // Runs queued deliveries until none is left; returns how many callbacks ran. A consumer that keeps
  // feeding itself never lets drain() return: cycles between consumers are the application's to break.
  // Throws std::logic_error when called from inside a consumer callback.
  std::size_t drain();

  // Deliveries queued and not yet run (tickets of consumers closed since are included until drained).
  [[nodiscard]] std::size_t pending() const noexcept;

  [[nodiscard]] const std::shared_ptr<detail::SyncQueue>& queue() const noexcept { return queue_; }

 private:
  std::shared_ptr<detail::SyncQueue> queue_;
};

}  // namespace octobot::channel
