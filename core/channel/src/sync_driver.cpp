#include <octobot/channel/sync_driver.hpp>

#include <stdexcept>

namespace octobot::channel {

namespace detail {

SyncQueue::~SyncQueue() { close(); }

std::size_t SyncQueue::drain() {
  if (draining_) throw std::logic_error("SyncDriver::drain() called from inside a consumer callback");
  draining_ = true;
  struct ResetFlag {
    bool& flag;
    ~ResetFlag() { flag = false; }
  } reset{draining_};

  std::size_t callbacks = 0;
  for (;;) {
    // Strict priority: re-check from HIGH after every delivery, since a callback may queue more.
    RingQueue<SyncTicketTarget*>* level = nullptr;
    for (auto& tickets : tickets_) {
      if (!tickets.empty()) {
        level = &tickets;
        break;
      }
    }
    if (level == nullptr) return callbacks;
    if (level->front()->run_ticket()) ++callbacks;
    // run_ticket never throws; the ticket is popped after it ran so that pending() counts it while
    // its callback runs.
    level->pop_front();
  }
}

std::size_t SyncQueue::pending() const noexcept {
  std::size_t total = 0;
  for (const auto& tickets : tickets_) total += tickets.size();
  return total;
}

void SyncQueue::close() noexcept {
  closed_ = true;
  for (auto& tickets : tickets_) {
    while (!tickets.empty()) tickets.pop_front()->drop_ticket();
  }
}

}  // namespace detail

SyncDriver::SyncDriver() : queue_(std::make_shared<detail::SyncQueue>()) {}

SyncDriver::~SyncDriver() { queue_->close(); }

std::size_t SyncDriver::drain() { return queue_->drain(); }

std::size_t SyncDriver::pending() const noexcept { return queue_->pending(); }

}  // namespace octobot::channel
