#include <octobot/backtesting/report/round_trips.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <numeric>

namespace octobot::backtesting::report {

using commons::RoundingMode;

std::optional<Decimal> fee_in_quote(const Fill& fill, const SymbolAssets& assets) {
  if (fill.fee.is_zero() || fill.fee_asset == assets.quote) return fill.fee;
  if (fill.fee_asset == assets.base) return fill.fee * fill.price;
  return std::nullopt;
}

namespace {

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
Decimal share(Decimal total, Decimal taken, Decimal amount) {
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
std::int64_t union_length(std::vector<std::pair<std::int64_t, std::int64_t>>& intervals) {
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

}  // namespace

RoundTrips build_round_trips(std::span<const Fill> fills, std::string_view reference_market, std::int64_t end_ms) {
  std::vector<std::size_t> order(fills.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return fills[a].time_ms < fills[b].time_ms; });
  Builder builder(reference_market, end_ms);
  for (const auto index : order) builder.add(fills[index]);
  return builder.finish();
}

}  // namespace octobot::backtesting::report
