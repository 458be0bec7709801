#include <octobot/backtesting/report/statistics.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace octobot::backtesting::report {

namespace {

constexpr double kMsPerDay = 86'400'000.0;
constexpr double kMsPerYear = 365.0 * kMsPerDay;  // crypto markets never close

// The median of the time steps: robust to a few missing candles. nth_element keeps it O(n).
std::int64_t median_step(const std::vector<EquityPoint>& equity) {
  std::vector<std::int64_t> steps;
  steps.reserve(equity.size());
  for (std::size_t i = 1; i < equity.size(); ++i) steps.push_back(equity[i].time_ms - equity[i - 1].time_ms);
  if (steps.empty()) return 0;
  const auto middle = steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2);
  std::nth_element(steps.begin(), middle, steps.end());
  return *middle;
}

void equity_statistics(const std::vector<EquityPoint>& equity, Statistics& stats) {
  stats.points = equity.size();
  if (equity.empty()) {
    const auto why = "the equity curve is empty";
    stats.total_return = stats.cagr = stats.volatility = stats.sharpe = stats.sortino = Figure::undefined(why);
    return;
  }
  stats.start_value = equity.front().value;
  stats.end_value = equity.back().value;
  stats.net_profit = stats.end_value - stats.start_value;
  stats.span_ms = equity.back().time_ms - equity.front().time_ms;
  stats.step_ms = median_step(equity);
  if (stats.step_ms > 0) stats.periods_per_year = kMsPerYear / static_cast<double>(stats.step_ms);

  const bool positive_start = stats.start_value.is_positive();
  stats.total_return = positive_start ? Figure::of((stats.net_profit / stats.start_value).to_double())
                                      : Figure::undefined("the starting value is not positive");
  if (!positive_start) {
    stats.cagr = Figure::undefined("the starting value is not positive");
  } else if (stats.span_ms <= 0) {
    stats.cagr = Figure::undefined("the equity curve spans no time");
  } else if (!stats.end_value.is_positive()) {
    stats.cagr = Figure::of(-1.0);
  } else {
    const double growth = (stats.end_value / stats.start_value).to_double();
    stats.cagr = Figure::of(std::pow(growth, kMsPerYear / static_cast<double>(stats.span_ms)) - 1.0);
  }

  // Drawdowns, exact in money: one pass with the running peak.
  Decimal peak = equity.front().value;
  std::int64_t peak_ms = equity.front().time_ms;
  bool underwater = false;
  bool deepest_open = false;  // the deepest drawdown found so far has not recovered yet
  for (const auto& point : equity) {
    if (point.value >= peak) {
      if (underwater) {
        stats.longest_drawdown_ms = std::max(stats.longest_drawdown_ms, point.time_ms - peak_ms);
        if (deepest_open) {
          stats.max_drawdown.recovery_ms = point.time_ms;
          stats.max_drawdown.duration_ms = point.time_ms - stats.max_drawdown.peak_ms;
          deepest_open = false;
        }
      }
      underwater = false;
      peak = point.value;
      peak_ms = point.time_ms;
      continue;
    }
    underwater = true;
    const Decimal fall = peak - point.value;
    stats.max_drawdown_amount = max(stats.max_drawdown_amount, fall);
    if (!peak.is_positive()) continue;
    const double fraction = fall.to_double() / peak.to_double();
    if (fraction > stats.max_drawdown.fraction) {
      stats.max_drawdown = {fraction, peak, point.value, peak_ms, point.time_ms, std::nullopt, 0};
      deepest_open = true;
    }
  }
  if (underwater) stats.longest_drawdown_ms = std::max(stats.longest_drawdown_ms, equity.back().time_ms - peak_ms);
  if (deepest_open) stats.max_drawdown.duration_ms = equity.back().time_ms - stats.max_drawdown.peak_ms;

  // Step returns, as doubles (statistics, not money): two passes for a stable variance.
  if (equity.size() < 3) {
    const auto why = "fewer than 3 equity points (2 step returns)";
    stats.volatility = stats.sharpe = stats.sortino = Figure::undefined(why);
    return;
  }
  if (stats.step_ms <= 0) {
    stats.volatility = stats.sharpe = stats.sortino = Figure::undefined("the equity curve has no time step");
    return;
  }
  std::vector<double> values;
  values.reserve(equity.size());
  for (const auto& point : equity) {
    if (!point.value.is_positive()) {
      const auto why = "the portfolio value reached zero or below";
      stats.volatility = stats.sharpe = stats.sortino = Figure::undefined(why);
      return;
    }
    values.push_back(point.value.to_double());
  }
  const auto n = static_cast<double>(values.size() - 1);
  double sum = 0;
  for (std::size_t i = 1; i < values.size(); ++i) sum += values[i] / values[i - 1] - 1.0;
  const double mean = sum / n;
  double squares = 0;
  double downside_squares = 0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    const double r = values[i] / values[i - 1] - 1.0;
    squares += (r - mean) * (r - mean);
    if (r < 0) downside_squares += r * r;
  }
  const double annualiser = std::sqrt(stats.periods_per_year);
  const double deviation = std::sqrt(squares / (n - 1.0));  // sample standard deviation
  const double downside = std::sqrt(downside_squares / n);  // target 0, over every period
  stats.volatility = Figure::of(deviation * annualiser);
  stats.sharpe = deviation > 0 ? Figure::of(mean / deviation * annualiser)
                               : Figure::undefined("the step returns do not vary (zero volatility)");
  stats.sortino = downside > 0 ? Figure::of(mean / downside * annualiser)
                               : Figure::undefined("no step return is negative (zero downside deviation)");
}

