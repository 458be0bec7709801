// The statistics of a backtest, computed in one pass over the equity curve and one over the closed
// trades (O(n)). Annualisation uses 365 days a year and the curve's own (median) step; the risk-free
// rate is 0. A figure that cannot be computed is empty and says why: never NaN or infinity.
// Formulas: docs/backtest-report.md.
#pragma once

#include <octobot/backtesting/report/round_trips.hpp>
#include <octobot/backtesting/report/run_data.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace octobot::backtesting::report {

// A ratio or statistic that may be undefined (then `reason` says why).
struct Figure {
  std::optional<double> value;
  std::string reason;

  [[nodiscard]] static Figure of(double value) { return {value, {}}; }
  [[nodiscard]] static Figure undefined(std::string why) { return {std::nullopt, std::move(why)}; }
};

struct Drawdown {
  double fraction = 0;  // (peak - trough) / peak; 0 when the curve never fell
  Decimal peak_value;
  Decimal trough_value;
  std::int64_t peak_ms = 0;
  std::int64_t trough_ms = 0;
  std::optional<std::int64_t> recovery_ms;  // first time back at the peak value; empty if never
  std::int64_t duration_ms = 0;             // peak to recovery, or to the end of the curve
};

struct TradeHighlight {
  std::string symbol;
  std::int64_t exit_time_ms = 0;
  Decimal net_pnl;
  double return_pct = 0;
};

struct MarketChange {
  std::string symbol;
  Decimal first_close;
  Decimal last_close;
  Figure change;  // last / first - 1
};

struct Statistics {
  // Equity curve.
  std::size_t points = 0;
  std::int64_t step_ms = 0;     // median time between points
  double periods_per_year = 0;  // 365 days / step
  std::int64_t span_ms = 0;     // last point - first point
  Decimal start_value;
  Decimal end_value;
  Decimal net_profit;   // end - start, exact
  Figure total_return;  // end / start - 1
  Figure cagr;
  Figure volatility;  // annualised standard deviation of step returns
  Figure sharpe;
  Figure sortino;
  Figure calmar;
  Drawdown max_drawdown;                 // the deepest, in percent of its peak
  Decimal max_drawdown_amount;           // the largest fall from a running peak, in the reference market
  std::int64_t longest_drawdown_ms = 0;  // longest time below a previous peak
  Figure recovery_factor;

  // Trades.
  std::size_t trades = 0;
  std::size_t trades_in_reference = 0;  // quoted in the reference market: the money figures use these
  std::size_t wins = 0;
  std::size_t losses = 0;
  std::size_t breakevens = 0;
  Figure win_rate;
  Figure payoff_ratio;
  Figure profit_factor;
  std::optional<Decimal> expectancy;  // mean net PnL per trade, reference market
  Figure expectancy_pct;              // mean return % per trade
  Figure sqn;
  Figure exposure;
  Figure trades_per_day;
  std::optional<std::int64_t> average_trade_ms;
  std::optional<std::int64_t> longest_trade_ms;
  std::size_t max_consecutive_wins = 0;
  std::size_t max_consecutive_losses = 0;
  std::optional<TradeHighlight> best_trade;   // highest return %
  std::optional<TradeHighlight> worst_trade;  // lowest return %
  Decimal total_fees;

  // Market.
  Figure buy_and_hold_return;  // equal-weight mean of the symbols' market changes
  std::vector<MarketChange> market_changes;
};

[[nodiscard]] Statistics compute_statistics(const RunData& run, const RoundTrips& trades);

}  // namespace octobot::backtesting::report
