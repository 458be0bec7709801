// A consumer of an asynchronous channel: a bounded queue guarded by a mutex, drained by a task posted
// on the consumer's executor. At most one drain task exists per consumer, so a callback never runs
// concurrently with itself, whatever executor it is on.
//
// Locking: `mutex_` guards the queue and the scheduling/running state. Callbacks always run with the
// mutex released. Producers never wait while holding anything but this consumer's mutex (through the
// condition variable), so a blocked producer cannot block another consumer.
#pragma once

#include <octobot/channel/detail/consumer_base.hpp>
#include <octobot/channel/detail/ring_queue.hpp>
#include <octobot/channel/executor.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace octobot::channel::detail {

template <typename Message>
class AsyncConsumer final : public TypedConsumer<Message>, public std::enable_shared_from_this<AsyncConsumer<Message>> {
 public:
  // Messages taken per drain task before it re-posts itself, so that one busy consumer cannot
  // monopolise a shared io_context thread.
  static constexpr std::size_t kBatch = 64;

  AsyncConsumer(ConsumerSettings settings, typename TypedConsumer<Message>::Callback callback, Executor executor)
      : TypedConsumer<Message>(std::move(settings), std::move(callback)), executor_(std::move(executor)) {
    batch_.reserve(kBatch);  // drain() fills it without allocating, so it can stay noexcept
  }

  void offer(const Message& message) override { enqueue(message); }
  void offer(Message&& message) override { enqueue(std::move(message)); }

  void close() noexcept override {
    RingQueue<Message> discarded;
    {
      std::unique_lock lock(mutex_);
      closed_.store(true, std::memory_order_release);
      std::swap(discarded, messages_);
      if (blocked_producers_ > 0) space_available_.notify_all();
      if (running_ && running_thread_ != std::this_thread::get_id()) {
        ++closers_waiting_;
        callback_finished_.wait(lock, [this] { return !running_; });
        --closers_waiting_;
      }
    }
    // `discarded` is destroyed here, without the lock.
  }

  [[nodiscard]] ConsumerStats stats() const override {
    const std::lock_guard lock(mutex_);
    // Acquire pairs with the release below: whoever reads a count also sees what those callbacks did.
    return {delivered_.load(std::memory_order_acquire), failed_.load(std::memory_order_acquire), dropped_, overflowed_,
            messages_.size()};
  }

 private:
  // Copies or moves `message` straight into the queue's slot (a blocked producer's message stays
  // its own until there is room).
  template <typename M>
  void enqueue(M&& message) {
    std::unique_lock lock(mutex_);
    if (closed_.load(std::memory_order_relaxed)) return;
    const QueuePolicy& policy = this->settings().queue;
    if (messages_.size() >= policy.capacity) {
      switch (policy.when_full) {
        case WhenFull::drop_newest:
          ++dropped_;
          return;
        case WhenFull::drop_oldest:
          messages_.drop_front();
          ++dropped_;
          break;
        case WhenFull::block:
          if (executor_.running_in_this_thread()) {
            // This thread runs the consumer's executor: waiting here would wait for ourselves.
            ++overflowed_;
            break;
          }
          ++blocked_producers_;
          space_available_.wait(
              lock, [&] { return closed_.load(std::memory_order_relaxed) || messages_.size() < policy.capacity; });
          --blocked_producers_;
          if (closed_.load(std::memory_order_relaxed)) return;
          break;
      }
    }
    messages_.push_back(std::forward<M>(message));
    if (scheduled_) return;
    scheduled_ = true;
    lock.unlock();
    schedule_drain();
  }

  void schedule_drain() {
    try {
      executor_.post([self = this->shared_from_this()] { self->drain(); });
    } catch (...) {
      const std::lock_guard lock(mutex_);
      scheduled_ = false;  // so that a later send tries again
      throw;
    }
  }

  // Runs on the executor. Takes up to kBatch messages, runs their callbacks without the lock, then
  // re-posts itself if more arrived.
  void drain() noexcept {
    {
      std::unique_lock lock(mutex_);
      if (closed_.load(std::memory_order_relaxed) || messages_.empty()) {
        scheduled_ = false;
        return;
      }
      while (!messages_.empty() && batch_.size() < kBatch) {
        batch_.push_back(std::move(messages_.front()));
        messages_.drop_front();
      }
      running_ = true;
      running_thread_ = std::this_thread::get_id();
      if (blocked_producers_ > 0) space_available_.notify_all();
    }
    for (const Message& message : batch_) {
      // close() from another thread waits for `running_` to drop, so checking here is enough to
      // guarantee that no callback starts after close() returned.
      if (closed_.load(std::memory_order_acquire)) break;
      if (this->invoke(message)) {
        delivered_.fetch_add(1, std::memory_order_release);
      } else {
        failed_.fetch_add(1, std::memory_order_release);
      }
    }
    batch_.clear();
    bool more = false;
    {
      const std::lock_guard lock(mutex_);
      running_ = false;
      running_thread_ = {};
      if (closers_waiting_ > 0) callback_finished_.notify_all();
      more = !closed_.load(std::memory_order_relaxed) && !messages_.empty();
      if (!more) scheduled_ = false;
    }
    if (more) {
      try {
        executor_.post([self = this->shared_from_this()] { self->drain(); });
      } catch (...) {
        const std::lock_guard lock(mutex_);
        scheduled_ = false;  // the next send re-posts; nothing else can be done from a noexcept task
      }
    }
  }

  Executor executor_;
  mutable std::mutex mutex_;
  std::condition_variable space_available_;    // producers blocked by WhenFull::block wait here
  std::condition_variable callback_finished_;  // close() from another thread waits here
  RingQueue<Message> messages_;
  std::vector<Message> batch_;  // only touched by the single drain task
  std::atomic<bool> closed_{false};
  bool scheduled_ = false;  // a drain task is posted or running
  bool running_ = false;    // callbacks of the current batch are running
  std::thread::id running_thread_;
  std::size_t blocked_producers_ = 0;
  std::size_t closers_waiting_ = 0;
  std::atomic<std::uint64_t> delivered_{0};
  std::atomic<std::uint64_t> failed_{0};
  std::uint64_t dropped_ = 0;
  std::uint64_t overflowed_ = 0;
};

}  // namespace octobot::channel::detail
