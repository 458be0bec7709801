#include <catch2/catch.hpp>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::OrderType;
using octobot::channel::Side;

TEST_CASE("chained exit orders are created when the entry fills, and fill only on later candles", "[chained]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("20000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& entry = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.5"), d("19500")));
  exchange.chain(entry.id,
                 {OrderRequest::limit("BTC/USDT", Side::sell, d("0.4995"), d("21000")),
                  OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d("0.4995"), d("19000"))},
                 OrderGroupKind::one_cancels_the_other);
  CHECK(exchange.open_orders().size() == 1);

  // The entry fills on a candle that also goes through the stop price: the stop, created by the fill,
  // must not fill on that same candle.
  exchange.on_candle("BTC/USDT", candle(1, "19800", "19900", "18500", "18600"));
  CHECK(entry.state == OrderState::filled);
  const auto open = exchange.open_orders();
  REQUIRE(open.size() == 2);
  const Order& take_profit = *open[0];
  const Order& stop = *open[1];
  CHECK(take_profit.state == OrderState::open);
  CHECK(stop.state == OrderState::open);
  CHECK(portfolio.balance("BTC") == Balance{d("0.4995"), Decimal{}});  // entry minus the maker fee, all locked

  exchange.on_candle("BTC/USDT", candle(2, "18600", "18700", "18400", "18500"));
  CHECK(stop.state == OrderState::filled);
  CHECK(stop.filled_cost == d("0.4995") * d("18600"));  // gapped below 19000: the open
  CHECK(take_profit.state == OrderState::cancelled);
  CHECK(portfolio.balance("BTC") == Balance{});
}

TEST_CASE("cancelling a parent drops its chained orders, chaining needs an open parent", "[chained]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("20000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& entry = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.5"), d("19500")));
  exchange.chain(entry.id, {OrderRequest::limit("BTC/USDT", Side::sell, d("0.4"), d("21000"))});
  CHECK(exchange.cancel_order(entry.id));
  exchange.on_candle("BTC/USDT", candle(1, "19800", "21000", "18500", "18600"));
  CHECK(exchange.open_orders().empty());
  CHECK(portfolio.balance("USDT") == Balance{d("20000"), d("20000")});
  CHECK_THROWS_AS(exchange.chain(entry.id, {OrderRequest::limit("BTC/USDT", Side::sell, d("0.4"), d("21000"))}),
                  std::invalid_argument);
  CHECK_THROWS_AS(exchange.chain("unknown", {OrderRequest::limit("BTC/USDT", Side::sell, d("0.4"), d("21000"))}),
                  std::invalid_argument);
}
