// The report's statistics and round trips as they were computed before the streaming accumulators:
// over complete vectors, two passes where needed. Kept here, unchanged, as the oracle the
// accumulators (statistics_accumulator.hpp, fill_accumulator.hpp) are compared with.
#pragma once

#include <octobot/backtesting/report/round_trips.hpp>
#include <octobot/backtesting/report/statistics.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <numeric>
#include <vector>

namespace octobot::backtesting::report::testing::batch {

using commons::RoundingMode;

namespace round_trips_detail {

// What is left of one buy fill. Fee and cost shares are taken proportionally, the last share being
// the remainder, so the shares of a lot always add up to its fee exactly.
struct Lot {
  std::int64_t time_ms = 0;
  Decimal price;
  Decimal amount;  // base still held from this buy
  Decimal fee;     // entry fee (quote) not yet attributed to a closed trade
};

struct SymbolBook {
  SymbolAssets assets;
  std::deque<Lot> lots;
  std::optional<std::size_t> last_trade;  // index in closed of this symbol's latest closed trade
};

// `part` of `total`, `amount` of which is taken: the proportional share, or everything on the last take.
inline Decimal share(Decimal total, Decimal taken, Decimal amount) {
  if (taken == amount) return total;
  return total.mul(taken, RoundingMode::half_even).div(amount, RoundingMode::half_even);
}

// The amount-weighted mean time of the lots a trade closed. Not the oldest lot's time: the dust an
// amount rounding leaves in a lot would otherwise date the next trade back to that lot. Statistics,
// not money: double is enough (times are exact in a double, the mean is rounded to the ms).
class EntryTime {
 public:
  void add(Decimal amount, std::int64_t time_ms) {
    const double weight = amount.to_double();
    weight_ += weight;
    weighted_ += weight * static_cast<double>(time_ms);
    first_ = std::min(first_, time_ms);
  }
  [[nodiscard]] std::int64_t time_ms() const { return weight_ > 0 ? std::llround(weighted_ / weight_) : first_; }

 private:
  double weight_ = 0;
  double weighted_ = 0;
  std::int64_t first_ = std::numeric_limits<std::int64_t>::max();
};

// Total length covered by the intervals (overlaps counted once).
inline std::int64_t union_length(std::vector<std::pair<std::int64_t, std::int64_t>>& intervals) {
  std::sort(intervals.begin(), intervals.end());
  std::int64_t total = 0;
  std::int64_t covered_to = std::numeric_limits<std::int64_t>::min();
  for (const auto& [from, to] : intervals) {
    const std::int64_t start = std::max(from, covered_to);
    if (to > start) total += to - start;
    covered_to = std::max(covered_to, to);
  }
  return total;
}

class Builder {
 public:
  Builder(std::string_view reference, std::int64_t end_ms) : reference_(reference), end_ms_(end_ms) {}

  void add(const Fill& fill) {
    auto& book = book_for(fill.symbol);
    const auto fee = fee_in_quote(fill, book.assets);
    if (!fee) {
      result_.warnings.push_back(fill.symbol + " fill of order " + fill.order_id + ": fee in " + fill.fee_asset +
                                 " (neither base nor quote) is left out of fees and PnL");
    } else if (book.assets.quote == reference_) {
      result_.total_fees += *fee;
    }
    const Decimal fee_quote = fee.value_or(Decimal{});
    if (fill.side == TradeSide::buy) {
      buy(book, fill, fee_quote);
    } else {
      sell(book, fill, fee_quote);
    }
  }

  RoundTrips finish() {
    std::vector<std::pair<std::int64_t, std::int64_t>> in_market;  // [from, to) intervals
    for (auto& [symbol, book] : books_) {
      if (book.lots.empty()) continue;
      OpenPosition position{symbol, {}, {}, {}, 0};
      EntryTime entry;
      for (const auto& lot : book.lots) {
        position.amount += lot.amount;
        position.cost += lot.amount * lot.price;
        entry.add(lot.amount, lot.time_ms);
      }
      position.average_price = position.cost / position.amount;
      position.opened_ms = entry.time_ms();
      in_market.emplace_back(position.opened_ms, std::max(end_ms_, position.opened_ms));
      result_.open.push_back(std::move(position));
    }
    for (std::size_t i = 0; i < result_.closed.size(); ++i) {
      auto& trade = result_.closed[i];
      trade.entry_time_ms = entry_times_[i].time_ms();
      in_market.emplace_back(trade.entry_time_ms, trade.exit_time_ms);
      trade.entry_price = trade.entry_cost / trade.amount;
      trade.exit_price = trade.exit_value / trade.amount;
      trade.gross_pnl = trade.exit_value - trade.entry_cost;
      trade.net_pnl = trade.gross_pnl - trade.fees;
      trade.return_pct = trade.entry_cost.is_zero() ? 0.0 : 100.0 * (trade.net_pnl / trade.entry_cost).to_double();
      trade.duration_ms = trade.exit_time_ms - trade.entry_time_ms;
    }
    result_.exposure_ms = union_length(in_market);
    return std::move(result_);
  }

 private:
  SymbolBook& book_for(const std::string& symbol) {
    auto it = books_.find(symbol);
    if (it == books_.end()) it = books_.emplace(symbol, SymbolBook{split_symbol(symbol), {}, {}}).first;
    return it->second;
  }

