// The bundled trading modes as a bot run uses them: built into a tentacle tree, loaded by the real
// host with a real profile, created and driven by the TradingModeRunner, trading on a
// SimulatedExchange whose order updates come back over the Orders channel.
#include <catch2/catch.hpp>

#include <algorithm>

#include "runner_bench.hpp"

using octobot::commons::LogLevel;
using octobot::trading::Order;
using octobot::trading::OrderType;
using octobot::trading_modes::Account;
using octobot::trading_modes::TradingModeRunner;
using namespace modes_integration;

namespace {

std::filesystem::path default_profile() { return std::filesystem::path(OCTOBOT_PROFILES_DIR) / "daily_trading"; }
std::filesystem::path grid_profile() { return std::filesystem::path(OCTOBOT_TEST_PROFILES_DIR) / "grid_trading"; }

std::vector<const Order*> open_of(const Account& account, octobot::channel::Side side, OrderType type) {
  std::vector<const Order*> out;
  for (const Order* order : account.open_orders()) {
    if (order->side == side && order->type == type) out.push_back(order);
  }
  std::sort(out.begin(), out.end(), [](const Order* a, const Order* b) { return a->price < b->price; });
  return out;
}

}  // namespace

TEST_CASE("integration: DailyTradingMode with the default profile buys, then sells with a stop-loss",
          "[trading_modes_bundled][integration]") {
  Bench bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(host_with_profile(default_profile()),
                           bench.runner_config({{"DailyTradingMode", &account}}, {"BTC/USDT"}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");

  runner.on_strategy_signal("BTC/USDT", -0.9, bench.now_ms, "SimpleStrategyEvaluator");  // VERY_LONG
  bench.driver.drain();
  REQUIRE(runner.report().decisions_delivered == 1);
  // Market buy with 65 % of the quote (0.3 + (0.9 + 0.5 * 0.2) * 0.35 with risk 0.5), less the 0.1 % fee.
  CHECK(bench.portfolio.balance("BTC").total == d("6.4935"));

  runner.on_strategy_signal("BTC/USDT", 0.5, bench.now_ms, "SimpleStrategyEvaluator");  // SHORT
  bench.driver.drain();
  const auto sells = open_of(account, octobot::channel::Side::sell, OrderType::limit);
  const auto stops = open_of(account, octobot::channel::Side::sell, OrderType::stop_loss);
  REQUIRE(sells.size() == 1);
  REQUIRE(stops.size() == 1);
  CHECK(sells[0]->price == d("101.25"));
  CHECK(stops[0]->trigger_price == d("97"));
  CHECK(account.tag(sells[0]->id) == "daily-entry");

  // The next candle reaches 101.25: the sell fills and the stop-loss of its group goes.
  bench.candle("BTC/USDT", 1, "100", "102", "99.5", "101");
  CHECK(account.open_orders().empty());
  CHECK(runner.report().errors == 0);
  CHECK(log.find("DailyTradingMode", LogLevel::info, "new state: SHORT").size() == 1);
}

TEST_CASE("integration: DailyTradingMode's new state cancels the open orders it replaces",
          "[trading_modes_bundled][integration]") {
  Bench bench;
  bench.portfolio.deposit("USDT", d("1000"));
  bench.portfolio.deposit("BTC", d("5"));
  Account account(bench.account());
  TradingModeRunner runner(host_with_profile(default_profile()),
                           bench.runner_config({{"DailyTradingMode", &account}}, {"BTC/USDT"}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  runner.on_strategy_signal("BTC/USDT", 0.5, bench.now_ms, "SimpleStrategyEvaluator");  // SHORT
  bench.driver.drain();
  REQUIRE(account.open_orders().size() == 2);
  runner.on_strategy_signal("BTC/USDT", -0.5, bench.now_ms, "SimpleStrategyEvaluator");  // LONG
  bench.driver.drain();
  REQUIRE(account.open_orders().size() == 1);
  CHECK(account.open_orders()[0]->side == octobot::channel::Side::buy);
  CHECK(account.open_orders()[0]->price == d("98.75"));
  CHECK(bench.portfolio.balance("BTC").available == d("5"));  // the sell's reservation is back
  CHECK(runner.report().errors == 0);
}

TEST_CASE("integration: an entry the exchange rejects reaches the log with the exchange's reason",
          "[trading_modes_bundled][integration]") {
  Bench bench;
  // DCATradingMode's reference config: a 50 USDT market entry at start. With 30 USDT the exchange
  // refuses it for missing funds.
  bench.portfolio.deposit("USDT", d("30"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(host_with_profile(std::nullopt),
                           bench.runner_config({{"DCATradingMode", &account}}, {"BTC/USDT"}));
  bench.candle_to(runner, "BTC/USDT", 0, "100", "101", "99", "100");
  CHECK(runner.report().decisions_delivered == 1);
  CHECK(account.open_orders().empty());
  const auto rejected = log.find("DCATradingMode", LogLevel::warning, "rejected by the exchange");
  REQUIRE(rejected.size() == 1);
  CHECK_THAT(rejected[0], Catch::Matchers::Contains("USDT"));
  CHECK(runner.report().errors == 0);
}

TEST_CASE("integration: DCATradingMode buys at start and waits for the next period of the bot clock",
          "[trading_modes_bundled][integration]") {
  Bench bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  TradingModeRunner runner(host_with_profile(std::nullopt),
                           bench.runner_config({{"DCATradingMode", &account}}, {"BTC/USDT"}));
  bench.candle_to(runner, "BTC/USDT", 0, "100", "101", "99", "100");
  // 50 USDT at 100 with the 0.1 % fee: 0.4995 BTC.
  CHECK(bench.portfolio.balance("BTC").total == d("0.4995"));
  bench.candle_to(runner, "BTC/USDT", 1, "100", "101", "99", "100");
  CHECK(bench.portfolio.balance("BTC").total == d("0.4995"));  // next entry in 10080 minutes
  CHECK(runner.report().errors == 0);
}

TEST_CASE("integration: GridTradingMode with the OctoBot grid profile places its grid and mirrors a fill",
          "[trading_modes_bundled][integration]") {
  Bench bench({market("BTC")});
  bench.portfolio.deposit("USDT", d("50000"));
  bench.portfolio.deposit("BTC", d("1"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(host_with_profile(grid_profile()),
                           bench.runner_config({{"GridTradingMode", &account}}, {"BTC/USDT"}));
  bench.candle_to(runner, "BTC/USDT", 0, "50000", "50100", "49900", "50000");
  auto buys = open_of(account, octobot::channel::Side::buy, OrderType::limit);
  auto sells = open_of(account, octobot::channel::Side::sell, OrderType::limit);
  REQUIRE(buys.size() == 25);
  REQUIRE(sells.size() == 25);
  CHECK(buys.back()->price == d("49000"));
  CHECK(buys.front()->price == d("25000"));
  CHECK(sells.front()->price == d("51000"));
  CHECK(sells.back()->price == d("75000"));

  // The price dips through 49000: that buy fills, its mirror sell goes up at 50000.
  bench.candle_to(runner, "BTC/USDT", 1, "50000", "50000", "48900", "49500");
  buys = open_of(account, octobot::channel::Side::buy, OrderType::limit);
  sells = open_of(account, octobot::channel::Side::sell, OrderType::limit);
  CHECK(buys.size() == 24);
  REQUIRE(sells.size() == 26);
  CHECK(sells.front()->price == d("50000"));
  CHECK(runner.report().errors == 0);
}

TEST_CASE("integration: StaggeredOrdersTradingMode's reference config stages BTC/USDT and mirrors a fill",
          "[trading_modes_bundled][integration]") {
  Bench bench;
  bench.portfolio.deposit("USDT", d("4500"));
  bench.portfolio.deposit("BTC", d("1"));
  Account account(bench.account());
  TradingModeRunner runner(host_with_profile(std::nullopt),
                           bench.runner_config({{"StaggeredOrdersTradingMode", &account}}, {"BTC/USDT"}));
  bench.candle_to(runner, "BTC/USDT", 0, "4500", "4510", "4490", "4500");
  // mountain, spread 6 %, increment 3 % between 3000 and 6000: 11 buys and 11 sells.
  REQUIRE(open_of(account, octobot::channel::Side::buy, OrderType::limit).size() == 11);
  REQUIRE(open_of(account, octobot::channel::Side::sell, OrderType::limit).size() == 11);
  CHECK(open_of(account, octobot::channel::Side::buy, OrderType::limit).back()->price == d("4365"));
  // A dip through 4365 fills that buy; its mirror sells at 4500.
  bench.candle_to(runner, "BTC/USDT", 1, "4500", "4500", "4360", "4400");
  const auto sells = open_of(account, octobot::channel::Side::sell, OrderType::limit);
  REQUIRE(sells.size() == 12);
  CHECK(sells.front()->price == d("4500"));
  CHECK(runner.report().errors == 0);
}

TEST_CASE("integration: IndexTradingMode runs once for the exchange and buys an equal-weight basket",
          "[trading_modes_bundled][integration]") {
  Bench bench({market("BTC"), market("ETH")});
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  TradingModeRunner runner(host_with_profile(std::nullopt),
                           bench.runner_config({{"IndexTradingMode", &account}}, {"BTC/USDT", "ETH/USDT"}));
  REQUIRE(runner.instances().size() == 1);
  CHECK(runner.instances()[0].scope == OB_SCOPE_EXCHANGE);
  // index_content is empty: the coins traded against USDT share the basket equally. The first
  // check waits until every symbol has sent a candle (a symbol comes round again).
  bench.candle_to(runner, "BTC/USDT", 0, "100", "100", "100", "100");
  bench.candle_to(runner, "ETH/USDT", 0, "10", "10", "10", "10");
  CHECK(account.open_orders().empty());
  CHECK(bench.portfolio.balance("USDT").total == d("1000"));
  bench.candle_to(runner, "BTC/USDT", 1, "100", "100", "100", "100");
  const Decimal btc = bench.portfolio.balance("BTC").total;
  const Decimal eth = bench.portfolio.balance("ETH").total;
  CHECK(btc > d("4.9"));
  CHECK(btc < d("5"));
  CHECK(eth > d("49"));
  CHECK(eth < d("50"));
  CHECK(runner.report().errors == 0);
}
