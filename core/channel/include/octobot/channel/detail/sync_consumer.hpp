// A consumer of a synchronized channel: a plain queue plus one ticket per queued message in the
// driver's per-level FIFO. Single-threaded by contract (the driver's thread), hence no lock.
#pragma once

#include <octobot/channel/detail/consumer_base.hpp>
#include <octobot/channel/detail/ring_queue.hpp>
#include <octobot/channel/detail/sync_queue.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>

namespace octobot::channel::detail {

template <typename Message>
class SyncConsumer final : public TypedConsumer<Message>,
                           public SyncTicketTarget,
                           public std::enable_shared_from_this<SyncConsumer<Message>> {
 public:
  SyncConsumer(ConsumerSettings settings, typename TypedConsumer<Message>::Callback callback,
               std::shared_ptr<SyncQueue> scheduler)
      : TypedConsumer<Message>(std::move(settings), std::move(callback)), scheduler_(std::move(scheduler)) {}

  void offer(const Message& message) override {
    if (accepting()) enqueue(message);
  }
  void offer(Message&& message) override {
    if (accepting()) enqueue(std::move(message));
  }

  void close() noexcept override {
    closed_ = true;
    messages_.clear();  // their tickets stay in the driver's FIFO and run as no-ops
  }

  [[nodiscard]] ConsumerStats stats() const override { return {delivered_, failed_, dropped_, 0, messages_.size()}; }

  bool run_ticket() noexcept override {
    // Keeps this consumer alive until the ticket is done, even if the callback destroys the last
    // subscription handle. Declared first so that it is destroyed last.
    const std::shared_ptr<SyncConsumer> keep_alive = release_ticket();
    if (closed_ || messages_.empty()) return false;
    const Message message = messages_.pop_front();
    if (this->invoke(message)) {
      ++delivered_;
    } else {
      ++failed_;
    }
    return true;
  }

  void drop_ticket() noexcept override { const std::shared_ptr<SyncConsumer> released = release_ticket(); }

 private:
  [[nodiscard]] bool accepting() const noexcept { return !closed_ && !scheduler_->closed(); }

  // Copies or moves `message` straight into the queue's slot.
  template <typename M>
  void enqueue(M&& message) {
    const QueuePolicy& policy = this->settings().queue;
    if (messages_.size() >= policy.capacity) {
      switch (policy.when_full) {
        case WhenFull::drop_newest:
          ++dropped_;
          return;
        case WhenFull::drop_oldest:
          // The dropped message's ticket stays queued and now delivers the oldest remaining message.
          messages_.drop_front();
          ++dropped_;
          messages_.push_back(std::forward<M>(message));
          return;
        case WhenFull::block:
          break;  // the driver is the only drainer and runs on this thread: waiting would never end
      }
    }
    // The ticket first: if queueing it fails, nothing changed. While tickets are outstanding the
    // scheduler holds raw pointers to us, so we keep ourselves alive.
    if (tickets_ == 0) self_ = this->shared_from_this();
    try {
      scheduler_->schedule(this, this->priority());
    } catch (...) {
      if (tickets_ == 0) self_.reset();
      throw;
    }
    ++tickets_;
    messages_.push_back(std::forward<M>(message));  // if this fails, the ticket runs as a no-op
  }

  // Returns the self-reference when the last outstanding ticket goes, so the caller decides when it
  // is released (possibly destroying this consumer).
  [[nodiscard]] std::shared_ptr<SyncConsumer> release_ticket() noexcept {
    return --tickets_ == 0 ? std::move(self_) : nullptr;
  }

  std::shared_ptr<SyncQueue> scheduler_;
  RingQueue<Message> messages_;
  std::shared_ptr<SyncConsumer> self_;  // set while tickets_ > 0
  std::size_t tickets_ = 0;
  bool closed_ = false;
  std::uint64_t delivered_ = 0;
  std::uint64_t failed_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace octobot::channel::detail
