// "orders/1" called like a C tentacle calls it: refusals are orders, impossible requests are errors
// with a message, and an account sees only its own orders.
#include <catch2/catch.hpp>
#include <octobot/trading_modes/account_set.hpp>
#include <octobot/trading_modes/orders_service.hpp>

#include <string>
#include <vector>

#include "service_test_support.hpp"
#include "trading_modes_support.hpp"

using Catch::Matchers::Contains;
using octobot::trading_modes::Account;
using octobot::trading_modes::AccountSet;
using octobot::trading_modes::OrdersService;
using namespace trading_modes_test;

namespace {

struct Fixture {
  Exchange bench;
  Account account{[this] {
    bench.portfolio.deposit("USDT", d("1000"));
    return bench.account();
  }()};
  AccountSet accounts;
  OrdersService service{accounts};
  const ob_orders_service_v1& orders = *service.table();
  ob_error error = blank_error();

  Fixture() {
    accounts.add(account);
    bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  }

  ob_status create(const ob_order_request& raw, ob_order_view& out) {
    return orders.create(orders.context, account.handle(), &raw, &out, &error);
  }
};

}  // namespace

TEST_CASE("orders/1: exponent text is an exact amount, and what is created is reported", "[trading_modes][orders]") {
  Fixture f;
  ob_order_view view = blank_view();
  auto raw = request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "1e-1", "1e2");
  raw.tag = "grid-3";
  REQUIRE(f.create(raw, view) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_OPEN);
  CHECK(std::string(view.amount.text) == "0.1");
  CHECK(std::string(view.price.text) == "100");
  CHECK(std::string(view.filled.text) == "0");
  CHECK(std::string(view.tag) == "grid-3");
  CHECK(std::string(view.symbol) == "BTC/USDT");
  // The reservation is exact: 0.1 * 100.
  CHECK(f.bench.portfolio.balance("USDT").available == d("990"));
}

