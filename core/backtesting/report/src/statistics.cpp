#include <octobot/backtesting/report/statistics.hpp>
#include <octobot/backtesting/report/statistics_accumulator.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace octobot::backtesting::report {

namespace {

constexpr double kMsPerDay = 86'400'000.0;
constexpr double kMsPerYear = 365.0 * kMsPerDay;  // crypto markets never close

TradeHighlight highlight(const ClosedTrade& trade) {
  return {trade.symbol, trade.exit_time_ms, trade.net_pnl, trade.return_pct};
}

}  // namespace

void SquaredDeviations::add(double value) {
  ++count_;
  const double delta = value - welford_mean_;
  welford_mean_ += delta / static_cast<double>(count_);
  welford_m2_ += delta * (value - welford_mean_);
  if (!exact_) return;
  if (kept_.size() < kExactVarianceInputs) {
    kept_.push_back(value);
  } else {
    exact_ = false;  // too many to keep: Welford from here on
    kept_ = {};
  }
}

double SquaredDeviations::sum(double mean) const {
  if (!exact_) return welford_m2_;
  double squares = 0;
  for (const double value : kept_) squares += (value - mean) * (value - mean);
  return squares;
}

void EquityStatistics::add(const EquityPoint& point) {
  if (points_ == 0) {
    first_ = point;
    peak_ = point.value;
    peak_ms_ = point.time_ms;
  } else {
    ++steps_[point.time_ms - last_.time_ms];
  }
  ++points_;
  last_ = point;

  // Drawdowns, exact in money: the running peak.
  if (point.value >= peak_) {
    if (underwater_) {
      longest_drawdown_ms_ = std::max(longest_drawdown_ms_, point.time_ms - peak_ms_);
      if (deepest_open_) {
        max_drawdown_.recovery_ms = point.time_ms;
        max_drawdown_.duration_ms = point.time_ms - max_drawdown_.peak_ms;
        deepest_open_ = false;
      }
    }
    underwater_ = false;
    peak_ = point.value;
    peak_ms_ = point.time_ms;
  } else {
    underwater_ = true;
    const Decimal fall = peak_ - point.value;
    max_drawdown_amount_ = max(max_drawdown_amount_, fall);
    if (peak_.is_positive()) {
      const double fraction = fall.to_double() / peak_.to_double();
      if (fraction > max_drawdown_.fraction) {
        max_drawdown_ = {fraction, peak_, point.value, peak_ms_, point.time_ms, std::nullopt, 0};
        deepest_open_ = true;
      }
    }
  }

  // Step returns: none once the portfolio has been worth zero or less (they would be undefined).
  if (non_positive_) return;
  if (!point.value.is_positive()) {
    non_positive_ = true;
    deviations_ = {};
    return;
  }
  const double value = point.value.to_double();
  if (points_ > 1) {
    const double r = value / previous_ - 1.0;
    return_sum_ += r;
    if (r < 0) downside_squares_ += r * r;
    deviations_.add(r);
  }
  previous_ = value;
}

void EquityStatistics::finish(Statistics& stats) const {
  stats.points = points_;
  if (points_ == 0) {
    const auto why = "the equity curve is empty";
    stats.total_return = stats.cagr = stats.volatility = stats.sharpe = stats.sortino = Figure::undefined(why);
    return;
  }
  stats.start_value = first_.value;
  stats.end_value = last_.value;
  stats.net_profit = stats.end_value - stats.start_value;
  stats.span_ms = last_.time_ms - first_.time_ms;
  // The median of the time steps (robust to a few missing candles): the element a sort would put at
  // index count / 2.
  stats.step_ms = 0;
  const std::size_t middle = (points_ - 1) / 2;
  std::size_t seen = 0;
  for (const auto& [step, count] : steps_) {
    seen += count;
    if (seen > middle) {
      stats.step_ms = step;
      break;
    }
  }
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

  stats.max_drawdown = max_drawdown_;
  stats.max_drawdown_amount = max_drawdown_amount_;
  stats.longest_drawdown_ms = longest_drawdown_ms_;
  if (underwater_) stats.longest_drawdown_ms = std::max(stats.longest_drawdown_ms, last_.time_ms - peak_ms_);
  if (deepest_open_) stats.max_drawdown.duration_ms = last_.time_ms - stats.max_drawdown.peak_ms;

  if (points_ < 3) {
    const auto why = "fewer than 3 equity points (2 step returns)";
    stats.volatility = stats.sharpe = stats.sortino = Figure::undefined(why);
    return;
  }
  if (stats.step_ms <= 0) {
    stats.volatility = stats.sharpe = stats.sortino = Figure::undefined("the equity curve has no time step");
    return;
  }
  if (non_positive_) {
    const auto why = "the portfolio value reached zero or below";
    stats.volatility = stats.sharpe = stats.sortino = Figure::undefined(why);
    return;
  }
  const auto n = static_cast<double>(points_ - 1);
  const double mean = return_sum_ / n;
  const double squares = deviations_.sum(mean);
  const double annualiser = std::sqrt(stats.periods_per_year);
  const double deviation = std::sqrt(squares / (n - 1.0));   // sample standard deviation
  const double downside = std::sqrt(downside_squares_ / n);  // target 0, over every period
  stats.volatility = Figure::of(deviation * annualiser);
  stats.sharpe = deviation > 0 ? Figure::of(mean / deviation * annualiser)
                               : Figure::undefined("the step returns do not vary (zero volatility)");
  stats.sortino = downside > 0 ? Figure::of(mean / downside * annualiser)
                               : Figure::undefined("no step return is negative (zero downside deviation)");
}

