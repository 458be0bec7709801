// DipAnalyserTradingMode: the weights, buy size and sell ladder checked directly, then the mode
// driven through its ABI table with scripted DipAnalyserStrategyEvaluator signals, its reference
// configuration and a fake account: the buy, the sells when it fills, and the exchange's minimums.
#include "dip_analyser_trading_mode.hpp"

#include <catch2/catch.hpp>

#include <cstdio>

#include "dip_plan.hpp"
#include "mode_harness.hpp"

using namespace octobot;
using namespace octobot::tentacles_bundled;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kStrategy = "DipAnalyserStrategyEvaluator";
constexpr std::int64_t kCandle = 1'700'000'000'000;

test::FakeAccount& btc_account(test::FakeAccount& account, double min_amount = 0.0001, double min_cost = 10) {
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, min_amount, min_cost});
  account.set_price("BTC/USDT", 100);
  account.set_balance("USDT", 1000);
  return account;
}

std::filesystem::path dip_folder() { return std::filesystem::path(OCTOBOT_MODES_DIR) / "dip_analyser_trading_mode"; }

sdk::MarketInfo market(double min_amount, double min_cost) {
  sdk::MarketInfo info;
  info.base = "BTC";
  info.quote = "USDT";
  info.price_tick = 0.01;
  info.amount_step = 0.001;
  info.min_amount = min_amount;
  info.min_cost = min_cost;
  return info;
}

// Fills an open order and reports the exchange's fee, taken in BTC (the fake account charges none).
ob_order_view fill_with_btc_fee(test::FakeAccount& account, const std::string& id, const char* fee) {
  ob_order_view filled = account.fill(id);
  std::snprintf(filled.fee.text, sizeof(filled.fee.text), "%s", fee);
  std::snprintf(filled.fee_asset, sizeof(filled.fee_asset), "BTC");
  return filled;
}

std::vector<test::FakeOrder> open_of(const test::FakeAccount& account, std::uint32_t side) {
  std::vector<test::FakeOrder> orders;
  for (const auto& order : account.open_orders()) {
    if (order.side == side) orders.push_back(order);
  }
  return orders;
}

}  // namespace

TEST_CASE("dip plan: the weights come from the strategy's description, else from its note") {
  auto weights = dip::parse_weights("price_weight=2 volume_weight=3", -2.0 / 3);
  CHECK(weights.price_weight == 2);
  CHECK(weights.volume_weight == 3);
  weights = dip::parse_weights("", -1.0);  // an older host or strategy: no description
  CHECK(weights.price_weight == 3);
  CHECK(weights.volume_weight == 1);
  weights = dip::parse_weights("reversal confirmed", -1.0 / 3);
  CHECK(weights.price_weight == 1);
  CHECK_THROWS_WITH(dip::parse_weights("price_weight=7 volume_weight=1", -1),
                    Contains("price_weight: expected 1, 2 or 3") && Contains("found \"7\""));
  CHECK_THROWS_WITH(dip::parse_weights("price_weight=2 volume_weight=x", -1), Contains("volume_weight"));
}

TEST_CASE("dip plan: a buy is a third of what the quote buys, scaled by the volume weight and the risk") {
  dip::DipSettings settings;
  CHECK(dip::limit_buy_price(100) == Approx(99.5));
  CHECK(dip::buy_amount(settings, 3, 10, std::nullopt) == Approx(3.3));
  CHECK(dip::buy_amount(settings, 1, 10, std::nullopt) == Approx(1.65));
  CHECK(dip::buy_amount(settings, 2, 10, 2.0) == Approx(1.4));  // buy_order_amount, resolved to 2 BTC
  settings.risk = 1;                                            // x1.1, but never above the full amount
  CHECK(dip::buy_amount(settings, 2, 10, std::nullopt) == Approx(10 * 0.33 * 0.77));
  CHECK(dip::buy_amount(settings, 3, 10, std::nullopt) == Approx(3.3));
  settings.risk = 0;
  CHECK(dip::buy_amount(settings, 3, 10, std::nullopt) == Approx(3.3 * 0.9));
}

TEST_CASE("dip plan: sells climb evenly to the price weight's target and sell the whole amount") {
  dip::DipSettings settings;
  auto plan = dip::plan_sells(settings, 2, 3.3, 100, market(0.001, 10));
  REQUIRE(plan.orders.size() == 3);
  CHECK_FALSE(plan.note);
  CHECK(plan.orders[0].price == Approx(102.333333333));
  CHECK(plan.orders[1].price == Approx(104.666666667));
  CHECK(plan.orders[2].price == Approx(107));  // medium: x1.07
  CHECK(plan.orders[0].amount == Approx(1.1));
  CHECK(plan.orders[0].amount + plan.orders[1].amount + plan.orders[2].amount == Approx(3.3));
  // 1 BTC in three parts at step 0.001: 0.333 + 0.333 + the remainder 0.334.
  plan = dip::plan_sells(settings, 3, 1, 100, market(0.001, 10));
  REQUIRE(plan.orders.size() == 3);
  CHECK(plan.orders[2].amount == Approx(0.334));
  CHECK(plan.orders[2].price == Approx(110));  // heavy: x1.1
}

