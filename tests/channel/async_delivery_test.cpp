// Asynchronous mode on Boost.Asio: callbacks run on the channel set's io_context, or on a consumer's
// own executor (another thread, a strand); a consumer's callback never overlaps itself and sees its
// messages in send order.
#include <catch2/catch.hpp>
#include <octobot/channel/executor.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::message;
using octobot::channel::test::TestChannel;
using octobot::channel::test::wait_until;

namespace asio = boost::asio;

namespace {

// An io_context run by `threads` threads until destroyed.
class RunningIoContext {
 public:
  explicit RunningIoContext(int threads = 1) : guard_(asio::make_work_guard(io_)) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~RunningIoContext() {
    guard_.reset();
    for (auto& thread : threads_) thread.join();
  }
  RunningIoContext(const RunningIoContext&) = delete;
  RunningIoContext& operator=(const RunningIoContext&) = delete;

  asio::io_context& io() { return io_; }
  [[nodiscard]] std::vector<std::thread::id> thread_ids() const {
    std::vector<std::thread::id> ids;
    for (const auto& thread : threads_) ids.push_back(thread.get_id());
    return ids;
  }

 private:
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_;
  std::vector<std::thread> threads_;
};

}  // namespace

TEST_CASE("async consumers run on the channel set's io_context in send order", "[channel][async]") {
  RunningIoContext bot_loop;
  TestChannel channel("x", DeliveryMode::asynchronous(make_executor(bot_loop.io())));
  std::mutex mutex;
  std::vector<int> received;
  std::vector<std::thread::id> threads;
  auto sub = channel.subscribe([&](const auto& m) {
    const std::lock_guard lock(mutex);
    received.push_back(m.value);
    threads.push_back(std::this_thread::get_id());
  });
  for (int i = 0; i < 500; ++i) channel.send(message(i));
  REQUIRE(wait_until([&] { return sub.stats().delivered == 500; }));

  const std::lock_guard lock(mutex);
  std::vector<int> expected(500);
  for (int i = 0; i < 500; ++i) expected[static_cast<std::size_t>(i)] = i;
  CHECK(received == expected);
  for (const auto id : threads) CHECK(id == bot_loop.thread_ids().front());
}

TEST_CASE("a consumer may run on another thread's io_context", "[channel][async]") {
  RunningIoContext bot_loop;
  RunningIoContext worker;
  TestChannel channel("x", DeliveryMode::asynchronous(make_executor(bot_loop.io())));
  std::atomic<int> on_worker{0};
  std::atomic<int> on_loop{0};
  const std::thread::id worker_id = worker.thread_ids().front();
  const std::thread::id loop_id = bot_loop.thread_ids().front();
  auto heavy = channel.subscribe([&](const auto&) { on_worker += std::this_thread::get_id() == worker_id ? 1 : 0; },
                                 ConsumerOptions().with_executor(make_executor(worker.io())));
  auto light = channel.subscribe([&](const auto&) { on_loop += std::this_thread::get_id() == loop_id ? 1 : 0; });
  for (int i = 0; i < 100; ++i) channel.send(message(i));
  REQUIRE(wait_until([&] { return on_worker == 100 && on_loop == 100; }));
}

TEST_CASE("a consumer's callback never overlaps itself even on a multi-threaded io_context", "[channel][async]") {
  RunningIoContext pool(4);
  TestChannel channel("x", DeliveryMode::asynchronous(make_executor(pool.io())));
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  std::vector<int> received;  // written only by the callback: overlapping calls would race (TSan)
  auto sub = channel.subscribe([&](const auto& m) {
    if (inside.fetch_add(1) != 0) ++overlaps;
    received.push_back(m.value);
    std::this_thread::yield();
    inside.fetch_sub(1);
  });
  for (int i = 0; i < 2000; ++i) channel.send(message(i));
  REQUIRE(wait_until([&] { return sub.stats().delivered == 2000; }));
  CHECK(overlaps == 0);
  bool in_order = true;
  for (std::size_t i = 0; i < received.size(); ++i) in_order = in_order && received[i] == static_cast<int>(i);
  CHECK(in_order);
}

TEST_CASE("consumers sharing a strand never run at the same time", "[channel][async]") {
  RunningIoContext pool(4);
  TestChannel channel("x", DeliveryMode::asynchronous(make_executor(pool.io())));
  const Executor strand = make_strand(pool.io());
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  int shared_counter = 0;  // unsynchronised on purpose: the strand is the synchronisation (TSan)
  const auto body = [&](const auto&) {
    if (inside.fetch_add(1) != 0) ++overlaps;
    ++shared_counter;
    std::this_thread::yield();
    inside.fetch_sub(1);
  };
  auto a = channel.subscribe(body, ConsumerOptions().with_executor(strand));
  auto b = channel.subscribe(body, ConsumerOptions().with_executor(strand));
  for (int i = 0; i < 1000; ++i) channel.send(message(i));
  REQUIRE(wait_until([&] { return a.stats().delivered + b.stats().delivered == 2000; }));
  CHECK(overlaps == 0);
  CHECK(a.stats().delivered == 1000);
  CHECK(shared_counter == 2000);
}

TEST_CASE("many producer threads and subscription churn deliver every message exactly once", "[channel][async]") {
  RunningIoContext pool(2);
  TestChannel channel("x", DeliveryMode::asynchronous(make_executor(pool.io())));
  std::atomic<long> sum{0};
  auto counter = channel.subscribe([&](const auto& m) { sum += m.value; });
  std::atomic<bool> stop{false};
  std::thread churn([&] {  // subscribes and unsubscribes while producers send
    while (!stop) {
      auto transient = channel.subscribe([](const auto&) {}, ConsumerOptions().with_priority(Priority::optional));
      std::this_thread::yield();
    }
  });
  std::vector<std::thread> producers;
  for (int p = 0; p < 3; ++p) {
    producers.emplace_back([&] {
      for (int i = 1; i <= 1000; ++i) channel.send(message(i));
    });
  }
  for (auto& producer : producers) producer.join();
  stop = true;
  churn.join();
  REQUIRE(wait_until([&] { return counter.stats().delivered == 3000; }));
  CHECK(sum == 3L * 1000 * 1001 / 2);
}
