// Filter semantics: wildcards on either side, lists, keys the consumer leaves out, keys the channel
// does not have, and the same rules end to end through a channel.
#include <catch2/catch.hpp>
#include <octobot/channel/executor.hpp>
#include <octobot/channel/filter.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <boost/asio/io_context.hpp>

#include <array>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "channel_test_support.hpp"

using namespace octobot::channel;
using octobot::channel::test::message;
using octobot::channel::test::TestChannel;

namespace {

constexpr std::array<std::string_view, 2> kKeys{"symbol", "time_frame"};

bool matches(const Filter& filter, std::string_view symbol, std::string_view time_frame) {
  const std::array<std::string_view, 2> values{symbol, time_frame};
  return CompiledFilter::compile(filter, kKeys, "Test").matches(values);
}

}  // namespace

TEST_CASE("a filter accepts a message only when every constrained key matches", "[channel][filter]") {
  const Filter filter{{"symbol", "BTC/USDT"}, {"time_frame", "1h"}};
  CHECK(matches(filter, "BTC/USDT", "1h"));
  CHECK_FALSE(matches(filter, "ETH/USDT", "1h"));
  CHECK_FALSE(matches(filter, "BTC/USDT", "4h"));
  CHECK_FALSE(matches(filter, "ETH/USDT", "4h"));
}

TEST_CASE("the wildcard on the consumer side accepts every value of that key", "[channel][filter]") {
  const Filter filter{{"symbol", "*"}, {"time_frame", "1h"}};
  CHECK(matches(filter, "BTC/USDT", "1h"));
  CHECK(matches(filter, "ANY/THING", "1h"));
  CHECK(matches(filter, "", "1h"));
  CHECK_FALSE(matches(filter, "BTC/USDT", "4h"));
}

TEST_CASE("the wildcard on the message side reaches every consumer value of that key", "[channel][filter]") {
  const Filter filter{{"symbol", "BTC/USDT"}, {"time_frame", "1h"}};
  CHECK(matches(filter, "*", "1h"));
  CHECK(matches(filter, "BTC/USDT", "*"));
  CHECK(matches(filter, "*", "*"));
  CHECK_FALSE(matches(filter, "*", "4h"));  // the other key still has to match
}

TEST_CASE("a list matches when any of its elements matches", "[channel][filter]") {
  SECTION("built with where_any") {
    Filter filter;
    filter.where("symbol", "BTC/USDT").where_any("time_frame", {"1h", "4h"});
    CHECK(matches(filter, "BTC/USDT", "1h"));
    CHECK(matches(filter, "BTC/USDT", "4h"));
    CHECK_FALSE(matches(filter, "BTC/USDT", "1d"));
  }
  SECTION("built by repeating a key, as the C ABI does") {
    const Filter filter{{"time_frame", "1h"}, {"time_frame", "4h"}};
    CHECK(matches(filter, "BTC/USDT", "1h"));
    CHECK(matches(filter, "ETH/USDT", "4h"));
    CHECK_FALSE(matches(filter, "BTC/USDT", "1d"));
  }
  SECTION("a wildcard element makes the whole list a wildcard") {
    Filter filter;
    filter.where_any("time_frame", {"1h", "*"});
    CHECK(matches(filter, "BTC/USDT", "1d"));
  }
  SECTION("an empty list accepts only the message wildcard") {
    Filter filter;
    filter.where_any("time_frame", {});
    CHECK_FALSE(matches(filter, "BTC/USDT", "1h"));
    CHECK_FALSE(matches(filter, "BTC/USDT", ""));
    CHECK(matches(filter, "BTC/USDT", "*"));
  }
}

TEST_CASE("a key the consumer leaves out is unconstrained", "[channel][filter]") {
  CHECK(matches(Filter{}, "BTC/USDT", "1h"));
  CHECK(matches(Filter{}, "", ""));
  const Filter only_symbol{{"symbol", "BTC/USDT"}};
  CHECK(matches(only_symbol, "BTC/USDT", "1h"));
  CHECK(matches(only_symbol, "BTC/USDT", "1w"));
  CHECK_FALSE(matches(only_symbol, "ETH/USDT", "1h"));
}

TEST_CASE("an empty message value is an ordinary value and not a wildcard", "[channel][filter]") {
  const Filter wants_1h{{"time_frame", "1h"}};
  CHECK_FALSE(matches(wants_1h, "BTC/USDT", ""));
  const Filter wants_none{{"time_frame", ""}};
  CHECK(matches(wants_none, "BTC/USDT", ""));
  CHECK_FALSE(matches(wants_none, "BTC/USDT", "1h"));
}

