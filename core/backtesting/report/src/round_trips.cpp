#include <octobot/backtesting/report/fill_accumulator.hpp>
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
  std::optional<std::uint64_t> last_trade;  // number of this symbol's latest closed trade (it may still grow)
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
  [[nodiscard]] std::int64_t first_ms() const { return first_; }

 private:
  double weight_ = 0;
  double weighted_ = 0;
  std::int64_t first_ = std::numeric_limits<std::int64_t>::max();
};

// The length covered by [from, to) intervals added in any order (overlaps counted once). Intervals
// ending before `settle(boundary)` are summed and dropped: no later interval can start before the
// boundary, so they can no longer merge with anything.
class TimeUnion {
 public:
  void add(std::int64_t from, std::int64_t to) {
    if (to <= from) return;
    auto it = spans_.upper_bound(from);
    if (it != spans_.begin()) {
      const auto previous = std::prev(it);
      if (previous->second >= from) {
        from = previous->first;
        to = std::max(to, previous->second);
        it = spans_.erase(previous);
      }
    }
    while (it != spans_.end() && it->first <= to) {
      to = std::max(to, it->second);
      it = spans_.erase(it);
    }
    spans_.emplace(from, to);
  }
  void settle(std::int64_t boundary) {
    while (!spans_.empty() && spans_.begin()->second <= boundary) {
      settled_ += spans_.begin()->second - spans_.begin()->first;
      spans_.erase(spans_.begin());
    }
  }
  [[nodiscard]] std::size_t spans() const { return spans_.size(); }
  [[nodiscard]] std::int64_t length() const {
    std::int64_t total = settled_;
    for (const auto& [from, to] : spans_) total += to - from;
    return total;
  }

 private:
  std::map<std::int64_t, std::int64_t> spans_;  // disjoint, by start
  std::int64_t settled_ = 0;
};

struct PendingTrade {
  ClosedTrade trade;
  EntryTime entry;
  bool final = false;
};

}  // namespace

struct FillAccumulator::State {
  State(std::string_view reference_market, Limits kept)
      : reference(reference_market), limits(kept), statistics(reference_market) {}

  std::string reference;
  Limits limits;
  std::map<std::string, SymbolBook, std::less<>> books;
  std::deque<PendingTrade> pending;  // opened, not folded yet, in opening order
  std::uint64_t first_pending = 0;   // number of pending.front()
  std::deque<ClosedTrade> closed;    // folded, the latest limits.closed
  std::size_t closed_total = 0;
  TradeStatistics statistics;
  TimeUnion in_market;
  RoundTrips result;  // fees and warnings
  std::size_t warnings_dropped = 0;
  std::uint64_t fills = 0;
  std::int64_t last_fill_ms = std::numeric_limits<std::int64_t>::min();

  SymbolBook& book_for(const std::string& symbol) {
    auto it = books.find(symbol);
    if (it == books.end()) it = books.emplace(symbol, SymbolBook{split_symbol(symbol), {}, {}}).first;
    return it->second;
  }

  void warn(std::string text) {
    if (result.warnings.size() < limits.warnings) {
      result.warnings.push_back(std::move(text));
    } else {
      ++warnings_dropped;
    }
  }

  PendingTrade& pending_trade(std::uint64_t number) { return pending[number - first_pending]; }

  void add(const Fill& fill) {
    ++fills;
    last_fill_ms = std::max(last_fill_ms, fill.time_ms);
    auto& book = book_for(fill.symbol);
    const auto fee = fee_in_quote(fill, book.assets);
    if (!fee) {
      warn(fill.symbol + " fill of order " + fill.order_id + ": fee in " + fill.fee_asset +
           " (neither base nor quote) is left out of fees and PnL");
    } else if (book.assets.quote == reference) {
      result.total_fees += *fee;
    }
    const Decimal fee_quote = fee.value_or(Decimal{});
    if (fill.side == TradeSide::buy) {
      buy(book, fill, fee_quote);
    } else {
      sell(book, fill, fee_quote);
    }
    fold_final();
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
    PendingTrade& pending_trade = open_trade(book, fill);
    ClosedTrade& trade = pending_trade.trade;
    while (to_close.is_positive() && !book.lots.empty()) {
      Lot& lot = book.lots.front();
      const Decimal taken = min(lot.amount, to_close);
      const Decimal entry_fee = share(lot.fee, taken, lot.amount);
      const Decimal exit_fee = share(exit_fee_left, taken, to_close);
      pending_trade.entry.add(taken, lot.time_ms);
      trade.exit_time_ms = fill.time_ms;
      trade.amount += taken;
      trade.entry_cost += taken * lot.price;
      trade.exit_value += taken * fill.price;
      trade.fees += entry_fee + exit_fee;
      lot.amount -= taken;
      lot.fee -= entry_fee;
      to_close -= taken;
      exit_fee_left -= exit_fee;
      if (lot.amount.is_zero()) book.lots.pop_front();
    }
    if (to_close.is_positive()) {
      warn(fill.symbol + " sell of order " + fill.order_id + " at " + std::to_string(fill.time_ms) + ": " +
           to_close.to_string() + " had no open lot (held before the run?) and is not in any closed trade");
    }
    if (trade.amount.is_zero()) {
      pending.pop_back();  // nothing matched: no trade (it is the one just opened)
      book.last_trade.reset();
    }
  }

