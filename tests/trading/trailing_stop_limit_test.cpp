#include <catch2/catch.hpp>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::OrderType;
using octobot::channel::Side;

TEST_CASE("a trailing stop limit trails, then rests at its offset below the trigger, fillable from the next candle",
          "[simulated_exchange][trailing_stop_limit]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& order =
      exchange.create_order(OrderRequest::trailing_stop_limit("BTC/USDT", Side::sell, d("0.1"), d("5"), d("1")));
  REQUIRE(order.state == OrderState::open);
  CHECK(order.trigger_price == d("19000"));
  CHECK(portfolio.balance("BTC") == Balance{d("1"), d("0.9")});

  // The low stays above the stop; the high then raises it to 5 % under 21000.
  exchange.on_candle("BTC/USDT", candle(1, "20000", "21000", "19500", "20800"));
  CHECK_FALSE(order.triggered);
  CHECK(order.trigger_price == d("19950"));
  // Hit: now a limit at 19950 - 1 % = 19750.5. This candle's high (20800) crossed it, but which came
  // first inside the candle is unknown: no fill on the triggering candle.
  exchange.on_candle("BTC/USDT", candle(2, "20800", "20800", "19900", "19950"));
  CHECK(order.triggered);
  CHECK(order.price == d("19750.5"));
  CHECK(order.state == OrderState::open);
  // Below the limit: it rests; the trigger no longer trails.
  exchange.on_candle("BTC/USDT", candle(3, "19700", "19740", "19600", "19700"));
  CHECK(order.state == OrderState::open);
  CHECK(order.trigger_price == d("19950"));
  exchange.on_candle("BTC/USDT", candle(4, "19700", "19800", "19650", "19780"));
  CHECK(order.state == OrderState::filled);
  CHECK(order.filled_cost == d("1975.05"));  // at the limit price
  CHECK(order.fees == d("1.97505"));         // maker: it rested on the book
  CHECK(portfolio.balance("BTC") == Balance{d("0.9"), d("0.9")});
  CHECK(portfolio.balance("USDT") == Balance{d("1973.07495"), d("1973.07495")});
}

TEST_CASE("a buy trailing stop limit with an absolute limit price trails down and buys at that price",
          "[simulated_exchange][trailing_stop_limit]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("10000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  OrderRequest request = OrderRequest::trailing_stop_limit("BTC/USDT", Side::buy, d("0.1"), d("5"), Decimal{});
  request.price = d("21100");
  const Order& order = exchange.create_order(request);
  REQUIRE(order.state == OrderState::open);
  CHECK(order.trigger_price == d("21000"));
  CHECK(portfolio.balance("USDT") == Balance{d("10000"), d("7890")});  // reserved at the limit price

  exchange.on_candle("BTC/USDT", candle(1, "20000", "20500", "19000", "19200"));
  CHECK(order.trigger_price == d("19950"));  // 5 % above the lowest low
  exchange.on_candle("BTC/USDT", candle(2, "19200", "20000", "19100", "19900"));
  CHECK(order.triggered);
  CHECK(order.price == d("21100"));
  CHECK(order.state == OrderState::open);
  exchange.on_candle("BTC/USDT", candle(3, "20100", "20200", "20000", "20100"));
  CHECK(order.state == OrderState::filled);
  CHECK(order.filled_cost == d("2110"));
  CHECK(portfolio.balance("USDT") == Balance{d("7890"), d("7890")});
  CHECK(portfolio.balance("BTC") == Balance{d("0.0999"), d("0.0999")});
}

TEST_CASE("a take-profit-limit rests at its price once the trigger is reached", "[simulated_exchange]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& order = exchange.create_order(
      OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::take_profit_limit, d("0.2"), d("21000"), d("21050")));
  exchange.on_candle("BTC/USDT", candle(1, "20000", "20900", "19900", "20500"));
  CHECK_FALSE(order.triggered);
  exchange.on_candle("BTC/USDT", candle(2, "20500", "21100", "20400", "21000"));  // triggers, crosses 21050
  CHECK(order.triggered);
  CHECK(order.state == OrderState::open);
  exchange.on_candle("BTC/USDT", candle(3, "21000", "21040", "20900", "21000"));
  CHECK(order.state == OrderState::open);
  exchange.on_candle("BTC/USDT", candle(4, "21000", "21060", "20900", "21000"));
  CHECK(order.state == OrderState::filled);
  CHECK(order.filled_cost == d("4210"));
}

TEST_CASE("trailing stop limit requests are checked", "[simulated_exchange][trailing_stop_limit]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  CHECK_THROWS_AS(
      exchange.create_order(OrderRequest::trailing_stop_limit("BTC/USDT", Side::sell, d("0.1"), Decimal{}, d("1"))),
      std::invalid_argument);
  CHECK_THROWS_AS(
      exchange.create_order(OrderRequest::trailing_stop_limit("BTC/USDT", Side::sell, d("0.1"), d("5"), d("-1"))),
      std::invalid_argument);
  const Order& no_price =
      exchange.create_order(OrderRequest::trailing_stop_limit("BTC/USDT", Side::sell, d("0.1"), d("5"), d("1")));
  CHECK(no_price.state == OrderState::rejected);
  CHECK(no_price.reason == "BTC/USDT: no price yet for a trailing order");
}
