#include <catch2/catch.hpp>
#include <octobot/backtesting/report/bounded_series.hpp>
#include <octobot/backtesting/report/downsample.hpp>

#include "random_run.hpp"

using namespace octobot::backtesting::report;

TEST_CASE("a bounded equity curve is unchanged while it fits", "[report][stream]") {
  const auto points = testing::random_equity(1'000);
  BoundedEquity bounded(1'000);
  for (const auto& point : points) bounded.add(point);
  const auto curve = bounded.curve();
  REQUIRE(curve.size() == points.size());
  for (std::size_t i = 0; i < curve.size(); ++i) {
    CHECK(curve[i].time_ms == points[i].time_ms);
    CHECK(curve[i].value == points[i].value);
  }
}

TEST_CASE("a bounded equity curve stays under its limit and keeps the extremes", "[report][stream]") {
  const auto points = testing::random_equity(100'003);
  for (const std::size_t limit : {4, 101, 1'000}) {
    BoundedEquity bounded(limit);
    for (const auto& point : points) bounded.add(point);
    const auto curve = bounded.curve();
    CHECK(bounded.points() == points.size());
    CHECK(curve.size() <= std::max<std::size_t>(limit, 4) + 2);
    CHECK(curve.size() >= std::max<std::size_t>(limit, 4) / 4);
    CHECK(curve.front().time_ms == points.front().time_ms);
    CHECK(curve.back().time_ms == points.back().time_ms);
    const auto by_value = [](const EquityPoint& a, const EquityPoint& b) { return a.value < b.value; };
    const auto lowest = std::min_element(points.begin(), points.end(), by_value);
    const auto highest = std::max_element(points.begin(), points.end(), by_value);
    CHECK(std::min_element(curve.begin(), curve.end(), by_value)->time_ms == lowest->time_ms);
    CHECK(std::max_element(curve.begin(), curve.end(), by_value)->time_ms == highest->time_ms);
    for (std::size_t i = 1; i < curve.size(); ++i) CHECK(curve[i - 1].time_ms < curve[i].time_ms);
  }
}

TEST_CASE("bounded candles are OHLC aggregates of every candle", "[report][stream]") {
  std::vector<Candle> candles;
  for (int i = 0; i < 10'001; ++i) {
    const auto price = testing::cents(10'000 + (i * 7919) % 2'000);
    candles.push_back({i * 60'000LL, price, price + testing::cents(i % 50), price - testing::cents(i % 30), price,
                       Decimal::from_integer(1 + i % 3)});
  }
  BoundedCandles within(20'000);
  BoundedCandles bounded(256);
  Decimal volume;
  for (const auto& candle : candles) {
    within.add(candle);
    bounded.add(candle);
    volume += candle.volume;
  }
  CHECK(within.take().size() == candles.size());
  const auto kept = bounded.take();
  CHECK(bounded.candles() == candles.size());
  CHECK(kept.size() <= 256);
  CHECK(kept.size() >= 64);
  CHECK(kept.front().time_ms == 0);
  CHECK(kept.front().open == candles.front().open);
  CHECK(kept.back().close == candles.back().close);
  Decimal kept_volume, high = kept.front().high, low = kept.front().low, source_high = high, source_low = low;
  for (const auto& candle : kept) {
    kept_volume += candle.volume;
    high = max(high, candle.high);
    low = min(low, candle.low);
  }
  for (const auto& candle : candles) {
    source_high = max(source_high, candle.high);
    source_low = min(source_low, candle.low);
  }
  CHECK(kept_volume == volume);
  CHECK(high == source_high);
  CHECK(low == source_low);
}