TEST_CASE("orders/1: impossible requests are errors saying what was expected and found", "[trading_modes][orders]") {
  Fixture f;
  ob_order_view view = blank_view();

  CHECK(f.create(request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, ""), view) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message,
             Contains("orders/1 create: amount: expected a decimal number") && Contains("found empty text"));

  CHECK(f.create(request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "abc"), view) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("found \"abc\""));

  CHECK(f.create(request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1"), view) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("price: a limit order needs a limit price, found empty text"));

  CHECK(f.create(request("BTC/USDT", OB_SIDE_SELL, OB_ORDER_TYPE_STOP_LOSS, "0.1"), view) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("trigger_price"));

  CHECK(f.create(request("DOGE/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "1"), view) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("found \"DOGE/USDT\""));

  CHECK(f.create(request("BTC/USDT", 7, OB_ORDER_TYPE_MARKET, "1"), view) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("side: expected OB_SIDE_BUY (0) or OB_SIDE_SELL (1), found 7"));

  CHECK(f.create(request("BTC/USDT", OB_SIDE_BUY, 42, "1"), view) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("found 42"));

  const auto raw = request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "1");
  CHECK(f.orders.create(f.orders.context, nullptr, &raw, &view, &f.error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("account"));
  int forged = 0;
  CHECK(f.orders.create(f.orders.context, reinterpret_cast<const ob_account*>(&forged), &raw, &view, &f.error) ==
        OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("an account this run does not know"));

  // Nothing of the above touched the funds.
  CHECK(f.bench.portfolio.balance("USDT").available == d("1000"));
  CHECK(f.bench.exchange.open_orders().empty());
}

TEST_CASE("orders/1: a refusal at the exchange's minimums is an order, rejected with the reason",
          "[trading_modes][orders]") {
  Fixture f;
  ob_order_view view = blank_view();
  REQUIRE(f.create(request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "0.05"), view) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_REJECTED);
  CHECK(std::string(view.reason) == "BTC/USDT: cost 5 USDT (0.05 at 100) is below the market minimum cost 10 USDT");
  CHECK(f.bench.portfolio.balance("USDT") == octobot::trading::Balance{d("1000"), d("1000")});
}

TEST_CASE("orders/1: market rules and the last price", "[trading_modes][orders]") {
  Fixture f;
  ob_market_info info{};
  info.header = OB_HEADER_INIT(ob_market_info);
  REQUIRE(f.orders.market(f.orders.context, f.account.handle(), "BTC/USDT", &info, &f.error) == OB_OK);
  CHECK(std::string(info.base) == "BTC");
  CHECK(std::string(info.quote) == "USDT");
  CHECK(std::string(info.price_tick.text) == "0.01");
  CHECK(std::string(info.amount_step.text) == "0.00001");
  CHECK(std::string(info.min_amount.text) == "0.0001");
  CHECK(std::string(info.min_cost.text) == "10");
  CHECK(std::string(info.maker_fee.text) == "0.001");
  CHECK(std::string(info.taker_fee.text) == "0.002");

  ob_decimal price{};
  REQUIRE(f.orders.last_price(f.orders.context, f.account.handle(), "BTC/USDT", &price, &f.error) == OB_OK);
  CHECK(std::string(price.text) == "100");
  CHECK(f.orders.last_price(f.orders.context, f.account.handle(), "ETH/USDT", &price, &f.error) == OB_ERROR_STATE);
  CHECK_THAT(f.error.message, Contains("no price for ETH/USDT yet"));
}

TEST_CASE("orders/1: open_orders and cancel see only the account's own orders", "[trading_modes][orders]") {
  Fixture f;
  Account other(f.bench.account());  // the same exchange and portfolio: only ownership separates them
  f.accounts.add(other);
  ob_order_view view = blank_view();
  REQUIRE(f.create(request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.2", "90"), view) == OB_OK);
  const std::string mine = view.id;
  REQUIRE(f.create(request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.2", "80"), view) == OB_OK);

  std::vector<ob_order_view> out(4, blank_view());
  CHECK(f.orders.open_orders(f.orders.context, other.handle(), nullptr, out.data(), out.size()) == 0);
  CHECK(f.orders.cancel(f.orders.context, other.handle(), mine.c_str(), &f.error) == OB_ERROR_NOT_FOUND);
  CHECK(f.orders.open_orders(f.orders.context, f.account.handle(), "BTC/USDT", out.data(), out.size()) == 2);
  CHECK(std::string(out[0].id) == mine);  // oldest first
  CHECK(std::string(out[1].price.text) == "80");
  // A buffer too small still gets the count, and only what fits is written.
  CHECK(f.orders.open_orders(f.orders.context, f.account.handle(), nullptr, out.data(), 1) == 2);
  CHECK(f.orders.open_orders(f.orders.context, f.account.handle(), "ETH/USDT", out.data(), out.size()) == 0);

  REQUIRE(f.orders.cancel(f.orders.context, f.account.handle(), mine.c_str(), &f.error) == OB_OK);
  CHECK(f.orders.cancel(f.orders.context, f.account.handle(), mine.c_str(), &f.error) == OB_ERROR_NOT_FOUND);
  CHECK(f.orders.open_orders(f.orders.context, f.account.handle(), nullptr, out.data(), out.size()) == 1);
  CHECK(f.bench.portfolio.balance("USDT").available == d("984"));  // 1000 - 0.2 * 80
}

TEST_CASE("orders/1: groups and chains are checked when asked for", "[trading_modes][orders]") {
  Fixture f;
  ob_order_view views[2] = {blank_view(), blank_view()};
  const ob_order_request unequal[2] = {request("BTC/USDT", OB_SIDE_SELL, OB_ORDER_TYPE_LIMIT, "0.1", "110"),
                                       request("BTC/USDT", OB_SIDE_SELL, OB_ORDER_TYPE_STOP_LOSS, "0.2", "", "90")};
  CHECK(f.orders.create_group(f.orders.context, f.account.handle(), 9, unequal, 2, views, &f.error) ==
        OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("found 9"));

  REQUIRE(f.create(request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.2", "95"), views[0]) == OB_OK);
  const std::string parent = views[0].id;
  CHECK(f.orders.chain(f.orders.context, f.account.handle(), parent.c_str(), OB_GROUP_BALANCED_TAKE_PROFIT_STOP_LOSS,
                       unequal, 2, &f.error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("a balanced group needs equal amounts: order 0 has 0.1, order 1 has 0.2"));
  CHECK(f.orders.chain(f.orders.context, f.account.handle(), "no-such-order", OB_GROUP_NONE, unequal, 1, &f.error) ==
        OB_ERROR_NOT_FOUND);

  // A chain on an order that is still open waits for its fill.
  CHECK(f.orders.chain(f.orders.context, f.account.handle(), parent.c_str(), OB_GROUP_NONE, unequal, 1, &f.error) ==
        OB_OK);
  CHECK(f.account.open_orders().size() == 1);
  REQUIRE(f.orders.cancel(f.orders.context, f.account.handle(), parent.c_str(), &f.error) == OB_OK);
  CHECK(f.orders.chain(f.orders.context, f.account.handle(), parent.c_str(), OB_GROUP_NONE, unequal, 1, &f.error) ==
        OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("found \"" + parent + "\" cancelled"));
}

TEST_CASE("orders/1: while an instance runs, only its own account is accepted", "[trading_modes][orders]") {
  Fixture f;
  Account other(f.bench.account());
  f.accounts.add(other);
  ob_order_view view = blank_view();
  const auto raw = request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.2", "90");
  f.accounts.restrict_to(&other);
  CHECK(f.create(raw, view) == OB_ERROR_INVALID_ARGUMENT);
  CHECK_THAT(f.error.message, Contains("the account the running instance was created with"));
  CHECK(f.orders.create(f.orders.context, other.handle(), &raw, &view, &f.error) == OB_OK);
  f.accounts.restrict_to(nullptr);
  CHECK(f.create(raw, view) == OB_OK);
}

namespace {

octobot::commons::Decimal from_fixed(const ob_fixed18& value) {
  using Raw = octobot::commons::Decimal::Raw;
  return octobot::commons::Decimal::from_raw((static_cast<Raw>(value.hi) << 64) | static_cast<Raw>(value.lo));
}

struct Briefs {
  std::vector<std::string> ids;
  std::vector<std::string> tags;
  std::vector<std::uint32_t> sides;
  static void visit(void* user, const ob_order_brief* order) {
    auto* self = static_cast<Briefs*>(user);
    self->ids.emplace_back(order->id);
    self->tags.emplace_back(order->tag);
    self->sides.push_back(order->side);
  }
};

}  // namespace

TEST_CASE("orders/1 (ABI 1.4): market rules and the last price in binary are the text's exact values",
          "[trading_modes][orders]") {
  Fixture f;
  REQUIRE(OB_HAS_FIELD(&f.orders, ob_orders_service_v1, open_order_briefs));
  ob_market_rules rules{};
  rules.header = OB_HEADER_INIT(ob_market_rules);
  REQUIRE(f.orders.market_rules(f.orders.context, f.account.handle(), "BTC/USDT", &rules, &f.error) == OB_OK);
  CHECK(std::string(rules.base) == "BTC");
  CHECK(std::string(rules.quote) == "USDT");
  CHECK(from_fixed(rules.price_tick) == d("0.01"));
  CHECK(from_fixed(rules.amount_step) == d("0.00001"));
  CHECK(from_fixed(rules.min_amount) == d("0.0001"));
  CHECK(from_fixed(rules.min_cost) == d("10"));
  CHECK(from_fixed(rules.maker_fee) == d("0.001"));
  CHECK(from_fixed(rules.taker_fee) == d("0.002"));
  CHECK(f.orders.market_rules(f.orders.context, f.account.handle(), "DOGE/USDT", &rules, &f.error) ==
        OB_ERROR_INVALID_ARGUMENT);

  ob_fixed18 price{};
  REQUIRE(f.orders.last_price_fixed(f.orders.context, f.account.handle(), "BTC/USDT", &price, &f.error) == OB_OK);
  CHECK(from_fixed(price) == d("100"));
  CHECK(f.orders.last_price_fixed(f.orders.context, f.account.handle(), "ETH/USDT", &price, &f.error) ==
        OB_ERROR_STATE);
  CHECK_THAT(f.error.message, Contains("no price for ETH/USDT yet"));
}

TEST_CASE("orders/1 (ABI 1.4): open order briefs list what open_orders lists, oldest first, own orders only",
          "[trading_modes][orders]") {
  Fixture f;
  Account other(f.bench.account());
  f.accounts.add(other);
  ob_order_view view = blank_view();
  auto first = request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.2", "90");
  first.tag = "entry";
  REQUIRE(f.create(first, view) == OB_OK);
  const std::string mine = view.id;
  REQUIRE(f.create(request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.2", "80"), view) == OB_OK);

  Briefs briefs;
  REQUIRE(f.orders.open_order_briefs(f.orders.context, f.account.handle(), "BTC/USDT", &Briefs::visit, &briefs,
                                     &f.error) == OB_OK);
  REQUIRE(briefs.ids.size() == 2);
  CHECK(briefs.ids[0] == mine);
  CHECK(briefs.ids[1] == std::string(view.id));
  CHECK(briefs.tags == std::vector<std::string>{"entry", ""});
  CHECK(briefs.sides == std::vector<std::uint32_t>{OB_SIDE_BUY, OB_SIDE_BUY});

  Briefs none;
  REQUIRE(f.orders.open_order_briefs(f.orders.context, other.handle(), nullptr, &Briefs::visit, &none, &f.error) ==
          OB_OK);
  CHECK(none.ids.empty());
  CHECK(f.orders.open_order_briefs(f.orders.context, f.account.handle(), nullptr, nullptr, &none, &f.error) ==
        OB_ERROR_INVALID_ARGUMENT);
}
