// A backtest's report folded as the run goes, in memory that does not grow with the run: fills go
// into round trips and trade statistics as they arrive (FillAccumulator), equity points into the
// equity statistics (EquityStatistics) and a bounded chart curve, candles into bounded chart series.
// Only the latest `RunLimits::trades` fills and closed trades are kept for the report's lists. For a
// run within the limits, the report is the same as make_report over the complete RunData.
#pragma once

#include <octobot/backtesting/report/bounded_series.hpp>
#include <octobot/backtesting/report/fill_accumulator.hpp>
#include <octobot/backtesting/report/round_trips.hpp>
#include <octobot/backtesting/report/run_data.hpp>
#include <octobot/backtesting/report/statistics.hpp>
#include <octobot/backtesting/report/statistics_accumulator.hpp>

#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::backtesting::report {

struct StreamedReport {
  RoundTrips round_trips;
  Statistics statistics;
};

struct RunLimits {
  std::size_t trades = 10'000;         // fills and closed trades kept for the report's lists (the latest)
  std::size_t equity_points = 20'000;  // points of the equity curve kept for the chart
  std::size_t chart_candles = 20'000;  // candles kept per symbol for the chart
  std::size_t warnings = 1'000;        // round-trip warnings kept (the first)
};

// Base assets held at the start as lots opened at the run's start, at each symbol's first close:
// selling them later is then a round trip measured against the starting price, instead of a sell
// "without an open lot". Only bases of symbols quoted in the reference market, once per asset.
[[nodiscard]] std::vector<Fill> starting_lots(const RunMetadata& metadata);

// Where positions still open stop counting as exposure: the run's end, or its last equity point when
// the run has no end.
[[nodiscard]] std::int64_t exposure_end_ms(const RunMetadata& metadata, const std::vector<EquityPoint>& equity);

class RunAccumulator {
 public:
  RunAccumulator(std::string_view reference_market, RunLimits limits);

  // Feeds starting_lots(metadata): the metadata known at the first fill (start, reference market,
  // starting portfolio, the symbols' first closes). Called by the first add_fill's caller, or by finish.
  void start(const RunMetadata& metadata);
  [[nodiscard]] bool started() const { return started_; }

  void add_fill(const Fill& fill);  // in time order, after start
  void add_equity(const EquityPoint& point);
  void add_candle(const std::string& symbol, std::string_view time_frame, const Candle& candle);

  // Completes `run`, whose metadata is final: bounded equity, fills and candles, and `streamed`.
  void finish(RunData& run);

 private:
  struct ChartSeries {
    std::string time_frame;
    BoundedCandles candles;
  };
  RunLimits limits_;
  bool started_ = false;
  FillAccumulator fills_;
  std::deque<Fill> latest_fills_;
  std::uint64_t fill_count_ = 0;
  EquityStatistics equity_statistics_;
  BoundedEquity equity_;
  std::map<std::string, ChartSeries, std::less<>> chart_;
};

}  // namespace octobot::backtesting::report