TEST_CASE("a key the channel does not declare is rejected when subscribing", "[channel][filter]") {
  const Filter typo{{"simbol", "BTC/USDT"}};
  try {
    (void)CompiledFilter::compile(typo, kKeys, "Test");
    FAIL("compile accepted an unknown key");
  } catch (const std::invalid_argument& e) {
    const std::string text = e.what();
    CHECK(text.find("'simbol'") != std::string::npos);
    CHECK(text.find("\"symbol\", \"time_frame\"") != std::string::npos);
  }

  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  CHECK_THROWS_AS(channel.subscribe([](const auto&) {}, ConsumerOptions().with_filter(typo)), std::invalid_argument);
  CHECK(channel.consumer_count() == 0);
}

TEST_CASE("a channel delivers each message only to the consumers whose filter matches", "[channel][filter]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  std::vector<int> btc_1h, btc_any, any_4h_or_1d, everything;
  auto s1 = channel.subscribe([&](const auto& m) { btc_1h.push_back(m.value); },
                              ConsumerOptions().with_filter(Filter{{"symbol", "BTC/USDT"}, {"time_frame", "1h"}}));
  auto s2 = channel.subscribe([&](const auto& m) { btc_any.push_back(m.value); },
                              ConsumerOptions().with_filter(Filter{{"symbol", "BTC/USDT"}}));
  auto s3 = channel.subscribe([&](const auto& m) { any_4h_or_1d.push_back(m.value); },
                              ConsumerOptions().with_filter(Filter().where_any("time_frame", {"4h", "1d"})));
  auto s4 = channel.subscribe([&](const auto& m) { everything.push_back(m.value); });

  channel.send(message(1, "BTC/USDT", "1h"));
  channel.send(message(2, "BTC/USDT", "4h"));
  channel.send(message(3, "ETH/USDT", "1d"));
  channel.send(message(4, "*", "1h"));
  channel.send(message(5, "ETH/USDT", "*"));
  CHECK(driver.drain() == 13);

  CHECK(btc_1h == std::vector<int>{1, 4});
  CHECK(btc_any == std::vector<int>{1, 2, 4});
  CHECK(any_4h_or_1d == std::vector<int>{2, 3, 5});
  CHECK(everything == std::vector<int>{1, 2, 3, 4, 5});
}

TEST_CASE("would_deliver says whether send() would reach a consumer, before the message is built",
          "[channel][filter]") {
  SyncDriver driver;
  TestChannel channel("x", DeliveryMode::synchronized(driver));
  const auto would_deliver = [&](std::string_view symbol, std::string_view time_frame) {
    return channel.would_deliver(std::array<std::string_view, 2>{symbol, time_frame});
  };
  CHECK_FALSE(would_deliver("BTC/USDT", "1h"));  // no consumer at all
  std::vector<int> received;
  auto btc_1h = channel.subscribe([&](const auto& m) { received.push_back(m.value); },
                                  ConsumerOptions().with_filter(Filter{{"symbol", "BTC/USDT"}, {"time_frame", "1h"}}));
  auto any_4h = channel.subscribe([&](const auto& m) { received.push_back(m.value); },
                                  ConsumerOptions().with_filter(Filter{{"time_frame", "4h"}}));
  CHECK(would_deliver("BTC/USDT", "1h"));
  CHECK(would_deliver("ETH/USDT", "4h"));
  CHECK(would_deliver("*", "1h"));
  CHECK_FALSE(would_deliver("ETH/USDT", "1h"));
  CHECK_FALSE(would_deliver("BTC/USDT", "1d"));
  // The same answers as delivery itself.
  channel.send(message(1, "ETH/USDT", "1h"));
  channel.send(message(2, "BTC/USDT", "1d"));
  channel.send(message(3, "ETH/USDT", "4h"));
  driver.drain();
  CHECK(received == std::vector<int>{3});
  btc_1h.unsubscribe();
  CHECK_FALSE(would_deliver("BTC/USDT", "1h"));

  boost::asio::io_context io;  // never run: only the consumers' filters are asked
  TestChannel async_channel("y", DeliveryMode::asynchronous(make_executor(io)));
  auto sub = async_channel.subscribe([](const auto&) {}, ConsumerOptions().with_filter(Filter{{"symbol", "BTC/USDT"}}));
  CHECK(async_channel.would_deliver(std::array<std::string_view, 2>{"BTC/USDT", "4h"}));
  CHECK_FALSE(async_channel.would_deliver(std::array<std::string_view, 2>{"ETH/USDT", "4h"}));
}
