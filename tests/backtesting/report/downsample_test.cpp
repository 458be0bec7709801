#include <catch2/catch.hpp>
#include <octobot/backtesting/report/downsample.hpp>

#include <algorithm>

using namespace octobot::backtesting::report;

TEST_CASE("candles are OHLC-aggregated into at most the asked count", "[report][downsample]") {
  std::vector<Candle> candles;
  for (int i = 0; i < 10; ++i) {
    const auto v = Decimal::from_integer(100 + i);
    candles.push_back({i * 60'000, v, v + Decimal::from_integer(i % 3), v - Decimal::from_integer(i % 4),
                       v + Decimal::from_integer(1), Decimal::from_integer(1)});
  }
  CHECK(aggregate_candles(candles, 10).size() == 10);  // fits: unchanged
  const auto drawn = aggregate_candles(candles, 3);    // buckets of ceil(10 / 3) = 4: 4, 4, 2
  REQUIRE(drawn.size() == 3);
  CHECK(drawn[0].time_ms == 0);
  CHECK(drawn[0].open == Decimal::from_integer(100));   // first open
  CHECK(drawn[0].close == Decimal::from_integer(104));  // last close: candle 3 (103 + 1)
  CHECK(drawn[0].high == Decimal::from_integer(104));   // candle 2: 102 + 2
  CHECK(drawn[0].low == Decimal::from_integer(100));    // candle 0: 100 - 0 (candle 3: 103 - 3)
  CHECK(drawn[0].volume == Decimal::from_integer(4));
  CHECK(drawn[2].time_ms == 8 * 60'000);
  CHECK(drawn[2].close == Decimal::from_integer(110));
}

TEST_CASE("line downsampling keeps each bucket's extremes", "[report][downsample]") {
  std::vector<SeriesPoint> points;
  for (int i = 0; i < 40'000; ++i) points.push_back({i, static_cast<double>(i % 977)});
  points[12'345].value = -50;  // a spike that must survive
  points[33'333].value = 5000;
  const auto shown = downsample_min_max(points, 1500);
  CHECK(shown.size() <= 1500);
  CHECK(shown.size() > 1000);
  const auto [low, high] =
      std::minmax_element(shown.begin(), shown.end(), [](const auto& a, const auto& b) { return a.value < b.value; });
  CHECK(low->value == -50);
  CHECK(low->time_ms == 12'345);
  CHECK(high->value == 5000);
  CHECK(std::is_sorted(shown.begin(), shown.end(), [](const auto& a, const auto& b) { return a.time_ms < b.time_ms; }));
}
