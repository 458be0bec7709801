// A million random fills through the simulated exchange, reconciled against an independent ledger to
// the smallest unit (10^-18): balances, the PnL identity, and nothing left locked.
#include <catch2/catch.hpp>
#include <octobot/trading/pnl_tracker.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <random>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::Side;

namespace {

// A random Decimal of `decimals` fractional digits in [low, high] (given in those units).
Decimal random_units(std::mt19937_64& rng, std::int64_t low, std::int64_t high, int decimals) {
  std::uniform_int_distribution<std::int64_t> units(low, high);
  Decimal value = Decimal::from_integer(units(rng));
  for (int i = 0; i < decimals; ++i) value = value / Decimal::from_integer(10);  // exact: at most 18 digits
  return value;
}

}  // namespace

TEST_CASE("1,000,000 random fills and fees reconcile to the smallest unit", "[exactness]") {
  constexpr std::size_t kFills = 1'000'000;
  constexpr std::size_t kStepsPerRound = 50'000;  // a fresh exchange per round bounds memory
  std::mt19937_64 rng(20261129);
  Market market = btc_usdt();
  market.min_cost = Decimal{};  // random small orders should fill, not be rejected

  Portfolio portfolio;
  const Decimal start_usdt = d("100000000");
  portfolio.deposit("USDT", start_usdt);
  // The independent ledger: recomputed from each trade's own price, amount and fee.
  Decimal usdt = start_usdt;
  Decimal btc;
  Decimal sum_costs;     // quote paid for buys
  Decimal sum_proceeds;  // quote received for sells, net of fees
  PnlTracker pnl;
  std::size_t fills = 0;
  std::size_t rejected = 0;

  while (fills < kFills) {
    SimulatedExchange exchange({market}, portfolio, {d("0.0005"), d("0.3")});
    exchange.set_fill_listener([&](const Portfolio&, const Order& order, const octobot::channel::TradeMessage& trade) {
      REQUIRE(trade.order_id == order.id);
      const Decimal cost = trade.amount * trade.price;
      if (trade.side == Side::buy) {
        REQUIRE(trade.fee_currency == "BTC");
        usdt -= cost;
        btc += trade.amount - trade.fee;
        sum_costs += cost;
      } else {
        REQUIRE(trade.fee_currency == "USDT");
        btc -= trade.amount;
        usdt += cost - trade.fee;
        sum_proceeds += cost - trade.fee;
      }
      pnl.record(market, trade);
      ++fills;
    });
    for (std::size_t step = 0; step < kStepsPerRound && fills < kFills; ++step) {
      const Decimal close = random_units(rng, 1'500'000, 2'500'000, 2);  // 15000.00 .. 25000.00
      const Decimal spread = random_units(rng, 0, 50'000, 2);
      exchange.on_candle("BTC/USDT", {static_cast<std::int64_t>(step) * 60'000, close, close + spread, close - spread,
                                      close, random_units(rng, 1, 100'000, 3)});
      const bool buy = btc < d("0.1") || std::uniform_int_distribution<int>(0, 1)(rng) == 0;
      const Decimal amount = random_units(rng, 1, 5'000, 5);  // 0.00001 .. 0.05 BTC
      const Side side = buy ? Side::buy : Side::sell;
      const Order& order = exchange.create_order(OrderRequest::market("BTC/USDT", side, amount));
      if (order.state == OrderState::rejected) ++rejected;
      // A resting limit order around the close: filled (maybe in parts) by later candles or cancelled.
      const Decimal price = close + random_units(rng, -20'000, 20'000, 2);
      const Order& limit =
          exchange.create_order(OrderRequest::limit("BTC/USDT", side, random_units(rng, 1, 2'000, 5), price));
      if (limit.state == OrderState::rejected) ++rejected;
      if (step % 16 == 15) {
        for (const Order* open : exchange.open_orders()) exchange.cancel_order(open->id);
      }
    }
    for (const Order* open : exchange.open_orders()) exchange.cancel_order(open->id);
    // Everything is reconciled at the end of each round, exactly.
    REQUIRE(portfolio.balance("USDT") == Balance{usdt, usdt});
    REQUIRE(portfolio.balance("BTC") == Balance{btc, btc});
  }
  CHECK(fills == kFills);
  CHECK(rejected < kFills / 10);  // the test exercised fills, not rejections
  const SymbolPnl& symbol = *pnl.find("BTC/USDT");
  CHECK(symbol.unmatched_sold.is_zero());  // every sell came out of tracked buys (the account started with no BTC)
  CHECK(symbol.position == btc);
  // The PnL identity, exact: realised PnL minus the cost still held is everything received minus
  // everything paid.
  CHECK(symbol.realised - symbol.cost == sum_proceeds - sum_costs);
}
