// The synchronized-mode scheduler shared by a SyncDriver and the consumers of its channels: one FIFO
// of tickets per priority level. A consumer pushes one ticket per queued message; the driver runs the
// oldest ticket of the highest non-empty level, one at a time, so the callback order depends only on
// the order of sends and subscriptions (never on addresses, hashing, threads or time).
#pragma once

#include <octobot/channel/detail/ring_queue.hpp>
#include <octobot/channel/priority.hpp>

#include <array>
#include <cstddef>

namespace octobot::channel::detail {

// A consumer as seen by the synchronized scheduler.
class SyncTicketTarget {
 public:
  // Delivers the consumer's oldest queued message, if it still has one (a closed consumer has none).
  // Returns whether a callback ran. Never throws: callback failures are logged by the consumer.
  virtual bool run_ticket() noexcept = 0;
  // The ticket will never run (the driver is going away): release what the ticket kept alive.
  virtual void drop_ticket() noexcept = 0;

 protected:
  ~SyncTicketTarget() = default;
};

class SyncQueue {
 public:
  SyncQueue() = default;
  SyncQueue(const SyncQueue&) = delete;
  SyncQueue& operator=(const SyncQueue&) = delete;
  ~SyncQueue();

  void schedule(SyncTicketTarget* target, Priority priority) { tickets_[index_of(priority)].push_back(target); }

  // Runs tickets until every level is empty. Throws std::logic_error when called from a callback.
  std::size_t drain();

  [[nodiscard]] std::size_t pending() const noexcept;

  // After close(), consumers stop queueing and pending tickets are dropped.
  void close() noexcept;
  [[nodiscard]] bool closed() const noexcept { return closed_; }

 private:
  std::array<RingQueue<SyncTicketTarget*>, kPriorityCount> tickets_;
  bool draining_ = false;
  bool closed_ = false;
};

}  // namespace octobot::channel::detail