void TradeStatistics::add(const ClosedTrade& trade) {
  const int sign = trade.net_pnl.sign();
  ++trades_;
  wins_ += sign > 0;
  losses_ += sign < 0;
  breakevens_ += sign == 0;
  win_streak_ = sign > 0 ? win_streak_ + 1 : 0;
  loss_streak_ = sign < 0 ? loss_streak_ + 1 : 0;
  max_wins_ = std::max(max_wins_, win_streak_);
  max_losses_ = std::max(max_losses_, loss_streak_);
  return_sum_ += trade.return_pct;
  duration_sum_ += trade.duration_ms;
  longest_ = std::max(longest_, trade.duration_ms);
  if (!best_ || trade.return_pct > best_->return_pct) best_ = highlight(trade);
  if (!worst_ || trade.return_pct < worst_->return_pct) worst_ = highlight(trade);
  if (trade.quote != reference_) return;
  ++in_reference_;
  total_ += trade.net_pnl;
  pnl_deviations_.add(trade.net_pnl.to_double());
  if (sign > 0) {
    gains_ += trade.net_pnl;
    ++reference_wins_;
  } else if (sign < 0) {
    losses_sum_ += trade.net_pnl;
    ++reference_losses_;
  }
}

void TradeStatistics::finish(Statistics& stats, std::int64_t run_ms, std::int64_t exposure_ms,
                             Decimal total_fees) const {
  stats.trades = trades_;
  stats.total_fees = total_fees;
  if (run_ms > 0) {
    stats.exposure = Figure::of(static_cast<double>(exposure_ms) / static_cast<double>(run_ms));
    stats.trades_per_day = Figure::of(static_cast<double>(trades_) / (static_cast<double>(run_ms) / kMsPerDay));
  } else {
    stats.exposure = stats.trades_per_day = Figure::undefined("the run spans no time");
  }
  if (trades_ == 0) {
    const auto why = "no closed trade";
    stats.win_rate = stats.payoff_ratio = stats.profit_factor = stats.expectancy_pct = stats.sqn =
        Figure::undefined(why);
    return;
  }
  stats.wins = wins_;
  stats.losses = losses_;
  stats.breakevens = breakevens_;
  stats.max_consecutive_wins = max_wins_;
  stats.max_consecutive_losses = max_losses_;
  stats.trades_in_reference = in_reference_;
  const auto count = static_cast<double>(trades_);
  stats.win_rate = Figure::of(static_cast<double>(wins_) / count);
  stats.expectancy_pct = Figure::of(return_sum_ / count);
  stats.average_trade_ms = duration_sum_ / static_cast<std::int64_t>(trades_);
  stats.longest_trade_ms = longest_;
  stats.best_trade = best_;
  stats.worst_trade = worst_;

  const auto reference_count = static_cast<std::int64_t>(in_reference_);
  if (reference_count == 0) {
    const auto why = "no closed trade is quoted in the reference market";
    stats.payoff_ratio = stats.profit_factor = stats.sqn = Figure::undefined(why);
    return;
  }
  stats.expectancy = total_ / Decimal::from_integer(reference_count);
  if (reference_losses_ == 0) {
    stats.profit_factor = Figure::undefined("no losing trade (gross loss is zero)");
    stats.payoff_ratio = Figure::undefined("no losing trade");
  } else {
    stats.profit_factor = Figure::of((gains_ / -losses_sum_).to_double());
    if (reference_wins_ == 0) {
      stats.payoff_ratio = Figure::undefined("no winning trade");
    } else {
      const Decimal average_win = gains_ / Decimal::from_integer(static_cast<std::int64_t>(reference_wins_));
      const Decimal average_loss = -losses_sum_ / Decimal::from_integer(static_cast<std::int64_t>(reference_losses_));
      stats.payoff_ratio = Figure::of((average_win / average_loss).to_double());
    }
  }
  if (reference_count < 2) {
    stats.sqn = Figure::undefined("fewer than 2 closed trades");
    return;
  }
  const double mean = stats.expectancy->to_double();
  const double deviation = std::sqrt(pnl_deviations_.sum(mean) / static_cast<double>(reference_count - 1));
  stats.sqn = deviation > 0 ? Figure::of(std::sqrt(static_cast<double>(reference_count)) * mean / deviation)
                            : Figure::undefined("every trade has the same PnL (zero deviation)");
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

std::int64_t run_length_ms(const RunMetadata& metadata, const Statistics& stats) {
  return metadata.end_ms > metadata.start_ms ? metadata.end_ms - metadata.start_ms : stats.span_ms;
}

Statistics compute_statistics(const RunData& run, const RoundTrips& trades) {
  Statistics stats;
  EquityStatistics equity;
  for (const auto& point : run.equity) equity.add(point);
  equity.finish(stats);
  drawdown_ratios(stats);
  TradeStatistics closed(run.metadata.reference_market);
  for (const auto& trade : trades.closed) closed.add(trade);
  closed.finish(stats, run_length_ms(run.metadata, stats), trades.exposure_ms, trades.total_fees);
  market_statistics(run.metadata, stats);
  return stats;
}

}  // namespace octobot::backtesting::report
