// Realised and unrealised profit and loss of spot trading, per symbol, from the fills alone (exact
// Decimals, in the quote asset).
//
// Cost basis, not a rounded average, is what is kept: buying `a` at `p` with a fee `f` in base adds
// a - f to the position and a * p to the cost (a quote fee adds to the cost instead). The average
// entry price is cost / position: weighted by what was bought, fees included. Selling `s` at `q`
// realises proceeds - cost of the part sold, where proceeds = s * q minus a quote fee, and the cost of
// the part sold is cost * s / position (the average stays the same; selling the whole position takes
// the whole remaining cost, so nothing is left behind by rounding). Hence, exactly, at every moment:
//   realised - cost == sum of proceeds - sum of costs paid      (see the exactness test)
// and unrealised at price P = position * P - cost (no division).
//
// Sold beyond the tracked position (funds that were there before any tracked buy): that part has no
// known cost; its amount is counted in `unmatched_sold`, and its proceeds are not realised PnL.
// Fees in a third asset (BNB-style) are summed in `other_fees` and not converted.
#pragma once

#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/trading/market.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace octobot::trading {

using channel::Side;

struct SymbolPnl {
  Decimal position;        // base held from the tracked fills, net of base fees
  Decimal cost;            // quote paid for `position`, fees included
  Decimal realised;        // quote, net of fees
  Decimal bought;          // gross base bought
  Decimal sold;            // gross base sold
  Decimal unmatched_sold;  // base sold beyond the tracked position (no known cost)
  Decimal fees_in_quote;   // buy and sell fees charged in quote, plus base fees valued at their fill price
  std::map<std::string, Decimal, std::less<>> other_fees;  // fee asset -> amount (neither base nor quote)

  // cost / position, rounded to 18 decimals; zero without a position.
  [[nodiscard]] Decimal average_entry_price() const;
  // position * price - cost.
  [[nodiscard]] Decimal unrealised(Decimal price) const { return position * price - cost; }
};

class PnlTracker {
 public:
  // One fill of an order on `market`.
  void record(const Market& market, Side side, Decimal amount, Decimal price, Decimal fee, std::string_view fee_asset);
  void record(const Market& market, const channel::TradeMessage& trade) {
    record(market, trade.side, trade.amount, trade.price, trade.fee, trade.fee_currency);
  }

  // nullptr for a symbol never traded.
  [[nodiscard]] const SymbolPnl* find(std::string_view symbol) const;
  [[nodiscard]] const std::map<std::string, SymbolPnl, std::less<>>& symbols() const noexcept { return symbols_; }

 private:
  std::map<std::string, SymbolPnl, std::less<>> symbols_;
};

}  // namespace octobot::trading
