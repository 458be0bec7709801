// A long run does not make the runner or the accounts remember every order: the id (and tag) of an
// order is forgotten once its final update was delivered to its mode.
#include <catch2/catch.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <string>
#include <vector>

#include "trading_modes_support.hpp"

using octobot::trading_modes::Account;
using octobot::trading_modes::TradingModeRunner;
using namespace trading_modes_test;

TEST_CASE("runner: orders are forgotten once their final update reached the mode", "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("100000"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(), runner_config(bench, {{"LimitDipBuyerMode", &account}}));
  constexpr int kRounds = 40;  // 10 % of the USDT each round: enough left for the minimums
  std::vector<std::string> seen;
  std::int64_t index = 0;
  bench.candle("BTC/USDT", index++, "100", "100.5", "99.5", "100");
  for (int round = 0; round < kRounds; ++round) {
    // A dip: a limit entry at 100, filled by the next candle, which opens the chained exit pair.
    runner.on_strategy_signal("BTC/USDT", -0.8, bench.now_ms, "SimpleStrategy");
    bench.driver.drain();
    bench.candle("BTC/USDT", index++, "100", "100.5", "99.5", "100");
    for (const auto* order : account.open_orders()) seen.push_back(order->id);
    // A rally: the mode cancels its open orders (the exit pair).
    runner.on_strategy_signal("BTC/USDT", 0.8, bench.now_ms, "SimpleStrategy");
    bench.driver.drain();
    bench.candle("BTC/USDT", index++, "100", "100.5", "99.5", "100");
  }
  CHECK(account.open_orders().empty());
  CHECK(seen.size() == 2 * kRounds);  // the exit pair of every round
  // Every final update was delivered (entries filled, exits cancelled), then the ids were dropped.
  CHECK(log.find("LimitDipBuyerMode", "update entry filled").size() == kRounds);
  CHECK(log.find("LimitDipBuyerMode", "update take-profit cancelled").size() == kRounds);
  std::size_t still_owned = 0;
  for (const std::string& id : seen) still_owned += account.owns(id) ? 1 : 0;
  CHECK(still_owned == 0);
  CHECK(runner.report().errors == 0);
}
