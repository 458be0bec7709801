// Two trading modes on one exchange, each on its own sub-portfolio: neither can spend the other's
// funds, and a mode whose slice is too small gets its order rejected at the exchange's minimums, with
// the reason, inside the tentacle.
#include <catch2/catch.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <string>

#include "service_test_support.hpp"
#include "trading_modes_support.hpp"

using Catch::Matchers::Contains;
using octobot::trading::Balance;
using octobot::trading_modes::Account;
using octobot::trading_modes::TradingModeRunner;
using namespace trading_modes_test;

TEST_CASE("sub-portfolios: two modes cannot spend each other's funds", "[trading_modes][sub_portfolio]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("2000"));
  auto& rich = bench.portfolio.create_sub_portfolio("DipBuyerMode", {{"USDT", d("1000")}});
  auto& poor = bench.portfolio.create_sub_portfolio("LimitDipBuyerMode", {{"USDT", d("50")}});
  Account rich_account(bench.account(&rich));
  Account poor_account(bench.account(&poor));
  LogRecorder log;
  TradingModeRunner runner(
      tentacle_host(), runner_config(bench, {{"DipBuyerMode", &rich_account}, {"LimitDipBuyerMode", &poor_account}}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  runner.on_strategy_signal("BTC/USDT", -0.8, bench.now_ms);
  bench.driver.drain();

  // The rich mode bought 1 BTC with its own slice.
  CHECK(rich.balance("USDT") == Balance{d("900"), d("900")});
  CHECK(rich.balance("BTC") == Balance{d("0.998"), d("0")});
  CHECK(rich_account.open_orders().size() == 2);
  // 10% of the poor slice is 5 USDT: under the 10 USDT minimum, however rich the parent is. The
  // tentacle got the refusal as a REJECTED order with the reason, from create and as an update.
  const std::string reason = "BTC/USDT: cost 5 USDT (0.05 at 100) is below the market minimum cost 10 USDT";
  CHECK(log.find("LimitDipBuyerMode", "entry rejected: " + reason).size() == 1);
  CHECK(log.find("LimitDipBuyerMode", "update entry rejected filled=0 reason=" + reason).size() == 1);
  CHECK(poor.balance("USDT") == Balance{d("50"), d("50")});
  CHECK(poor_account.open_orders().empty());
  // The parent's own funds were not touched: 2000 - 1000 - 50 still free, the rich slice's spend left.
  CHECK(bench.portfolio.balance("USDT") == Balance{d("1900"), d("950")});

  // Through orders/1 directly: the poor account cannot buy with the rich one's money...
  const ob_host* host = runner.host();
  const auto& orders = *static_cast<const ob_orders_service_v1*>(host->get_service(host, OB_SERVICE_ORDERS_V1));
  ob_order_view view = blank_view();
  ob_error error = blank_error();
  const auto buy = request("BTC/USDT", OB_SIDE_BUY, OB_ORDER_TYPE_MARKET, "1");
  REQUIRE(orders.create(orders.context, poor_account.handle(), &buy, &view, &error) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_REJECTED);
  CHECK_THAT(std::string(view.reason), Contains("cannot lock 100 USDT, only 50 available"));
  // ...nor sell the rich one's BTC, nor cancel its orders.
  const auto sell = request("BTC/USDT", OB_SIDE_SELL, OB_ORDER_TYPE_MARKET, "0.5");
  REQUIRE(orders.create(orders.context, poor_account.handle(), &sell, &view, &error) == OB_OK);
  CHECK(view.state == OB_ORDER_STATUS_REJECTED);
  const std::string rich_order = rich_account.open_orders()[0]->id;
  CHECK(orders.cancel(orders.context, poor_account.handle(), rich_order.c_str(), &error) == OB_ERROR_NOT_FOUND);
  CHECK(rich_account.open_orders().size() == 2);
  CHECK(rich.balance("USDT") == Balance{d("900"), d("900")});
  CHECK(poor.balance("USDT") == Balance{d("50"), d("50")});
  CHECK(runner.report().errors == 0);
}
