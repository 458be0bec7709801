#include <catch2/catch.hpp>
#include <octobot/trading/pnl_tracker.hpp>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::Side;

TEST_CASE("average entry is weighted by what was bought, fees included, sells realise net of fees", "[pnl]") {
  PnlTracker tracker;
  const Market market = btc_usdt();
  tracker.record(market, Side::buy, d("1"), d("100"), d("0.001"), "BTC");
  tracker.record(market, Side::buy, d("1"), d("200"), d("0.001"), "BTC");
  const SymbolPnl* pnl = tracker.find("BTC/USDT");
  REQUIRE(pnl != nullptr);
  CHECK(pnl->position == d("1.998"));
  CHECK(pnl->cost == d("300"));
  CHECK(pnl->average_entry_price() == d("150.150150150150150150"));  // 300 / 1.998, rounded at 10^-18
  CHECK(pnl->fees_in_quote == d("0.3"));                             // 0.001 at 100 + 0.001 at 200

  // Half the position at 300, 0.1 % fee in quote: cost of the half is exactly 150.
  tracker.record(market, Side::sell, d("0.999"), d("300"), d("0.2997"), "USDT");
  CHECK(pnl->realised == d("149.4003"));  // 299.7 - 0.2997 - 150
  CHECK(pnl->position == d("0.999"));
  CHECK(pnl->cost == d("150"));
  CHECK(pnl->unrealised(d("310")) == d("159.69"));  // 0.999 * 310 - 150

  // Selling more than the tracked position: the excess has no known cost and realises nothing.
  tracker.record(market, Side::sell, d("1.5"), d("300"), d("0.45"), "USDT");
  CHECK(pnl->position.is_zero());
  CHECK(pnl->cost.is_zero());
  CHECK(pnl->unmatched_sold == d("0.501"));
  CHECK(pnl->realised == d("149.4003") + d("449.55") * d("0.999") / d("1.5") - d("150"));
  CHECK(pnl->bought == d("2"));
  CHECK(pnl->sold == d("2.499"));
  CHECK(pnl->unrealised(d("1000")).is_zero());
  CHECK(tracker.find("ETH/USDT") == nullptr);
}

TEST_CASE("a quote fee on a buy is part of the cost, a third-asset fee is kept apart", "[pnl]") {
  PnlTracker tracker;
  const Market market = btc_usdt();
  tracker.record(market, Side::buy, d("2"), d("100"), d("0.2"), "USDT");
  tracker.record(market, Side::sell, d("1"), d("110"), d("0.01"), "BNB");
  const SymbolPnl& pnl = *tracker.find("BTC/USDT");
  CHECK(pnl.position == d("1"));
  CHECK(pnl.cost == d("100.1"));
  CHECK(pnl.realised == d("9.9"));  // 110 - 100.1
  CHECK(pnl.other_fees.at("BNB") == d("0.01"));
  CHECK(pnl.fees_in_quote == d("0.2"));
}
