// Chart series that stay under a fixed size however long the run: points are kept as they come until
// the limit, then adjacent buckets merge two by two (each bucket standing for twice as many points).
// A run that fits keeps every point, so its report is unchanged. The statistics never read these: they
// are folded from every point (statistics_accumulator.hpp).
#pragma once

#include <octobot/backtesting/report/run_data.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace octobot::backtesting::report {

// An equity curve of at most `max_points` points (taken even, at least 4; plus the run's first and
// last): each bucket keeps its lowest and its highest point (the earliest on ties), in time order,
// as downsample_min_max does, so the deepest trough and the highest peak survive the merging.
class BoundedEquity {
 public:
  explicit BoundedEquity(std::size_t max_points);
  void add(const EquityPoint& point);
  [[nodiscard]] std::uint64_t points() const { return points_; }
  [[nodiscard]] std::vector<EquityPoint> curve() const;

 private:
  struct Bucket {
    EquityPoint low;
    EquityPoint high;
  };
  std::size_t max_points_;
  std::vector<Bucket> buckets_;
  std::uint64_t per_bucket_ = 1;  // points each full bucket stands for
  std::uint64_t in_last_ = 0;     // points in the last bucket
  std::uint64_t points_ = 0;
  EquityPoint first_;
  EquityPoint last_;
};

// The candles of one symbol, at most `max_candles` (at least 2): each kept candle is the OHLC aggregate of
// consecutive ones (first open, highest high, lowest low, last close, summed volume).
class BoundedCandles {
 public:
  explicit BoundedCandles(std::size_t max_candles);
  void add(const Candle& candle);
  [[nodiscard]] std::uint64_t candles() const { return candles_; }
  [[nodiscard]] std::vector<Candle> take() { return std::move(kept_); }

 private:
  std::size_t max_candles_;
  std::vector<Candle> kept_;
  std::uint64_t per_candle_ = 1;
  std::uint64_t in_last_ = 0;
  std::uint64_t candles_ = 0;
};

// `later` merged into `earlier`: one candle spanning both.
void merge_candle(Candle& earlier, const Candle& later);

}  // namespace octobot::backtesting::report
