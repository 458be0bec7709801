// Unsubscribing during delivery: from the consumer's own callback, from another consumer's callback,
// and from another thread while the callback runs.
#include <catch2/catch.hpp>
#include <octobot/channel/executor.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::message;
using octobot::channel::test::TestChannel;
using octobot::channel::test::wait_until;

namespace asio = boost::asio;

TEST_CASE("synchronized: a consumer unsubscribing itself gets nothing more", "[channel][unsubscribe]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  std::vector<int> seen;
  // The handle lives on the heap and is destroyed from inside the callback: ASan checks that the
  // consumer outlives its own running callback.
  auto subscription = std::make_unique<Subscription>();
  *subscription = channel.subscribe([&](const auto& m) {
    seen.push_back(m.value);
    if (m.value == 2) subscription.reset();
  });
  for (int i = 1; i <= 5; ++i) channel.send(message(i));
  CHECK(driver.drain() == 2);
  CHECK(seen == std::vector<int>{1, 2});
  CHECK(channel.consumer_count() == 0);
  CHECK(channel.paused());
}

TEST_CASE("synchronized: a consumer unsubscribing another drops what the other had queued", "[channel][unsubscribe]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  std::vector<int> first_saw, second_saw;
  Subscription second;
  auto first = channel.subscribe(
      [&](const auto& m) {
        first_saw.push_back(m.value);
        if (m.value == 1) second.unsubscribe();
      },
      ConsumerOptions().with_priority(Priority::high));
  second = channel.subscribe([&](const auto& m) { second_saw.push_back(m.value); },
                             ConsumerOptions().with_priority(Priority::medium));
  for (int i = 1; i <= 3; ++i) channel.send(message(i));
  driver.drain();
  CHECK(first_saw == std::vector<int>{1, 2, 3});
  CHECK(second_saw.empty());  // HIGH ran first and removed MEDIUM before any of its deliveries
}

TEST_CASE("synchronized: a consumer subscribed during delivery receives only later sends", "[channel][unsubscribe]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  std::vector<int> late_saw;
  Subscription late;
  auto first = channel.subscribe([&](const auto& m) {
    if (m.value == 1) late = channel.subscribe([&](const auto& n) { late_saw.push_back(n.value); });
    if (m.value == 2) channel.send(message(3));
  });
  channel.send(message(1));
  channel.send(message(2));
  driver.drain();
  CHECK(late_saw == std::vector<int>{3});
}

TEST_CASE("async: unsubscribing from another thread waits for the running callback", "[channel][unsubscribe]") {
  asio::io_context io;
  auto guard = asio::make_work_guard(io);
  std::thread loop([&] { io.run(); });
  TestChannel channel("x", DeliveryMode::asynchronous(make_executor(io)));

  std::promise<void> callback_started;
  std::promise<void> release_callback;
  std::shared_future<void> released = release_callback.get_future().share();
  std::atomic<int> calls{0};
  std::atomic<bool> callback_running{false};
  auto subscription = channel.subscribe([&](const auto& m) {
    ++calls;
    if (m.value == 1) {
      callback_running = true;
      callback_started.set_value();
      released.wait();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      callback_running = false;
    }
  });
  for (int i = 1; i <= 5; ++i) channel.send(message(i));
  callback_started.get_future().wait();

  std::atomic<bool> unsubscribed{false};
  bool callback_was_running_when_unsubscribe_returned = true;
  std::thread unsubscriber([&] {
    subscription.unsubscribe();
    callback_was_running_when_unsubscribe_returned = callback_running;
    unsubscribed = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  CHECK_FALSE(unsubscribed);  // still waiting for the callback
  release_callback.set_value();
  unsubscriber.join();
  CHECK_FALSE(callback_was_running_when_unsubscribe_returned);
  CHECK(calls == 1);  // the four queued messages were never delivered

  for (int i = 6; i <= 8; ++i) channel.send(message(i));
  guard.reset();
  loop.join();
  CHECK(calls == 1);
}

TEST_CASE("async: a consumer unsubscribing itself returns at once and gets nothing more", "[channel][unsubscribe]") {
  asio::io_context io;
  TestChannel channel("x", DeliveryMode::asynchronous(make_executor(io)));
  std::vector<int> seen;
  auto subscription = std::make_unique<Subscription>();
  *subscription = channel.subscribe([&](const auto& m) {
    seen.push_back(m.value);
    if (m.value == 2) subscription.reset();  // would deadlock if it waited for itself
  });
  for (int i = 1; i <= 5; ++i) channel.send(message(i));
  io.run();
  CHECK(seen == std::vector<int>{1, 2});
  CHECK(channel.paused());
}

TEST_CASE("async: a subscription may outlive its channel", "[channel][unsubscribe]") {
  asio::io_context io;
  Subscription subscription;
  int calls = 0;
  {
    TestChannel channel("x", DeliveryMode::asynchronous(make_executor(io)));
    subscription = channel.subscribe([&](const auto&) { ++calls; });
    channel.send(message(1));
  }
  io.run();  // the channel closed its consumers: the queued message is not delivered
  CHECK(calls == 0);
  subscription.unsubscribe();
}
