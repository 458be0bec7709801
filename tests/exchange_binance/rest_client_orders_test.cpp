// Orders through the client against the fake's matching engine: a limit order resting then filled by
// the market, market orders, cancels, balances, and Binance's rejections mapped to typed errors.
#include <catch2/catch.hpp>

#include <set>

#include "harness.hpp"

using namespace octobot::binance;
using namespace octobot::binance::testing;

TEST_CASE("orders: a limit buy rests, fills when the market reaches it, and shows its trade") {
  Harness h;
  auto& client = h.client();
  const auto placed = client.create_order(limit_order(OrderSide::buy, "0.1", "95"));
  CHECK(placed.status == "NEW");
  CHECK(placed.symbol == "BTCUSDT");
  CHECK(placed.client_order_id.rfind("x-OCTOBOT", 0) == 0);
  CHECK(placed.client_order_id.size() <= 36);
  CHECK(trimmed(placed.price) == "95");
  CHECK(trimmed(placed.orig_qty) == "0.1");
  CHECK(placed.fills.empty());
  CHECK(h.fake->locked_balance("USDT") == "9.5");
  CHECK(client.open_orders("BTC/USDT").size() == 1);

  // The market drifts down for ten minutes (lows down to 96.5): still open.
  h.fake->advance(10 * kMinute);
  CHECK(client.order("BTCUSDT", placed.client_order_id).status == "NEW");
  // The eleventh candle dips to 94: filled at the limit price, as a maker.
  h.fake->advance(kMinute);
  const auto filled = client.order("BTCUSDT", placed.order_id);
  CHECK(filled.status == "FILLED");
  CHECK(trimmed(filled.executed_qty) == "0.1");
  CHECK(trimmed(filled.cumulative_quote_qty) == "9.5");
  CHECK(filled.update_time_ms == kStart + 11 * kMinute);
  CHECK(client.open_orders().empty());

  const auto trades = client.my_trades("BTC/USDT", placed.order_id);
  REQUIRE(trades.size() == 1);
  CHECK(trades[0].order_id == placed.order_id);
  CHECK(trimmed(trades[0].price) == "95");
  CHECK(trimmed(trades[0].qty) == "0.1");
  CHECK(trimmed(trades[0].quote_qty) == "9.5");
  CHECK(trimmed(trades[0].commission) == "0.0001");  // 0.1 % of the BTC received
  CHECK(trades[0].commission_asset == "BTC");
  CHECK(trades[0].is_buyer);
  CHECK(trades[0].is_maker);

  const auto account = client.account();
  REQUIRE(account.find("USDT") != nullptr);
  CHECK(trimmed(account.find("USDT")->free) == "9990.5");
  CHECK(trimmed(account.find("USDT")->locked) == "0");
  CHECK(trimmed(account.find("BTC")->free) == "1.0999");
  CHECK(account.can_trade);
  CHECK(account.maker_commission == "0.00100000");
}

TEST_CASE("orders: a market order fills at once and reports its fills") {
  Harness h;
  auto& client = h.client();
  const auto order = client.create_order(market_order(OrderSide::sell, "0.5"));
  CHECK(order.status == "FILLED");
  CHECK(order.type == "MARKET");
  REQUIRE(order.fills.size() == 1);
  CHECK(trimmed(order.fills[0].price) == "100");
  CHECK(trimmed(order.fills[0].qty) == "0.5");
  CHECK(trimmed(order.fills[0].commission) == "0.05");
  CHECK(order.fills[0].commission_asset == "USDT");
  CHECK(h.fake->free_balance("USDT") == "10049.95");
  CHECK(h.fake->free_balance("BTC") == "0.5");
  const auto trades = client.my_trades("BTCUSDT");
  REQUIRE(trades.size() == 1);
  CHECK_FALSE(trades[0].is_maker);
}

