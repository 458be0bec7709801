// SimulatedExchange: market orders filled against the latest order book (paper trading on live data).
#include <octobot/trading/simulated_exchange.hpp>

#include <algorithm>

namespace octobot::trading {

using channel::Side;
using commons::Decimal;

void SimulatedExchange::set_order_book(const channel::OrderBookMessage& book) { symbol_state(book.symbol).book = book; }

std::vector<SimulatedExchange::BookFill> SimulatedExchange::book_fills(const SymbolState& state,
                                                                       const Order& order) const {
  std::vector<BookFill> fills;
  if (!state.book || !state.has_candle) return fills;
  // A book older than the latest candle comes from a stream that stopped while candles went on: its
  // prices are no longer the market's.
  if (state.book->timestamp_ms < state.latest.open_time_ms) return fills;
  // A buy takes the asks (lowest first), a sell the bids (highest first).
  const std::vector<channel::BookLevel>& levels = order.side == Side::buy ? state.book->asks : state.book->bids;
  Decimal remaining = order.amount;
  for (const channel::BookLevel& level : levels) {
    if (!remaining.is_positive()) break;
    if (!level.amount.is_positive() || !level.price.is_positive()) continue;
    const Decimal taken = commons::min(remaining, level.amount);
    fills.push_back({level.price, taken});
    remaining -= taken;
  }
  // Beyond the visible depth: the rest at the last level seen (the exchange would go deeper, at a
  // worse price; the book does not say how much worse).
  if (remaining.is_positive() && !fills.empty()) fills.back().amount += remaining;
  return fills;
}

}  // namespace octobot::trading
