// A consumer that throws is logged and isolated: the others still receive, it keeps receiving, and
// nothing propagates to the producer or the driver.
#include <catch2/catch.hpp>
#include <octobot/channel/executor.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <boost/asio/io_context.hpp>

#include <stdexcept>
#include <vector>

#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::LogCapture;
using octobot::channel::test::message;
using octobot::channel::test::TestChannel;

namespace {

struct NotAnException {};

void subscribe_thrower_and_witness(TestChannel& channel, Subscription& thrower, Subscription& witness,
                                   std::vector<int>& thrower_saw, std::vector<int>& witness_saw) {
  thrower = channel.subscribe(
      [&](const auto& m) {
        thrower_saw.push_back(m.value);
        if (m.value % 2 == 1) throw std::runtime_error("odd value " + std::to_string(m.value));
        throw NotAnException{};
      },
      ConsumerOptions().with_name("thrower"));
  witness =
      channel.subscribe([&](const auto& m) { witness_saw.push_back(m.value); }, ConsumerOptions().with_name("witness"));
}

}  // namespace

TEST_CASE("a throwing consumer is isolated in synchronized mode", "[channel][failure]") {
  LogCapture log;
  SyncDriver driver;
  TestChannel channel("binance", DeliveryMode::synchronized(driver));
  Subscription thrower, witness;
  std::vector<int> thrower_saw, witness_saw;
  subscribe_thrower_and_witness(channel, thrower, witness, thrower_saw, witness_saw);

  for (int i = 1; i <= 4; ++i) channel.send(message(i));
  CHECK_NOTHROW(driver.drain());

  CHECK(witness_saw == std::vector<int>{1, 2, 3, 4});
  CHECK(thrower_saw == std::vector<int>{1, 2, 3, 4});  // still receives after throwing
  CHECK(thrower.stats().failed == 4);
  CHECK(thrower.stats().delivered == 0);
  CHECK(witness.stats().delivered == 4);
  CHECK(log.count_containing("consumer 'thrower' of channel 'Test' (set 'binance') failed") == 4);
  CHECK(log.count_containing("odd value 3") == 1);
  CHECK(log.count_containing("not derived from std::exception") == 2);
}

TEST_CASE("a throwing consumer is isolated in asynchronous mode", "[channel][failure]") {
  LogCapture log;
  boost::asio::io_context io;
  TestChannel channel("binance", DeliveryMode::asynchronous(make_executor(io)));
  Subscription thrower, witness;
  std::vector<int> thrower_saw, witness_saw;
  subscribe_thrower_and_witness(channel, thrower, witness, thrower_saw, witness_saw);

  for (int i = 1; i <= 4; ++i) CHECK_NOTHROW(channel.send(message(i)));
  CHECK_NOTHROW(io.run());

  CHECK(witness_saw == std::vector<int>{1, 2, 3, 4});
  CHECK(thrower_saw == std::vector<int>{1, 2, 3, 4});
  CHECK(thrower.stats().failed == 4);
  CHECK(log.count_containing("consumer 'thrower'") == 4);
}

TEST_CASE("a throwing pause listener is logged and the others are still told", "[channel][failure]") {
  LogCapture log;
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  std::vector<bool> seen;
  auto bad = channel.watch_pause([](bool) { throw std::runtime_error("listener broke"); });
  auto good = channel.watch_pause([&](bool paused) { seen.push_back(paused); });
  auto sub = channel.subscribe([](const auto&) {});
  CHECK(seen == std::vector<bool>{true, false});
  CHECK(log.count_containing("listener broke") == 2);
}
