// A resumed paper session gives each restored open order back to the mode instance that created it
// (TradingModeRunner::adopt): the instance must then treat it as its own, exactly as if it had
// created it in this run.
#include <catch2/catch.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <vector>

#include "trading_modes_support.hpp"

using octobot::trading::OrderOwnerLink;
using octobot::trading::OrderRequest;
using octobot::trading::OrderState;
using octobot::trading::Side;
using octobot::trading_modes::Account;
using octobot::trading_modes::TradingModeRunner;
using namespace trading_modes_test;

TEST_CASE("runner: an adopted order is the mode's own: listed, updated, cancelled, saved with its tag",
          "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("BTC", d("2"));
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(), runner_config(bench, {{"DipBuyerMode", &account}}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  // An order the account did not create (as a restored one is): nobody's until adopted.
  const auto& order = bench.exchange.create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.5"), d("120")));
  bench.driver.drain();
  CHECK(account.open_orders().empty());
  CHECK(runner.order_owners().empty());

  CHECK_FALSE(runner.adopt("GoneMode", "BTC/USDT", order, "take-profit"));      // no such mode in this run
  CHECK_FALSE(runner.adopt("DipBuyerMode", "ETH/USDT", order, "take-profit"));  // no instance on that symbol
  CHECK(account.open_orders().empty());
  REQUIRE(runner.adopt("DipBuyerMode", "BTC/USDT", order, "take-profit"));
  REQUIRE(account.open_orders().size() == 1);
  CHECK(account.open_orders()[0]->id == order.id);
  CHECK(account.tag(order.id) == "take-profit");
  CHECK(runner.order_owners() == std::vector<OrderOwnerLink>{{order.id, "DipBuyerMode", "BTC/USDT", "take-profit"}});

  // A rally: the mode cancels its open orders, the adopted one among them, and hears of the cancel.
  runner.on_strategy_signal("BTC/USDT", 0.7, bench.now_ms);
  bench.driver.drain();
  CHECK(bench.exchange.order(order.id)->state == OrderState::cancelled);
  CHECK(log.find("DipBuyerMode", "update take-profit cancelled").size() == 1);
  CHECK(account.open_orders().empty());
  CHECK_FALSE(account.owns(order.id));  // forgotten once its final update reached the mode
  CHECK(runner.order_owners().empty());
  CHECK(runner.report().errors == 0);
}
