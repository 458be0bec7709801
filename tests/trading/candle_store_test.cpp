#include <catch2/catch.hpp>
#include <octobot/trading/candle_store.hpp>

using octobot::channel::Candle;
using octobot::channel::OhlcvMessage;
using octobot::commons::Decimal;
using octobot::commons::TimeFrame;
using octobot::trading::CandleStore;

namespace {
Candle candle_at(std::int64_t minute, std::int64_t close) {
  const Decimal price = Decimal::from_integer(close);
  return Candle{minute * 60'000, price, price, price, price, Decimal::from_integer(1)};
}
}  // namespace

TEST_CASE("one buffer per (symbol, time frame), created on the first candle, with the configured capacity",
          "[candle_store]") {
  CandleStore store(2);
  CHECK(store.find("BTC/USDT", TimeFrame::one_hour) == nullptr);
  store.push(OhlcvMessage{"BTC", "BTC/USDT", "1h", candle_at(0, 100)});
  store.push(OhlcvMessage{"BTC", "BTC/USDT", "1h", candle_at(60, 101)});
  store.push(OhlcvMessage{"BTC", "BTC/USDT", "1h", candle_at(120, 102)});
  store.push("BTC/USDT", TimeFrame::one_minute, candle_at(0, 7));
  store.push("ETH/USDT", TimeFrame::one_hour, candle_at(0, 9));
  CHECK(store.buffer_count() == 3);

  const auto* hourly = store.find("BTC/USDT", TimeFrame::one_hour);
  REQUIRE(hourly != nullptr);
  CHECK(hourly->capacity() == 2);
  CHECK(std::vector<double>(hourly->closes().begin(), hourly->closes().end()) == std::vector<double>{101, 102});
  CHECK(store.find("BTC/USDT", TimeFrame::one_minute)->closes()[0] == 7);
  CHECK(store.find("ETH/USDT", TimeFrame::one_hour)->closes()[0] == 9);
  CHECK(store.find("ETH/USDT", TimeFrame::one_minute) == nullptr);
  CHECK(CandleStore().capacity_per_buffer() == 3000);
}

TEST_CASE("an unknown time frame or an out-of-order candle is refused", "[candle_store]") {
  CandleStore store;
  CHECK_THROWS_WITH(store.push(OhlcvMessage{"BTC", "BTC/USDT", "7h", candle_at(0, 1)}),
                    "candle of BTC/USDT has an unknown time frame '7h'");
  CHECK(store.buffer_count() == 0);
  store.push("BTC/USDT", TimeFrame::one_hour, candle_at(60, 1));
  CHECK_THROWS_AS(store.push("BTC/USDT", TimeFrame::one_hour, candle_at(0, 1)), std::invalid_argument);
  CHECK_THROWS_AS(CandleStore(0), std::invalid_argument);
}