void drawdown_ratios(Statistics& stats) {
  if (stats.max_drawdown.fraction <= 0) {
    stats.calmar = Figure::undefined("no drawdown");
  } else if (!stats.cagr.value) {
    stats.calmar = Figure::undefined("CAGR is undefined: " + stats.cagr.reason);
  } else {
    stats.calmar = Figure::of(*stats.cagr.value / stats.max_drawdown.fraction);
  }
  stats.recovery_factor = stats.max_drawdown_amount.is_positive()
                              ? Figure::of((stats.net_profit / stats.max_drawdown_amount).to_double())
                              : Figure::undefined("no drawdown");
}

TradeHighlight highlight(const ClosedTrade& trade) {
  return {trade.symbol, trade.exit_time_ms, trade.net_pnl, trade.return_pct};
}

void trade_statistics(const RoundTrips& round_trips, std::string_view reference, std::int64_t run_ms,
                      Statistics& stats) {
  const auto& closed = round_trips.closed;
  stats.trades = closed.size();
  stats.total_fees = round_trips.total_fees;
  if (run_ms > 0) {
    stats.exposure = Figure::of(static_cast<double>(round_trips.exposure_ms) / static_cast<double>(run_ms));
    stats.trades_per_day = Figure::of(static_cast<double>(closed.size()) / (static_cast<double>(run_ms) / kMsPerDay));
  } else {
    stats.exposure = stats.trades_per_day = Figure::undefined("the run spans no time");
  }
  if (closed.empty()) {
    const auto why = "no closed trade";
    stats.win_rate = stats.payoff_ratio = stats.profit_factor = stats.expectancy_pct = stats.sqn =
        Figure::undefined(why);
    return;
  }

  Decimal gains;   // sum of winning net PnL, reference market
  Decimal losses;  // sum of losing net PnL (negative)
  Decimal total;
  std::size_t reference_wins = 0;
  std::size_t reference_losses = 0;
  double return_sum = 0;
  std::int64_t duration_sum = 0;
  std::int64_t longest = 0;
  std::size_t win_streak = 0;
  std::size_t loss_streak = 0;
  const ClosedTrade* best = &closed.front();
  const ClosedTrade* worst = &closed.front();
  for (const auto& trade : closed) {
    const int sign = trade.net_pnl.sign();
    stats.wins += sign > 0;
    stats.losses += sign < 0;
    stats.breakevens += sign == 0;
    win_streak = sign > 0 ? win_streak + 1 : 0;
    loss_streak = sign < 0 ? loss_streak + 1 : 0;
    stats.max_consecutive_wins = std::max(stats.max_consecutive_wins, win_streak);
    stats.max_consecutive_losses = std::max(stats.max_consecutive_losses, loss_streak);
    return_sum += trade.return_pct;
    duration_sum += trade.duration_ms;
    longest = std::max(longest, trade.duration_ms);
    if (trade.return_pct > best->return_pct) best = &trade;
    if (trade.return_pct < worst->return_pct) worst = &trade;
    if (trade.quote != reference) continue;
    ++stats.trades_in_reference;
    total += trade.net_pnl;
    if (sign > 0) {
      gains += trade.net_pnl;
      ++reference_wins;
    } else if (sign < 0) {
      losses += trade.net_pnl;
      ++reference_losses;
    }
  }
  const auto count = static_cast<double>(closed.size());
  stats.win_rate = Figure::of(static_cast<double>(stats.wins) / count);
  stats.expectancy_pct = Figure::of(return_sum / count);
  stats.average_trade_ms = duration_sum / static_cast<std::int64_t>(closed.size());
  stats.longest_trade_ms = longest;
  stats.best_trade = highlight(*best);
  stats.worst_trade = highlight(*worst);

  const auto reference_count = static_cast<std::int64_t>(stats.trades_in_reference);
  if (reference_count == 0) {
    const auto why = "no closed trade is quoted in the reference market";
    stats.payoff_ratio = stats.profit_factor = stats.sqn = Figure::undefined(why);
    return;
  }
  stats.expectancy = total / Decimal::from_integer(reference_count);
  if (reference_losses == 0) {
    stats.profit_factor = Figure::undefined("no losing trade (gross loss is zero)");
    stats.payoff_ratio = Figure::undefined("no losing trade");
  } else {
    stats.profit_factor = Figure::of((gains / -losses).to_double());
    if (reference_wins == 0) {
      stats.payoff_ratio = Figure::undefined("no winning trade");
    } else {
      const Decimal average_win = gains / Decimal::from_integer(static_cast<std::int64_t>(reference_wins));
      const Decimal average_loss = -losses / Decimal::from_integer(static_cast<std::int64_t>(reference_losses));
      stats.payoff_ratio = Figure::of((average_win / average_loss).to_double());
    }
  }
  if (reference_count < 2) {
    stats.sqn = Figure::undefined("fewer than 2 closed trades");
    return;
  }
  const double mean = stats.expectancy->to_double();
  double squares = 0;
  for (const auto& trade : closed) {
    if (trade.quote != reference) continue;
    const double deviation = trade.net_pnl.to_double() - mean;
    squares += deviation * deviation;
  }
  const double deviation = std::sqrt(squares / static_cast<double>(reference_count - 1));
  stats.sqn = deviation > 0 ? Figure::of(std::sqrt(static_cast<double>(reference_count)) * mean / deviation)
                            : Figure::undefined("every trade has the same PnL (zero deviation)");
}

