// Asynchronous backpressure: what a send does when a consumer's queue is full, per policy.
#include <catch2/catch.hpp>
#include <octobot/channel/executor.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::message;
using octobot::channel::test::TestChannel;
using octobot::channel::test::wait_until;

namespace asio = boost::asio;

namespace {

// The io_context is not running while messages are sent, so nothing drains: the queue fills up.
struct StalledConsumer {
  asio::io_context io;
  TestChannel channel{"x", DeliveryMode::asynchronous(make_executor(io))};
  std::vector<int> received;
  Subscription subscription;

  explicit StalledConsumer(QueuePolicy policy) {
    subscription = channel.subscribe([this](const auto& m) { received.push_back(m.value); },
                                     ConsumerOptions().with_name("stalled").with_queue(policy));
  }
};

}  // namespace

TEST_CASE("drop_newest keeps the backlog and discards new messages", "[channel][async][backpressure]") {
  StalledConsumer consumer(QueuePolicy{3, WhenFull::drop_newest});
  for (int i = 1; i <= 5; ++i) consumer.channel.send(message(i));
  CHECK(consumer.subscription.stats().queued == 3);
  consumer.io.run();
  CHECK(consumer.received == std::vector<int>{1, 2, 3});
  CHECK(consumer.subscription.stats().dropped == 2);
}

TEST_CASE("drop_oldest keeps the freshest messages", "[channel][async][backpressure]") {
  StalledConsumer consumer(QueuePolicy{3, WhenFull::drop_oldest});
  for (int i = 1; i <= 5; ++i) consumer.channel.send(message(i));
  consumer.io.run();
  CHECK(consumer.received == std::vector<int>{3, 4, 5});
  CHECK(consumer.subscription.stats().dropped == 2);
}

TEST_CASE("block makes the producer wait for room and loses nothing", "[channel][async][backpressure]") {
  StalledConsumer consumer(QueuePolicy{2, WhenFull::block});
  std::atomic<int> sent{0};
  std::thread producer([&] {
    for (int i = 1; i <= 10; ++i) {
      consumer.channel.send(message(i));
      ++sent;
    }
  });
  REQUIRE(wait_until([&] { return sent == 2; }));
  // Nothing drains the queue, so the producer cannot get further, however long we wait.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(sent == 2);
  CHECK(consumer.subscription.stats().queued == 2);

  auto guard = asio::make_work_guard(consumer.io);
  std::thread loop([&] { consumer.io.run(); });
  producer.join();
  REQUIRE(wait_until([&] { return consumer.subscription.stats().delivered == 10; }));
  guard.reset();
  loop.join();
  CHECK(consumer.received == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  CHECK(consumer.subscription.stats().dropped == 0);
  CHECK(consumer.subscription.stats().overflowed == 0);
}

TEST_CASE("block does not deadlock a producer running on the consumer's own thread", "[channel][async][backpressure]") {
  StalledConsumer consumer(QueuePolicy{2, WhenFull::block});
  // A handler on the same io_context produces: waiting would wait for itself, so the queue overflows.
  asio::post(consumer.io, [&] {
    for (int i = 1; i <= 5; ++i) consumer.channel.send(message(i));
  });
  consumer.io.run();
  CHECK(consumer.received == std::vector<int>{1, 2, 3, 4, 5});
  CHECK(consumer.subscription.stats().overflowed == 3);
}

TEST_CASE("unsubscribing wakes a producer blocked on that consumer", "[channel][async][backpressure]") {
  StalledConsumer consumer(QueuePolicy{1, WhenFull::block});
  std::atomic<bool> done{false};
  consumer.channel.send(message(1));
  std::thread producer([&] {
    consumer.channel.send(message(2));  // blocks: the queue is full and nothing drains it
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK_FALSE(done);
  consumer.subscription.unsubscribe();
  producer.join();
  CHECK(done);
  consumer.io.run();
  CHECK(consumer.received.empty());
}

TEST_CASE("one full consumer only slows the producer while other consumers keep receiving",
          "[channel][async][backpressure]") {
  asio::io_context stalled_io;  // never runs while the producer sends
  asio::io_context live_io;
  auto live_guard = asio::make_work_guard(live_io);
  std::thread live_loop([&] { live_io.run(); });

  TestChannel channel("x", DeliveryMode::asynchronous(make_executor(live_io)));
  std::atomic<int> live_received{0};
  auto live = channel.subscribe([&](const auto&) { ++live_received; });
  auto lossy = channel.subscribe(
      [](const auto&) {},
      ConsumerOptions().with_executor(make_executor(stalled_io)).with_queue(QueuePolicy{4, WhenFull::drop_oldest}));
  for (int i = 0; i < 100; ++i) channel.send(message(i));
  REQUIRE(wait_until([&] { return live_received == 100; }));
  CHECK(lossy.stats().dropped == 96);
  live_guard.reset();
  live_loop.join();
}
