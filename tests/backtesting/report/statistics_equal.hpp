// Field-by-field comparison of two Statistics / RoundTrips for the accumulator tests. `exact`: the
// doubles must be bit-identical; otherwise within 1e-12 relative (Welford against two passes).
#pragma once

#include <catch2/catch.hpp>
#include <octobot/backtesting/report/round_trips.hpp>
#include <octobot/backtesting/report/statistics.hpp>

namespace octobot::backtesting::report::testing {

inline void check_same_double(double a, double b, bool exact) {
  if (exact) {
    CHECK(a == b);
  } else {
    CHECK(a == Approx(b).epsilon(1e-12));
  }
}

inline void check_same_figure(const Figure& a, const Figure& b, bool exact = true) {
  REQUIRE(a.value.has_value() == b.value.has_value());
  if (a.value) check_same_double(*a.value, *b.value, exact);
  CHECK(a.reason == b.reason);
}

inline void check_same_highlight(const std::optional<TradeHighlight>& a, const std::optional<TradeHighlight>& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (!a) return;
  CHECK(a->symbol == b->symbol);
  CHECK(a->exit_time_ms == b->exit_time_ms);
  CHECK(a->net_pnl == b->net_pnl);
  CHECK(a->return_pct == b->return_pct);
}

// `exact_variance`: volatility, Sharpe, Sortino and SQN too (false beyond kExactVarianceInputs inputs).
inline void check_same_statistics(const Statistics& a, const Statistics& b, bool exact_variance = true) {
  CHECK(a.points == b.points);
  CHECK(a.step_ms == b.step_ms);
  CHECK(a.periods_per_year == b.periods_per_year);
  CHECK(a.span_ms == b.span_ms);
  CHECK(a.start_value == b.start_value);
  CHECK(a.end_value == b.end_value);
  CHECK(a.net_profit == b.net_profit);
  check_same_figure(a.total_return, b.total_return);
  check_same_figure(a.cagr, b.cagr);
  check_same_figure(a.volatility, b.volatility, exact_variance);
  check_same_figure(a.sharpe, b.sharpe, exact_variance);
  check_same_figure(a.sortino, b.sortino);
  check_same_figure(a.calmar, b.calmar);
  CHECK(a.max_drawdown.fraction == b.max_drawdown.fraction);
  CHECK(a.max_drawdown.peak_value == b.max_drawdown.peak_value);
  CHECK(a.max_drawdown.trough_value == b.max_drawdown.trough_value);
  CHECK(a.max_drawdown.peak_ms == b.max_drawdown.peak_ms);
  CHECK(a.max_drawdown.trough_ms == b.max_drawdown.trough_ms);
  CHECK(a.max_drawdown.recovery_ms == b.max_drawdown.recovery_ms);
  CHECK(a.max_drawdown.duration_ms == b.max_drawdown.duration_ms);
  CHECK(a.max_drawdown_amount == b.max_drawdown_amount);
  CHECK(a.longest_drawdown_ms == b.longest_drawdown_ms);
  check_same_figure(a.recovery_factor, b.recovery_factor);

  CHECK(a.trades == b.trades);
  CHECK(a.trades_in_reference == b.trades_in_reference);
  CHECK(a.wins == b.wins);
  CHECK(a.losses == b.losses);
  CHECK(a.breakevens == b.breakevens);
  check_same_figure(a.win_rate, b.win_rate);
  check_same_figure(a.payoff_ratio, b.payoff_ratio);
  check_same_figure(a.profit_factor, b.profit_factor);
  CHECK(a.expectancy == b.expectancy);
  check_same_figure(a.expectancy_pct, b.expectancy_pct);
  check_same_figure(a.sqn, b.sqn, exact_variance);
  check_same_figure(a.exposure, b.exposure);
  check_same_figure(a.trades_per_day, b.trades_per_day);
  CHECK(a.average_trade_ms == b.average_trade_ms);
  CHECK(a.longest_trade_ms == b.longest_trade_ms);
  CHECK(a.max_consecutive_wins == b.max_consecutive_wins);
  CHECK(a.max_consecutive_losses == b.max_consecutive_losses);
  check_same_highlight(a.best_trade, b.best_trade);
  check_same_highlight(a.worst_trade, b.worst_trade);
  CHECK(a.total_fees == b.total_fees);
  check_same_figure(a.buy_and_hold_return, b.buy_and_hold_return);
  REQUIRE(a.market_changes.size() == b.market_changes.size());
}

inline void check_same_trade(const ClosedTrade& a, const ClosedTrade& b) {
  CHECK(a.symbol == b.symbol);
  CHECK(a.quote == b.quote);
  CHECK(a.exit_order_id == b.exit_order_id);
  CHECK(a.entry_time_ms == b.entry_time_ms);
  CHECK(a.exit_time_ms == b.exit_time_ms);
  CHECK(a.amount == b.amount);
  CHECK(a.entry_cost == b.entry_cost);
  CHECK(a.exit_value == b.exit_value);
  CHECK(a.entry_price == b.entry_price);
  CHECK(a.exit_price == b.exit_price);
  CHECK(a.gross_pnl == b.gross_pnl);
  CHECK(a.fees == b.fees);
  CHECK(a.net_pnl == b.net_pnl);
  CHECK(a.return_pct == b.return_pct);
  CHECK(a.duration_ms == b.duration_ms);
}

// `a` keeps the latest closed trades of `b` (all of them when not limited).
inline void check_same_round_trips(const RoundTrips& a, const RoundTrips& b) {
  REQUIRE(a.closed.size() <= b.closed.size());
  CHECK(std::max(a.closed_total, a.closed.size()) == b.closed.size());
  const std::size_t offset = b.closed.size() - a.closed.size();
  for (std::size_t i = 0; i < a.closed.size(); ++i) check_same_trade(a.closed[i], b.closed[offset + i]);
  REQUIRE(a.open.size() == b.open.size());
  for (std::size_t i = 0; i < a.open.size(); ++i) {
    CHECK(a.open[i].symbol == b.open[i].symbol);
    CHECK(a.open[i].amount == b.open[i].amount);
    CHECK(a.open[i].cost == b.open[i].cost);
    CHECK(a.open[i].average_price == b.open[i].average_price);
    CHECK(a.open[i].opened_ms == b.open[i].opened_ms);
  }
  CHECK(a.total_fees == b.total_fees);
  CHECK(a.exposure_ms == b.exposure_ms);
}

}  // namespace octobot::backtesting::report::testing