void market_statistics(const RunMetadata& metadata, Statistics& stats) {
  double sum = 0;
  std::size_t defined = 0;
  for (const auto& prices : metadata.prices) {
    MarketChange change{prices.symbol, prices.first_close, prices.last_close, {}};
    if (prices.first_close.is_positive()) {
      change.change = Figure::of((prices.last_close / prices.first_close).to_double() - 1.0);
      sum += *change.change.value;
      ++defined;
    } else {
      change.change = Figure::undefined("the first close is not positive");
    }
    stats.market_changes.push_back(std::move(change));
  }
  stats.buy_and_hold_return = defined > 0 ? Figure::of(sum / static_cast<double>(defined))
                                          : Figure::undefined("no symbol with a positive first close");
}

}  // namespace

Statistics compute_statistics(const RunData& run, const RoundTrips& trades) {
  Statistics stats;
  equity_statistics(run.equity, stats);
  drawdown_ratios(stats);
  const std::int64_t run_ms =
      run.metadata.end_ms > run.metadata.start_ms ? run.metadata.end_ms - run.metadata.start_ms : stats.span_ms;
  trade_statistics(trades, run.metadata.reference_market, run_ms, stats);
  market_statistics(run.metadata, stats);
  return stats;
}

}  // namespace octobot::backtesting::report
