#include <catch2/catch.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <vector>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
namespace channel = octobot::channel;
using channel::OrderType;
using channel::Side;

TEST_CASE("an order expires before the candle opening at its expiry can fill it, funds released, published",
          "[simulated_exchange][expiry]") {
  channel::SyncDriver driver;
  const auto mode = channel::DeliveryMode::synchronized(driver);
  auto orders = std::make_shared<channel::Channel<channel::OrdersChannel>>("sim", mode);
  auto balance = std::make_shared<channel::Channel<channel::BalanceChannel>>("sim", mode);
  std::vector<channel::OrderStatus> statuses;
  std::vector<channel::BalanceMessage> balances;
  auto order_sub = orders->subscribe([&](const channel::OrderMessage& m) { statuses.push_back(m.status); });
  auto balance_sub = balance->subscribe([&](const channel::BalanceMessage& m) { balances.push_back(m); });

  Portfolio portfolio;
  portfolio.deposit("USDT", d("10000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio, {}, {orders, nullptr, balance});
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const Order& order = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000"))
                                                 .expiring_at(candle(3, "1", "1", "1", "1").open_time_ms));
  CHECK(order.expire_at_ms == 180'000);
  CHECK(portfolio.balance("USDT") == Balance{d("10000"), d("8100")});
  exchange.on_candle("BTC/USDT", candle(1, "20000", "20000", "19500", "19600"));
  exchange.on_candle("BTC/USDT", candle(2, "19600", "19700", "19100", "19200"));
  CHECK(order.state == OrderState::open);
  // Candle 3 would cross 19000, but it opens at the expiry: the order is gone before it.
  exchange.on_candle("BTC/USDT", candle(3, "19200", "19200", "18000", "18500"));
  CHECK(order.state == OrderState::expired);
  CHECK(order.reason == "expired at 180000 ms");
  CHECK(order.filled.is_zero());
  CHECK(portfolio.balance("USDT") == Balance{d("10000"), d("10000")});
  CHECK(exchange.open_orders().empty());
  CHECK(exchange.trades().empty());

  driver.drain();
  CHECK(statuses == std::vector<channel::OrderStatus>{channel::OrderStatus::open, channel::OrderStatus::expired});
  REQUIRE(balances.size() == 2);  // the reservation, then its release
  CHECK(balances[0] == channel::BalanceMessage{"USDT", d("10000"), d("8100")});
  CHECK(balances[1] == channel::BalanceMessage{"USDT", d("10000"), d("10000")});
}

TEST_CASE("expire_orders expires by the clock, an order already expired at creation is rejected",
          "[simulated_exchange][expiry]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(5, "20000", "20000", "20000", "20000"));

  const Order& late = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("25000"))
                                                .expiring_at(candle(5, "1", "1", "1", "1").open_time_ms));
  CHECK(late.state == OrderState::rejected);
  CHECK(late.reason.find("could never fill") != std::string::npos);

  const Order& order =
      exchange.create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("25000")).expiring_at(500'000));
  const Order& forever = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.2"), d("26000")));
  CHECK(portfolio.balance("BTC").available == d("0.3"));
  CHECK(exchange.expire_orders(499'999) == 0);
  CHECK(order.state == OrderState::open);
  CHECK(exchange.expire_orders(500'000) == 1);
  CHECK(order.state == OrderState::expired);
  CHECK(forever.state == OrderState::open);
  CHECK(portfolio.balance("BTC").available == d("0.8"));
  CHECK(exchange.expire_orders(10'000'000) == 0);  // good till cancelled
}

TEST_CASE(
    "an expiring group member leaves the other open with the shared reservation, an expired parent drops its "
    "chained orders",
    "[simulated_exchange][expiry]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  portfolio.deposit("USDT", d("10000"));
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(0, "20000", "20000", "20000", "20000"));
  const auto members = exchange.create_order_group(
      OrderGroupKind::one_cancels_the_other,
      {OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("22000")).expiring_at(120'000),
       OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d("0.5"), d("18000"))});
  CHECK(portfolio.balance("BTC").available == d("0.5"));
  exchange.on_candle("BTC/USDT", candle(2, "20000", "20100", "19900", "20000"));
  CHECK(members[0]->state == OrderState::expired);
  CHECK(members[1]->state == OrderState::open);
  CHECK(portfolio.balance("BTC").available == d("0.5"));  // still reserved for the stop
  CHECK(exchange.cancel_order(members[1]->id));
  CHECK(portfolio.balance("BTC") == Balance{d("1"), d("1")});

  const Order& entry =
      exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.1"), d("19000")).expiring_at(240'000));
  exchange.chain(entry.id, {OrderRequest::limit("BTC/USDT", Side::sell, d("0.1"), d("21000"))});
  exchange.on_candle("BTC/USDT", candle(4, "20000", "20000", "18000", "19000"));
  CHECK(entry.state == OrderState::expired);
  CHECK(exchange.open_orders().empty());
  CHECK(portfolio.balance("USDT") == Balance{d("10000"), d("10000")});
}
