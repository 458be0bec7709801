// The statistics of statistics.hpp, folded one equity point / one closed trade at a time, so a run
// of any length needs O(1) memory for them (issue: a backtest's memory must not grow with its
// candles). compute_statistics feeds the same classes from complete vectors: one code path.
//
// Exactness: every figure is the same as a two-pass computation over the whole series. Money (drawdown
// amounts, expectancy) is exact Decimal; the double figures are summed in the same order as before.
// The only two-pass sums (the variance behind volatility / Sharpe and behind SQN) keep their inputs
// while there are at most `kExactVarianceInputs` of them and are then bit-identical; beyond that they
// switch to Welford's online update (about 1e-15 relative difference, invisible at 12 digits).
#pragma once

#include <octobot/backtesting/report/round_trips.hpp>
#include <octobot/backtesting/report/run_data.hpp>
#include <octobot/backtesting/report/statistics.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace octobot::backtesting::report {

inline constexpr std::size_t kExactVarianceInputs = 1U << 16;

// Sum of squared deviations from a mean given at the end: two-pass while the inputs fit, Welford after.
class SquaredDeviations {
 public:
  void add(double value);
  [[nodiscard]] double sum(double mean) const;  // Σ (x - mean)²

 private:
  std::vector<double> kept_;
  bool exact_ = true;
  std::size_t count_ = 0;
  double welford_mean_ = 0;
  double welford_m2_ = 0;
};

// Equity-curve figures: span, returns, CAGR, volatility, Sharpe, Sortino, drawdowns, median step.
class EquityStatistics {
 public:
  void add(const EquityPoint& point);
  // Fills the equity part of `stats` (points ... recovery_factor), as compute_statistics does.
  void finish(Statistics& stats) const;
  [[nodiscard]] std::size_t points() const { return points_; }

 private:
  std::size_t points_ = 0;
  EquityPoint first_;
  EquityPoint last_;
  std::map<std::int64_t, std::size_t> steps_;  // time step -> how often: an exact median in O(distinct steps)
  // Drawdowns, exact in money.
  Decimal peak_;
  std::int64_t peak_ms_ = 0;
  bool underwater_ = false;
  bool deepest_open_ = false;
  Drawdown max_drawdown_;
  Decimal max_drawdown_amount_;
  std::int64_t longest_drawdown_ms_ = 0;
  // Step returns (doubles: statistics, not money).
  bool non_positive_ = false;
  double previous_ = 0;
  double return_sum_ = 0;
  double downside_squares_ = 0;
  SquaredDeviations deviations_;
};

// Closed-trade figures, in the order the trades closed.
class TradeStatistics {
 public:
  explicit TradeStatistics(std::string_view reference_market) : reference_(reference_market) {}
  void add(const ClosedTrade& trade);
  // Fills the trade part of `stats`; `run_ms` is the run's length (exposure, trades per day).
  void finish(Statistics& stats, std::int64_t run_ms, std::int64_t exposure_ms, Decimal total_fees) const;
  [[nodiscard]] std::size_t trades() const { return trades_; }

 private:
  std::string reference_;
  std::size_t trades_ = 0;
  std::size_t in_reference_ = 0;
  std::size_t wins_ = 0;
  std::size_t losses_ = 0;
  std::size_t breakevens_ = 0;
  Decimal gains_;       // winning net PnL, reference market
  Decimal losses_sum_;  // losing net PnL (negative)
  Decimal total_;
  std::size_t reference_wins_ = 0;
  std::size_t reference_losses_ = 0;
  double return_sum_ = 0;
  std::int64_t duration_sum_ = 0;
  std::int64_t longest_ = 0;
  std::size_t win_streak_ = 0;
  std::size_t loss_streak_ = 0;
  std::size_t max_wins_ = 0;
  std::size_t max_losses_ = 0;
  std::optional<TradeHighlight> best_;
  std::optional<TradeHighlight> worst_;
  SquaredDeviations pnl_deviations_;  // reference-market net PnL, for SQN
};

// Calmar and recovery factor from the equity figures already in `stats`.
void drawdown_ratios(Statistics& stats);

// Market changes and buy and hold from the run's first and last closes.
void market_statistics(const RunMetadata& metadata, Statistics& stats);

// The run's length for exposure and trades per day: end - start when set, else the curve's span.
[[nodiscard]] std::int64_t run_length_ms(const RunMetadata& metadata, const Statistics& stats);

}  // namespace octobot::backtesting::report
