// Shrinking long series for charts without hiding what matters: candles are OHLC-aggregated (a bucket
// keeps its first open, highest high, lowest low, last close), lines keep each bucket's minimum and
// maximum (a drawdown spike survives any zoom level). Both are O(n).
#pragma once

#include <octobot/backtesting/report/run_data.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace octobot::backtesting::report {

// At most `max_candles` candles (each the aggregate of consecutive ones); unchanged when it fits.
[[nodiscard]] std::vector<Candle> aggregate_candles(std::span<const Candle> candles, std::size_t max_candles);

struct SeriesPoint {
  std::int64_t time_ms = 0;
  double value = 0;
};

// At most `max_points` points: buckets of consecutive points, each giving its minimum and maximum in
// time order (one point when they coincide). Unchanged when it fits. `max_points` below 2 is taken as 2.
[[nodiscard]] std::vector<SeriesPoint> downsample_min_max(std::span<const SeriesPoint> points, std::size_t max_points);

}  // namespace octobot::backtesting::report
