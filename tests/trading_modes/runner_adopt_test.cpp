// A resumed paper session (or a restarted real one) gives each restored open order back to the mode
// instance that created it (TradingModeRunner::adopt): the instance must then treat it as its own, exactly as if it had
// created it in this run.
#include <catch2/catch.hpp>
#include <octobot/trading_modes/service_error.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <optional>
#include <string>
#include <vector>

#include "trading_modes_support.hpp"

using octobot::trading::OrderOwnerLink;
using octobot::trading::OrderRequest;
using octobot::trading::OrderState;
using octobot::trading::Side;
using octobot::trading_modes::Account;
using octobot::trading_modes::ServiceError;
using octobot::trading_modes::TaggedRequest;
using octobot::trading_modes::TradingModeRunner;
using namespace trading_modes_test;

namespace {

// DipBuyerMode on BTC/USDT over an account with 2 BTC and 1000 USDT, after a first candle at 100.
struct AdoptionBench {
  Exchange bench;
  Account account{[this] {
    bench.portfolio.deposit("BTC", d("2"));
    bench.portfolio.deposit("USDT", d("1000"));
    return bench.account();
  }()};
  LogRecorder log;
  TradingModeRunner runner{tentacle_host(), runner_config(bench, {{"DipBuyerMode", &account}})};

  AdoptionBench() { bench.candle("BTC/USDT", 0, "100", "101", "99", "100"); }
};

}  // namespace

TEST_CASE("runner: an adopted order is the mode's own: listed, updated, cancelled, saved with its tag",
          "[trading_modes][runner]") {
  AdoptionBench run;
  auto& [bench, account, log, runner] = run;
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

TEST_CASE("runner: orders chained to an adopted order that already filled are created at once, the mode's own",
          "[trading_modes][runner]") {
  // A restarted real session: the entry filled while no bot ran, its exits were pending on it.
  AdoptionBench run;
  auto& [bench, account, log, runner] = run;
  const std::string entry = bench.exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("1"), d("95"))).id;
  bench.candle("BTC/USDT", 1, "100", "100", "90", "96");  // fills it: its update reaches no mode
  REQUIRE(bench.exchange.order(entry)->state == OrderState::filled);
  const auto exit = [] {
    return std::vector<TaggedRequest>{{OrderRequest::limit("BTC/USDT", Side::sell, d("1"), d("120")), "exit"}};
  };
  CHECK_THROWS_AS(runner.chain(entry, std::nullopt, exit()), ServiceError);  // nobody's yet

  REQUIRE(runner.adopt("DipBuyerMode", "BTC/USDT", *bench.exchange.order(entry), "entry"));
  const auto created = runner.chain(entry, std::nullopt, exit());
  REQUIRE(created.size() == 1);
  const std::string exit_id = created[0]->id;
  CHECK(created[0]->state == OrderState::open);
  CHECK(account.tag(exit_id) == "exit");
  // The instance's: saved as its own, and its updates reach it.
  CHECK(runner.order_owners() == std::vector<OrderOwnerLink>{{exit_id, "DipBuyerMode", "BTC/USDT", "exit"}});
  bench.driver.drain();
  bench.candle("BTC/USDT", 2, "110", "125", "110", "121");  // fills the exit
  CHECK(log.find("DipBuyerMode", "update exit filled").size() == 1);
  CHECK(runner.report().errors == 0);
}