  void buy(SymbolBook& book, const Fill& fill, Decimal fee_quote) {
    // A fee charged in the base asset is not held: the lot is what the buy actually delivered.
    const Decimal held = fill.fee_asset == book.assets.base ? fill.amount - fill.fee : fill.amount;
    if (!held.is_positive()) return;
    book.lots.push_back({fill.time_ms, fill.price, held, fee_quote});
  }

  void sell(SymbolBook& book, const Fill& fill, Decimal fee_quote) {
    Decimal to_close = fill.amount;
    Decimal exit_fee_left = fee_quote;
    ClosedTrade* trade = open_trade(book, fill);
    while (to_close.is_positive() && !book.lots.empty()) {
      Lot& lot = book.lots.front();
      const Decimal taken = min(lot.amount, to_close);
      const Decimal entry_fee = share(lot.fee, taken, lot.amount);
      const Decimal exit_fee = share(exit_fee_left, taken, to_close);
      entry_times_[static_cast<std::size_t>(trade - result_.closed.data())].add(taken, lot.time_ms);
      trade->exit_time_ms = fill.time_ms;
      trade->amount += taken;
      trade->entry_cost += taken * lot.price;
      trade->exit_value += taken * fill.price;
      trade->fees += entry_fee + exit_fee;
      lot.amount -= taken;
      lot.fee -= entry_fee;
      to_close -= taken;
      exit_fee_left -= exit_fee;
      if (lot.amount.is_zero()) book.lots.pop_front();
    }
    if (to_close.is_positive()) {
      result_.warnings.push_back(fill.symbol + " sell of order " + fill.order_id + " at " +
                                 std::to_string(fill.time_ms) + ": " + to_close.to_string() +
                                 " had no open lot (held before the run?) and is not in any closed trade");
    }
    if (trade->amount.is_zero()) {
      result_.closed.pop_back();  // nothing matched: no trade
      entry_times_.pop_back();
      book.last_trade.reset();
    }
  }

  // The trade this sell adds to: the symbol's latest one when it is the same exit order (partial fills
  // of one order make one trade), else a new one.
  ClosedTrade* open_trade(SymbolBook& book, const Fill& fill) {
    if (book.last_trade && !fill.order_id.empty() && result_.closed[*book.last_trade].exit_order_id == fill.order_id) {
      return &result_.closed[*book.last_trade];
    }
    ClosedTrade trade;
    trade.symbol = fill.symbol;
    trade.quote = book.assets.quote;
    trade.exit_order_id = fill.order_id;
    trade.entry_time_ms = fill.time_ms;
    trade.exit_time_ms = fill.time_ms;
    result_.closed.push_back(std::move(trade));
    entry_times_.emplace_back();
    book.last_trade = result_.closed.size() - 1;
    return &result_.closed.back();
  }

  std::string reference_;
  std::int64_t end_ms_;
  std::map<std::string, SymbolBook, std::less<>> books_;
  RoundTrips result_;
  std::vector<EntryTime> entry_times_;  // one per closed trade
};

}  // namespace round_trips_detail

inline RoundTrips build_round_trips(std::span<const Fill> fills, std::string_view reference_market,
                                    std::int64_t end_ms) {
  std::vector<std::size_t> order(fills.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return fills[a].time_ms < fills[b].time_ms; });
  round_trips_detail::Builder builder(reference_market, end_ms);
  for (const auto index : order) builder.add(fills[index]);
  return builder.finish();
}

namespace statistics_detail {

inline constexpr double kMsPerDay = 86'400'000.0;
inline constexpr double kMsPerYear = 365.0 * kMsPerDay;  // crypto markets never close

// The median of the time steps: robust to a few missing candles. nth_element keeps it O(n).
inline std::int64_t median_step(const std::vector<EquityPoint>& equity) {
  std::vector<std::int64_t> steps;
  steps.reserve(equity.size());
  for (std::size_t i = 1; i < equity.size(); ++i) steps.push_back(equity[i].time_ms - equity[i - 1].time_ms);
  if (steps.empty()) return 0;
  const auto middle = steps.begin() + static_cast<std::ptrdiff_t>(steps.size() / 2);
  std::nth_element(steps.begin(), middle, steps.end());
  return *middle;
}

inline void equity_statistics(const std::vector<EquityPoint>& equity, Statistics& stats) {
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

inline void drawdown_ratios(Statistics& stats) {
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

inline TradeHighlight highlight(const ClosedTrade& trade) {
  return {trade.symbol, trade.exit_time_ms, trade.net_pnl, trade.return_pct};
}

inline void trade_statistics(const RoundTrips& round_trips, std::string_view reference, std::int64_t run_ms,
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

inline void market_statistics(const RunMetadata& metadata, Statistics& stats) {
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

}  // namespace statistics_detail

inline Statistics compute_statistics(const RunData& run, const RoundTrips& trades) {
  Statistics stats;
  statistics_detail::equity_statistics(run.equity, stats);
  statistics_detail::drawdown_ratios(stats);
  const std::int64_t run_ms =
      run.metadata.end_ms > run.metadata.start_ms ? run.metadata.end_ms - run.metadata.start_ms : stats.span_ms;
  statistics_detail::trade_statistics(trades, run.metadata.reference_market, run_ms, stats);
  statistics_detail::market_statistics(run.metadata, stats);
  return stats;
}

}  // namespace octobot::backtesting::report::testing::batch