TEST_CASE("orders: cancel releases the reservation, a second cancel is an unknown order") {
  Harness h;
  auto& client = h.client();
  const auto order = client.create_order(limit_order(OrderSide::sell, "0.25", "150"));
  CHECK(h.fake->locked_balance("BTC") == "0.25");
  const auto cancelled = client.cancel_order("BTC/USDT", order.client_order_id);
  CHECK(cancelled.status == "CANCELED");
  CHECK(cancelled.order_id == order.order_id);
  CHECK(cancelled.client_order_id == order.client_order_id);  // origClientOrderId, not the cancel's id
  CHECK(h.fake->locked_balance("BTC") == "0");
  CHECK(h.fake->free_balance("BTC") == "1");
  CHECK(client.order("BTCUSDT", order.order_id).status == "CANCELED");

  const auto again = error_of([&] { client.cancel_order("BTCUSDT", order.order_id); });
  CHECK(again.kind() == ErrorKind::unknown_order);
  CHECK(again.code() == -2011);
  const auto missing = error_of([&] { (void)client.order("BTCUSDT", std::string("x-OCTOBOTnope")); });
  CHECK(missing.kind() == ErrorKind::unknown_order);
  CHECK(missing.code() == -2013);
}

TEST_CASE("orders: insufficient balance is a typed error with Binance's code") {
  Harness h;
  auto& client = h.client();
  const auto error = error_of([&] { client.create_order(limit_order(OrderSide::buy, "200", "99")); });
  CHECK(error.kind() == ErrorKind::insufficient_balance);
  CHECK(error.code() == -2010);
  CHECK(error.http_status() == 400);
  const std::string message = error.what();
  CHECK(message.find("insufficient balance") != std::string::npos);
  CHECK(message.find("Account has insufficient balance for requested action.") != std::string::npos);
  CHECK(h.fake->orders_created() == 0);
}

TEST_CASE("orders: each filter failure names its filter") {
  Harness h;
  auto& client = h.client();
  const auto price = error_of([&] { client.create_order(limit_order(OrderSide::buy, "0.1", "95.001")); });
  CHECK(price.kind() == ErrorKind::filter_failure);
  CHECK(price.code() == -1013);
  CHECK(price.filter() == "PRICE_FILTER");
  CHECK(std::string(price.what()).find("PRICE_FILTER filter: the price is") != std::string::npos);

  const auto lot = error_of([&] { client.create_order(limit_order(OrderSide::buy, "0.000001", "95")); });
  CHECK(lot.filter() == "LOT_SIZE");
  CHECK(std::string(lot.what()).find("stepSize") != std::string::npos);

  const auto notional = error_of([&] { client.create_order(limit_order(OrderSide::buy, "0.01", "95")); });
  CHECK(notional.filter() == "NOTIONAL");
  CHECK(std::string(notional.what()).find("cost") != std::string::npos);
  CHECK(h.fake->orders_created() == 0);
}

TEST_CASE("orders: a client order id still open cannot be reused") {
  Harness h;
  auto& client = h.client();
  auto request = limit_order(OrderSide::buy, "0.1", "90");
  request.client_order_id = "mine-1";
  const auto first = client.create_order(request);
  CHECK(first.client_order_id == "x-OCTOBOTmine-1");  // the broker prefix is added
  const auto duplicate = error_of([&] { client.create_order(request); });
  CHECK(duplicate.kind() == ErrorKind::duplicate_order);
  CHECK(duplicate.code() == -2010);
  CHECK(h.fake->orders_created() == 1);
  // Once the first is closed, the id is free again (Binance checks open orders only).
  client.cancel_order("BTCUSDT", first.order_id);
  CHECK(client.create_order(request).status == "NEW");
  CHECK(h.fake->orders_created() == 2);

  request.client_order_id = std::string(40, 'a');
  CHECK(error_of([&] { client.create_order(request); }).kind() == ErrorKind::invalid_request);
}

TEST_CASE("orders: generated client order ids are unique and carry the broker prefix") {
  Harness h;
  auto& client = h.client();
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const auto id = client.new_client_order_id();
    CHECK(id.rfind("x-OCTOBOT", 0) == 0);
    CHECK(id.size() <= 36);
    ids.insert(id);
  }
  CHECK(ids.size() == 1000);
}

TEST_CASE("orders: the API key's permissions are read from apiRestrictions") {
  auto options = Harness::default_options();
  options.enable_withdrawals = true;
  Harness h(options);
  const auto restrictions = h.client().api_restrictions();
  CHECK(restrictions.enable_reading);
  CHECK(restrictions.enable_spot_and_margin_trading);
  CHECK(restrictions.enable_withdrawals);
  Harness plain;
  CHECK_FALSE(plain.client().api_restrictions().enable_withdrawals);
}