  // The trade this sell adds to: the symbol's latest one when it is the same exit order (partial fills
  // of one order make one trade), else a new one, which makes the symbol's previous trade final.
  PendingTrade& open_trade(SymbolBook& book, const Fill& fill) {
    if (book.last_trade) {
      PendingTrade& latest = pending_trade(*book.last_trade);
      if (!fill.order_id.empty() && latest.trade.exit_order_id == fill.order_id) return latest;
      latest.final = true;
    }
    PendingTrade created;
    created.trade.symbol = fill.symbol;
    created.trade.quote = book.assets.quote;
    created.trade.exit_order_id = fill.order_id;
    created.trade.entry_time_ms = fill.time_ms;
    created.trade.exit_time_ms = fill.time_ms;
    pending.push_back(std::move(created));
    book.last_trade = first_pending + pending.size() - 1;
    return pending.back();
  }

  // Folds the final trades at the front, in opening order.
  void fold_final() {
    while (pending.size() > kMaxPendingTrades) {
      auto& book = books.find(pending.front().trade.symbol)->second;
      if (book.last_trade == first_pending) book.last_trade.reset();
      pending.front().final = true;
      fold_front();
    }
    while (!pending.empty() && pending.front().final) fold_front();
    if (in_market.spans() > 64) in_market.settle(boundary());
  }

  void fold_front() {
    PendingTrade& front = pending.front();
    ClosedTrade& trade = front.trade;
    trade.entry_time_ms = front.entry.time_ms();
    trade.entry_price = trade.entry_cost / trade.amount;
    trade.exit_price = trade.exit_value / trade.amount;
    trade.gross_pnl = trade.exit_value - trade.entry_cost;
    trade.net_pnl = trade.gross_pnl - trade.fees;
    trade.return_pct = trade.entry_cost.is_zero() ? 0.0 : 100.0 * (trade.net_pnl / trade.entry_cost).to_double();
    trade.duration_ms = trade.exit_time_ms - trade.entry_time_ms;
    in_market.add(trade.entry_time_ms, trade.exit_time_ms);
    statistics.add(trade);
    ++closed_total;
    if (limits.closed > 0) {
      if (closed.size() == limits.closed) closed.pop_front();
      closed.push_back(std::move(trade));
    }
    pending.pop_front();
    ++first_pending;
  }

  // No trade still to come can start before this: it is made of lots still open, lots of pending
  // trades, or lots bought later (fills come in time order). A second of margin covers the rounding
  // of the mean entry time.
  [[nodiscard]] std::int64_t boundary() const {
    std::int64_t earliest = last_fill_ms;
    for (const auto& [symbol, book] : books) {
      if (!book.lots.empty()) earliest = std::min(earliest, book.lots.front().time_ms);
    }
    for (const auto& trade : pending) earliest = std::min(earliest, trade.entry.first_ms());
    return earliest - 1000;
  }

  RoundTrips finish(std::int64_t end_ms) {
    for (auto& trade : pending) trade.final = true;
    while (!pending.empty()) fold_front();
    for (auto& [symbol, book] : books) {
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
      in_market.add(position.opened_ms, std::max(end_ms, position.opened_ms));
      result.open.push_back(std::move(position));
    }
    result.exposure_ms = in_market.length();
    result.closed.assign(std::make_move_iterator(closed.begin()), std::make_move_iterator(closed.end()));
    closed.clear();
    result.closed_total = closed_total;
    if (warnings_dropped > 0) {
      result.warnings.push_back("... and " + std::to_string(warnings_dropped) + " more warnings (not kept)");
    }
    return std::move(result);
  }
};

FillAccumulator::FillAccumulator(std::string_view reference_market) : FillAccumulator(reference_market, Limits{}) {}
FillAccumulator::FillAccumulator(std::string_view reference_market, Limits limits)
    : state_(std::make_unique<State>(reference_market, limits)) {}
FillAccumulator::FillAccumulator(FillAccumulator&&) noexcept = default;
FillAccumulator& FillAccumulator::operator=(FillAccumulator&&) noexcept = default;
FillAccumulator::~FillAccumulator() = default;

void FillAccumulator::add(const Fill& fill) { state_->add(fill); }
std::uint64_t FillAccumulator::fills() const { return state_->fills; }
RoundTrips FillAccumulator::finish(std::int64_t end_ms) { return state_->finish(end_ms); }
const TradeStatistics& FillAccumulator::trade_statistics() const { return state_->statistics; }

RoundTrips build_round_trips(std::span<const Fill> fills, std::string_view reference_market, std::int64_t end_ms) {
  std::vector<std::size_t> order(fills.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return fills[a].time_ms < fills[b].time_ms; });
  FillAccumulator accumulator(reference_market);
  for (const auto index : order) accumulator.add(fills[index]);
  return accumulator.finish(end_ms);
}

}  // namespace octobot::backtesting::report