TEST_CASE("dip plan: parts below the exchange's minimums are merged, down to one order or none") {
  dip::DipSettings settings;
  // Min cost 50: three parts of 0.3 BTC cost ~30 each, two of 0.45 ~46; one of 0.9 at 104 passes.
  auto plan = dip::plan_sells(settings, 1, 0.9, 100, market(0.001, 50));
  REQUIRE(plan.orders.size() == 1);
  CHECK(plan.orders[0].amount == Approx(0.9));
  CHECK(plan.orders[0].price == Approx(104));
  REQUIRE(plan.note);
  CHECK_THAT(*plan.note, Contains("1 sell order instead of 3") && Contains("below the minimum cost 50"));
  plan = dip::plan_sells(settings, 1, 0.3, 100, market(0.001, 50));
  CHECK(plan.orders.empty());
  REQUIRE(plan.note);
  CHECK_THAT(*plan.note, Contains("no sell order"));
}

TEST_CASE("dip mode: a dip signal places a limit buy under the price, sized by the volume weight") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DipAnalyserTradingMode>(), account, dip_folder(), std::nullopt, "BTC/USDT");
  mode.signal(-2.0 / 3, "SimpleStrategyEvaluator", "price_weight=2 volume_weight=3");  // not a dip signal
  CHECK(account.history().empty());
  mode.signal(0.5, kStrategy, "price_weight=2 volume_weight=3");  // not a buy
  CHECK(account.history().empty());

  mode.signal(-2.0 / 3, kStrategy, "price_weight=2 volume_weight=2");
  REQUIRE(account.open_orders().size() == 1);
  const auto buy = account.open_orders()[0];
  CHECK(buy.side == OB_SIDE_BUY);
  CHECK(buy.type == OB_ORDER_TYPE_LIMIT);
  CHECK(buy.tag == "dip-buy");
  CHECK(buy.price == Approx(99.5));
  CHECK(buy.amount == Approx(1000.0 / 100 * 0.33 * 0.7));  // medium volume: reference config's 0.7
  REQUIRE(mode.decisions().size() == 1);
  CHECK(mode.decisions()[0].state == OB_SIGNAL_LONG);
  CHECK(mode.logged(OB_LOG_INFO, "price weight 2, volume weight 2"));
}

TEST_CASE("dip mode: a filled buy is sold in three limit orders up to the price weight's target") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DipAnalyserTradingMode>(), account, dip_folder(), std::nullopt, "BTC/USDT");
  mode.set_now(kCandle);
  mode.signal(-1, kStrategy, "price_weight=3 volume_weight=3");
  REQUIRE(account.open_orders().size() == 1);
  const auto buy = account.open_orders()[0];
  CHECK(buy.amount == Approx(3.3));
  // The exchange took its fee in BTC: the sells cover what is left.
  mode.order_update(fill_with_btc_fee(account, buy.id, "0.0033"));
  const auto sells = open_of(account, OB_SIDE_SELL);
  REQUIRE(sells.size() == 3);
  double total = 0;
  for (std::size_t i = 0; i < sells.size(); ++i) {
    CHECK(sells[i].type == OB_ORDER_TYPE_LIMIT);
    CHECK(sells[i].tag == "dip-sell");
    CHECK(sells[i].price == Approx(99.5 + (99.5 * 1.1 - 99.5) / 3 * static_cast<double>(i + 1)));
    total += sells[i].amount;
  }
  CHECK(sells[2].price == Approx(109.45));  // heavy: the buy price x1.1
  CHECK(total == Approx(3.3 - 0.0033));
  REQUIRE(mode.decisions().size() == 2);
  CHECK(mode.decisions()[1].state == OB_SIGNAL_SHORT);

  // With ignore_exchange_fees the whole fill is sold.
  REQUIRE(mode.reconfigure(R"({"ignore_exchange_fees": true, "sell_orders_count": 2})") == OB_OK);
  account.set_balance("USDT", 1000);
  mode.set_now(kCandle + 3'600'000);
  mode.signal(-1, kStrategy, "price_weight=1 volume_weight=3");
  const auto second = open_of(account, OB_SIDE_BUY);
  REQUIRE(second.size() == 1);
  mode.order_update(fill_with_btc_fee(account, second[0].id, "0.0033"));
  const auto all_sells = open_of(account, OB_SIDE_SELL);
  REQUIRE(all_sells.size() == 5);
  CHECK(all_sells[3].amount + all_sells[4].amount == Approx(second[0].amount));
  CHECK(all_sells[4].price == Approx(99.5 * 1.04));  // light: x1.04
  // Sell orders are never cancelled by the mode.
  CHECK(account.history().size() == 7);
}

