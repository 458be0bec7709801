#include <catch2/catch.hpp>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::OrderType;
using octobot::channel::Side;

namespace {

// Exit of a 1 BTC position: take-profit as a limit sell at 21000, stop-loss at 19000.
std::vector<OrderRequest> exit_pair(const char* amount = "1") {
  return {OrderRequest::limit("BTC/USDT", Side::sell, d(amount), d("21000")),
          OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d(amount), d("19000"))};
}

}  // namespace

TEST_CASE("one-cancels-the-other: the stop fills through a gap, the take-profit is cancelled, one shared lock",
          "[order_group]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const auto orders = exchange.create_order_group(OrderGroupKind::one_cancels_the_other, exit_pair());
  REQUIRE(orders.size() == 2);
  CHECK(orders[0]->state == OrderState::open);
  CHECK(orders[1]->state == OrderState::open);
  CHECK(portfolio.balance("BTC") == Balance{d("1"), Decimal{}});  // 1 BTC locked once, not twice

  exchange.on_candle("BTC/USDT", candle(1, "18500", "18600", "18000", "18100"));
  CHECK(orders[1]->state == OrderState::filled);
  CHECK(orders[1]->filled_cost == d("18500"));
  CHECK(orders[0]->state == OrderState::cancelled);
  CHECK(orders[0]->reason == "one-cancels-the-other: " + orders[1]->id + " filled");
  CHECK(portfolio.balance("BTC") == Balance{});
  CHECK(exchange.open_orders().empty());
}

TEST_CASE("one-cancels-the-other: a partial fill cancels the other side, the filling side completes", "[order_group]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio, {Decimal{}, d("0.1")});
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const auto orders = exchange.create_order_group(OrderGroupKind::one_cancels_the_other, exit_pair());
  exchange.on_candle("BTC/USDT", candle(1, "20500", "21000", "20400", "20900", "4"));
  CHECK(orders[0]->state == OrderState::partially_filled);
  CHECK(orders[0]->filled == d("0.4"));
  CHECK(orders[1]->state == OrderState::cancelled);
  CHECK(portfolio.balance("BTC") == Balance{d("0.6"), Decimal{}});
  // Even through the stop price, only the take-profit remains.
  exchange.on_candle("BTC/USDT", candle(2, "20900", "21100", "18000", "18500", "4"));
  exchange.on_candle("BTC/USDT", candle(3, "20900", "21100", "20000", "20500", "4"));
  CHECK(orders[0]->state == OrderState::filled);
  CHECK(orders[0]->filled_cost == d("21000"));
  CHECK(portfolio.balance("BTC") == Balance{});
}

TEST_CASE("balanced take-profit + stop: a partial fill of one side resizes the other", "[order_group]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio, {Decimal{}, d("0.1")});
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const auto orders = exchange.create_order_group(OrderGroupKind::balanced_take_profit_stop_loss, exit_pair());
  const Order& take_profit = *orders[0];
  const Order& stop = *orders[1];

  exchange.on_candle("BTC/USDT", candle(1, "20500", "21000", "20400", "20900", "4"));  // TP fills 0.4
  CHECK(take_profit.filled == d("0.4"));
  CHECK(stop.state == OrderState::open);
  CHECK(stop.remaining() == d("0.6"));
  CHECK(portfolio.balance("BTC") == Balance{d("0.6"), Decimal{}});

  exchange.on_candle("BTC/USDT", candle(2, "18500", "18600", "18000", "18100", "4"));  // stop fills 0.4
  CHECK(stop.filled == d("0.4"));
  CHECK(stop.remaining() == d("0.2"));
  CHECK(take_profit.remaining() == d("0.2"));
  CHECK(portfolio.balance("BTC") == Balance{d("0.2"), Decimal{}});

  exchange.on_candle("BTC/USDT", candle(3, "18100", "18200", "17000", "17500", "100"));  // stop completes
  CHECK(stop.state == OrderState::filled);
  CHECK(take_profit.state == OrderState::cancelled);
  CHECK(take_profit.filled == d("0.4"));
  CHECK(portfolio.balance("BTC") == Balance{});
  CHECK(portfolio.balance("USDT").total ==
        d("8400") - d("8.4") + d("7400") - d("14.8") + d("3620") - d("7.24"));  // maker TP, taker stops
}

TEST_CASE(
    "a group without the funds for its shared reservation is rejected as a whole, cancelling one member "
    "cancels the group",
    "[order_group]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const auto too_big = exchange.create_order_group(OrderGroupKind::one_cancels_the_other, exit_pair("1.5"));
  CHECK(too_big[0]->state == OrderState::rejected);
  CHECK(too_big[1]->state == OrderState::rejected);
  CHECK(too_big[1]->reason.find("cannot lock 1.5 BTC") != std::string::npos);
  CHECK(portfolio.balance("BTC") == Balance{d("1"), d("1")});

  const auto orders = exchange.create_order_group(OrderGroupKind::balanced_take_profit_stop_loss, exit_pair());
  CHECK(exchange.cancel_order(orders[1]->id));
  CHECK(orders[0]->state == OrderState::cancelled);
  CHECK(orders[1]->state == OrderState::cancelled);
  CHECK(portfolio.balance("BTC") == Balance{d("1"), d("1")});

  CHECK_THROWS_AS(exchange.create_order_group(OrderGroupKind::one_cancels_the_other, {exit_pair()[0]}),
                  std::invalid_argument);
  auto unequal = exit_pair();
  unequal[1].amount = d("0.5");
  CHECK_THROWS_AS(exchange.create_order_group(OrderGroupKind::balanced_take_profit_stop_loss, unequal),
                  std::invalid_argument);
}

TEST_CASE("a candle crossing both sides of an exit pair is read pessimistically: the stop fills", "[order_group]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  // The take-profit is created first, so creation order alone would have filled it.
  const auto orders = exchange.create_order_group(OrderGroupKind::one_cancels_the_other, exit_pair());
  exchange.on_candle("BTC/USDT", candle(1, "20000", "21500", "18500", "20000"));
  CHECK(orders[1]->state == OrderState::filled);
  CHECK(orders[1]->filled_cost == d("19000"));
  CHECK(orders[0]->state == OrderState::cancelled);
}
