#include <octobot/trading/pnl_tracker.hpp>

namespace octobot::trading {

Decimal SymbolPnl::average_entry_price() const {
  if (!position.is_positive()) return Decimal{};
  return cost / position;
}

const SymbolPnl* PnlTracker::find(std::string_view symbol) const {
  const auto found = symbols_.find(symbol);
  return found == symbols_.end() ? nullptr : &found->second;
}

void PnlTracker::record(const Market& market, Side side, Decimal amount, Decimal price, Decimal fee,
                        std::string_view fee_asset) {
  auto found = symbols_.find(market.symbol);
  if (found == symbols_.end()) found = symbols_.emplace(market.symbol, SymbolPnl{}).first;
  SymbolPnl& pnl = found->second;
  const bool fee_in_base = fee_asset == market.base;
  const bool fee_in_quote = fee_asset == market.quote;
  if (!fee_in_base && !fee_in_quote && !fee.is_zero()) {
    auto other = pnl.other_fees.find(fee_asset);
    if (other == pnl.other_fees.end()) other = pnl.other_fees.emplace(std::string(fee_asset), Decimal{}).first;
    other->second += fee;
  }
  if (fee_in_base) pnl.fees_in_quote += fee * price;
  if (fee_in_quote) pnl.fees_in_quote += fee;

  if (side == Side::buy) {
    pnl.bought += amount;
    // A base fee shrinks what is held; a quote fee is part of what the position cost.
    pnl.position += fee_in_base ? amount - fee : amount;
    pnl.cost += fee_in_quote ? amount * price + fee : amount * price;
    return;
  }

  pnl.sold += amount;
  // A base fee on a sell takes more base out of the position; a quote fee reduces the proceeds.
  const Decimal leaving = fee_in_base ? amount + fee : amount;
  const Decimal proceeds = fee_in_quote ? amount * price - fee : amount * price;
  const Decimal matched = commons::min(leaving, pnl.position);
  if (matched < leaving) pnl.unmatched_sold += leaving - matched;
  if (!matched.is_positive()) return;
  // Only the part with a known cost is realised. The divisions round once (to 10^-18); closing the
  // whole position takes the whole remaining cost, so the cost basis never keeps a rounding residue.
  const Decimal matched_proceeds = matched == leaving ? proceeds : proceeds * matched / leaving;
  const Decimal matched_cost = matched == pnl.position ? pnl.cost : pnl.cost * matched / pnl.position;
  pnl.realised += matched_proceeds - matched_cost;
  pnl.cost -= matched_cost;
  pnl.position -= matched;
}

}  // namespace octobot::trading