TEST_CASE("dip mode: a new dip replaces the open buy; a repeat on a filled candle buys nothing") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DipAnalyserTradingMode>(), account, dip_folder(), std::nullopt, "BTC/USDT");
  mode.set_now(kCandle);
  mode.signal(-1.0 / 3, kStrategy, "price_weight=1 volume_weight=1");
  REQUIRE(account.open_orders().size() == 1);
  const std::string first = account.open_orders()[0].id;
  mode.set_now(kCandle + 3'600'000);
  account.set_price("BTC/USDT", 90);
  mode.signal(-1.0 / 3, kStrategy, "price_weight=1 volume_weight=1");
  CHECK(account.find(first)->state == OB_ORDER_STATUS_CANCELED);
  const auto buys = open_of(account, OB_SIDE_BUY);
  REQUIRE(buys.size() == 1);
  CHECK(buys[0].price == Approx(89.55));
  CHECK(mode.logged(OB_LOG_INFO, "cancelled the previous buy order " + first));
  // That buy fills; the same candle signals again: nothing is left to replace, so no new buy.
  mode.order_update(account.fill(buys[0].id));
  const auto orders_before = account.history().size();
  mode.signal(-1.0 / 3, kStrategy, "price_weight=1 volume_weight=1");
  CHECK(account.history().size() == orders_before);
  CHECK(open_of(account, OB_SIDE_BUY).empty());
}

TEST_CASE("dip mode: a buy below the exchange's minimums is reported, not sent; a rejection is logged") {
  test::FakeAccount account;
  btc_account(account, 0.0001, 500);  // min cost 500 USDT; a light buy costs ~165
  test::ModeDriver mode(test::descriptor_of<DipAnalyserTradingMode>(), account, dip_folder(), std::nullopt, "BTC/USDT");
  mode.signal(-1.0 / 3, kStrategy, "price_weight=1 volume_weight=1");
  CHECK(account.history().empty());
  CHECK(mode.logged(OB_LOG_WARNING, "no buy order: buy limit"));
  CHECK(mode.logged(OB_LOG_WARNING, "below the minimum cost 500"));

  test::FakeAccount open_market;
  btc_account(open_market);
  test::ModeDriver second(test::descriptor_of<DipAnalyserTradingMode>(), open_market, dip_folder(), std::nullopt,
                          "BTC/USDT");
  open_market.reject_next("rate limit exceeded");
  second.signal(-1, kStrategy, "price_weight=3 volume_weight=3");
  REQUIRE(open_market.history().size() == 1);
  CHECK(open_market.history()[0].state == OB_ORDER_STATUS_REJECTED);
  CHECK(second.logged(OB_LOG_WARNING, "rate limit exceeded"));
}

TEST_CASE("dip mode: sells the minimums refuse are merged into fewer orders") {
  test::FakeAccount account;
  btc_account(account, 0.0001, 150);  // three parts of the 3.3 BTC buy cost ~110 each: too small
  test::ModeDriver mode(test::descriptor_of<DipAnalyserTradingMode>(), account, dip_folder(), std::nullopt, "BTC/USDT");
  mode.signal(-1, kStrategy, "price_weight=3 volume_weight=3");
  const auto buys = open_of(account, OB_SIDE_BUY);
  REQUIRE(buys.size() == 1);
  mode.order_update(account.fill(buys[0].id));
  const auto sells = open_of(account, OB_SIDE_SELL);
  REQUIRE(sells.size() == 2);
  CHECK(sells[0].amount + sells[1].amount == Approx(3.3));
  CHECK(sells[1].price == Approx(109.45));
  CHECK(mode.logged(OB_LOG_INFO, "2 sell orders instead of 3"));
}

TEST_CASE("dip mode: bad weights and bad configuration are refused with what was expected") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DipAnalyserTradingMode>(), account, dip_folder(), std::nullopt, "BTC/USDT");
  mode.signal(-1, kStrategy, "price_weight=9 volume_weight=1");
  CHECK(account.history().empty());
  CHECK(mode.logged(OB_LOG_WARNING, "dip signal ignored: price_weight: expected 1, 2 or 3"));
  std::string message;
  CHECK(mode.reconfigure(R"({"sell_orders_count": 0})", &message) == OB_ERROR_CONFIG);
  CHECK_THAT(message, Contains("sell_orders_count") && Contains("got 0"));
  CHECK(mode.reconfigure(R"({"medium_weight_volume_multiplier": 1.5})", &message) == OB_ERROR_CONFIG);
  CHECK_THAT(message, Contains("medium_weight_volume_multiplier"));
  CHECK(mode.reconfigure(R"({"heavy_weight_price_multiplier": 0.9})", &message) == OB_ERROR_CONFIG);
  CHECK(mode.reconfigure(R"({"buy_order_amount": "lots"})", &message) == OB_ERROR_CONFIG);
  CHECK_THAT(message, Contains("buy_order_amount"));
}

TEST_CASE("dip mode: the reference config and its schema are OctoBot's") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DipAnalyserTradingMode>(), account, dip_folder(), std::nullopt, "BTC/USDT");
  const std::string config = mode.config_json();
  for (const char* key :
       {"sell_orders_count", "light_weight_price_multiplier", "medium_weight_price_multiplier",
        "heavy_weight_price_multiplier", "light_weight_volume_multiplier", "medium_weight_volume_multiplier",
        "heavy_weight_volume_multiplier", "ignore_exchange_fees", "required_strategies"}) {
    INFO(key);
    CHECK(config.find(std::string("\"") + key + "\"") != std::string::npos);
  }
}
