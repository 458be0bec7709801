// IndexTradingMode: target ratios, drift detection and rebalancing trades checked directly, then the
// exchange-scope mode driven through its ABI table with a fake account holding two markets.
#include "index_trading_mode.hpp"

#include <catch2/catch.hpp>

#include "index_plan.hpp"
#include "mode_harness.hpp"

using namespace octobot;
using namespace octobot::tentacles_bundled;

TEST_CASE("index: weights are normalised, no content means equal shares") {
  auto ratios = index::target_ratios({{"BTC", 3}, {"ETH", 1}}, {"BTC", "ETH", "SOL"});
  CHECK(ratios.size() == 2);
  CHECK(ratios["BTC"] == Approx(0.75));
  CHECK(ratios["ETH"] == Approx(0.25));
  ratios = index::target_ratios({}, {"BTC", "ETH"});
  CHECK(ratios["BTC"] == Approx(0.5));
}

TEST_CASE("index: a rebalance is due only beyond the trigger") {
  const std::map<std::string, double> targets{{"BTC", 0.5}, {"ETH", 0.5}};
  CHECK_FALSE(index::needs_rebalance(targets, {{"BTC", 52}, {"ETH", 48}}, 0, 0.05));
  CHECK(index::needs_rebalance(targets, {{"BTC", 60}, {"ETH", 40}}, 0, 0.05));
  CHECK(index::needs_rebalance(targets, {}, 100, 0.05));                                // all in the reference market
  CHECK(index::needs_rebalance({{"BTC", 1.0}}, {{"BTC", 50}, {"DOGE", 50}}, 0, 0.05));  // a coin left the index
}

TEST_CASE("index: sells above target come first, then buys with what is free") {
  const auto trades = index::rebalance_trades({{"BTC", 0.5}, {"ETH", 0.5}}, {{"BTC", 70}, {"ETH", 20}}, 10);
  REQUIRE(trades.size() == 2);
  CHECK((trades[0].coin == "BTC" && trades[0].side == sdk::Side::sell));
  CHECK(trades[0].value == Approx(20));
  CHECK((trades[1].coin == "ETH" && trades[1].side == sdk::Side::buy));
  CHECK(trades[1].value == Approx(30));
}

TEST_CASE("index mode: one exchange-wide instance buys the basket, then waits for the next refresh") {
  CHECK(IndexTradingMode::scope == OB_SCOPE_EXCHANGE);
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.00001, 5});
  account.add_market("ETH/USDT", {"ETH", "USDT", 0.01, 0.0001, 0.0001, 5});
  account.set_price("BTC/USDT", 100);
  account.set_price("ETH/USDT", 10);
  account.set_balance("USDT", 1000);
  test::ModeDriver mode(test::descriptor_of<IndexTradingMode>(), account,
                        std::filesystem::path(OCTOBOT_MODES_DIR) / "index_trading_mode", std::nullopt, "");
  REQUIRE(mode.reconfigure(R"({"refresh_interval": 1, "rebalance_trigger_min_percent": 5,
      "index_content": [{"name": "BTC", "value": 3}, {"name": "ETH", "value": 1}]})") == OB_OK);
  const std::int64_t day = 24LL * 3600 * 1000;
  mode.set_now(day);
  mode.candles({{0, 100, 100, 100, 100, 1}}, "BTC/USDT");
  mode.candles({{0, 10, 10, 10, 10, 1}}, "ETH/USDT");  // same day: no second check
  // 75 % in BTC, 25 % in ETH, less the fee margin.
  CHECK(account.total("BTC") == Approx(7.5 * 0.999).epsilon(0.001));
  CHECK(account.total("ETH") == Approx(25 * 0.999).epsilon(0.001));
  REQUIRE(account.history().size() == 2);

  // BTC doubles: 1498.5 vs 250 in ETH is far from 75 / 25; the next day's check rebalances.
  account.set_price("BTC/USDT", 200);
  mode.set_now(2 * day);
  mode.candles({{day, 200, 200, 200, 200, 1}}, "BTC/USDT");
  REQUIRE(account.history().size() == 4);
  CHECK(account.history()[2].side == OB_SIDE_SELL);
  CHECK(account.history()[3].side == OB_SIDE_BUY);
  const double btc_value = account.total("BTC") * 200;
  const double eth_value = account.total("ETH") * 10;
  CHECK(btc_value / (btc_value + eth_value) == Approx(0.75).epsilon(0.01));
}

TEST_CASE("index mode: a basket in balance is left alone") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.00001, 5});
  account.set_price("BTC/USDT", 100);
  account.set_balance("BTC", 10);
  test::ModeDriver mode(test::descriptor_of<IndexTradingMode>(), account,
                        std::filesystem::path(OCTOBOT_MODES_DIR) / "index_trading_mode", std::nullopt, "");
  mode.candles({{0, 100, 100, 100, 100, 1}}, "BTC/USDT");
  CHECK_FALSE(mode.logged(OB_LOG_INFO, "no rebalance"));  // first round of symbols: no check yet
  mode.candles({{60'000, 100, 100, 100, 100, 1}}, "BTC/USDT");
  CHECK(account.history().empty());
  CHECK(mode.logged(OB_LOG_INFO, "no rebalance"));
}
