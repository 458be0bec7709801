// DailyTradingMode: OctoBot's states and order sizing checked on the pure logic, then the mode
// driven through its ABI table with the default profile's configuration and a fake account.
#include "daily_trading_mode.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "daily_order_planner.hpp"
#include "daily_state.hpp"
#include "mode_harness.hpp"

using namespace octobot;
using namespace octobot::tentacles_bundled;
using daily::DailyInputs;
using daily::DailySettings;
using sdk::SignalState;

namespace {

DailyInputs inputs_for(SignalState state, double note) {
  DailyInputs inputs;
  inputs.state = state;
  inputs.final_note = note;
  inputs.price = 100;
  inputs.quote_available = 1000;
  inputs.base_available = 2;
  inputs.base_holding_ratio = 0.5;
  inputs.portfolio_value = 1400;
  return inputs;
}

test::FakeAccount& btc_account(test::FakeAccount& account) {
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.0001, 10});
  account.set_price("BTC/USDT", 100);
  account.set_balance("BTC", 10);
  account.set_balance("USDT", 1000);
  return account;
}

std::filesystem::path daily_folder() { return std::filesystem::path(OCTOBOT_MODES_DIR) / "daily_trading_mode"; }
std::filesystem::path default_profile() { return std::filesystem::path(OCTOBOT_PROFILES_DIR) / "daily_trading"; }

std::size_t count_open(const test::FakeAccount& account, std::uint32_t side, std::uint32_t type) {
  std::size_t count = 0;
  for (const auto& order : account.open_orders()) count += order.side == side && order.type == type ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("daily: notes map to OctoBot's five states, risk widening the LONG and SHORT bands") {
  CHECK(daily::state_for_note(-0.9, 0) == SignalState::very_long);
  CHECK(daily::state_for_note(-0.85, 0) == SignalState::long_);
  CHECK(daily::state_for_note(-0.5, 0) == SignalState::long_);
  CHECK(daily::state_for_note(-0.25, 0) == SignalState::neutral);
  CHECK(daily::state_for_note(0.0, 0) == SignalState::neutral);
  CHECK(daily::state_for_note(0.25, 0) == SignalState::short_);
  CHECK(daily::state_for_note(0.85, 0) == SignalState::very_short);
  CHECK(daily::state_for_note(std::numeric_limits<double>::quiet_NaN(), 0) == SignalState::neutral);
  // risk 0.5 moves every threshold by 0.1 towards neutral.
  CHECK(daily::state_for_note(-0.76, 0.5) == SignalState::very_long);
  CHECK(daily::state_for_note(-0.2, 0.5) == SignalState::long_);
  CHECK(daily::state_for_note(0.16, 0.5) == SignalState::short_);
  CHECK(daily::state_for_note(0.76, 0.5) == SignalState::very_short);
}

TEST_CASE("daily: only a change of state is reported, from the average of every strategy's latest note") {
  daily::StateTracker tracker;
  auto change = tracker.on_note("A", -0.9, 0);
  REQUIRE(change);
  CHECK(change->state == SignalState::very_long);
  CHECK_FALSE(tracker.on_note("A", -0.95, 0));  // still VERY_LONG
  change = tracker.on_note("B", 0.1, 0);        // (-0.95 + 0.1) / 2 = -0.425: LONG
  REQUIRE(change);
  CHECK(change->state == SignalState::long_);
  CHECK(change->final_note == Approx(-0.425));
  CHECK_FALSE(tracker.on_note("B", std::numeric_limits<double>::quiet_NaN(), 0));  // NaN is left out
}

TEST_CASE("daily: LONG is a limit buy below the price sized by note and risk") {
  const auto plan = daily::plan_orders(DailySettings{}, inputs_for(SignalState::long_, -0.5));
  REQUIRE(plan.entry);
  CHECK(plan.entry->side == sdk::Side::buy);
  CHECK(plan.entry->type == sdk::OrderType::limit);
  // (1 - 0.5 + 1 - 0.5) * 0.0075 below 0.995: 98.75.
  CHECK(plan.entry->price == Approx(98.75));
  // 10 BTC buyable; factor 0.1 + (0.5 + 0.5 * 0.2) * 0.4 = 0.34.
  CHECK(plan.entry->amount == Approx(3.4));
  CHECK_FALSE(plan.oco_stop);
  CHECK(plan.chained_exits.empty());
}

TEST_CASE("daily: VERY_LONG is a market buy, VERY_SHORT a market sell") {
  const auto buy = daily::plan_orders(DailySettings{}, inputs_for(SignalState::very_long, -1));
  REQUIRE(buy.entry);
  CHECK(buy.entry->type == sdk::OrderType::market);
  CHECK(buy.entry->side == sdk::Side::buy);
  CHECK(buy.entry->amount == Approx(10 * (0.3 + 1.1 * 0.35)));
  const auto sell = daily::plan_orders(DailySettings{}, inputs_for(SignalState::very_short, 1));
  REQUIRE(sell.entry);
  CHECK(sell.entry->type == sdk::OrderType::market);
  CHECK(sell.entry->side == sdk::Side::sell);
  // Selling a non-reference asset weighs the risk five times: 0.3 + (1 + 0.5) * 0.35 = 0.825.
  CHECK(sell.entry->amount == Approx(2 * 0.825));
}

TEST_CASE("daily: SHORT is a limit sell above the price with a stop-loss in one-cancels-the-other") {
  const auto plan = daily::plan_orders(DailySettings{}, inputs_for(SignalState::short_, 0.5));
  REQUIRE(plan.entry);
  CHECK(plan.entry->side == sdk::Side::sell);
  CHECK(plan.entry->price == Approx(101.25));
  CHECK(plan.entry->amount == Approx(1.0));  // 2 BTC * (0.1 + (0.5 + 0.5) * 0.4)
  REQUIRE(plan.oco_stop);
  CHECK(plan.oco_stop->type == sdk::OrderType::stop_loss);
  CHECK(plan.oco_stop->trigger_price == Approx(97.0));  // 0.99 - 0.5 * 0.04
  CHECK(plan.oco_stop->amount == Approx(plan.entry->amount));

  DailySettings no_stop;
  no_stop.use_stop_orders = false;
  CHECK_FALSE(daily::plan_orders(no_stop, inputs_for(SignalState::short_, 0.5)).oco_stop);
}

TEST_CASE("daily: configured amounts, all-in orders, disabled sides, fixed limit distance") {
  auto inputs = inputs_for(SignalState::long_, -0.5);
  inputs.user_buy_amount = 0.5;
  CHECK(daily::plan_orders(DailySettings{}, inputs).entry->amount == Approx(0.5));

  DailySettings all_in;
  all_in.buy_with_maximum_size_orders = true;
  CHECK(daily::plan_orders(all_in, inputs_for(SignalState::long_, -0.5)).entry->amount == Approx(10));

  DailySettings no_buy;
  no_buy.disable_buy_orders = true;
  const auto plan = daily::plan_orders(no_buy, inputs_for(SignalState::very_long, -1));
  CHECK_FALSE(plan.entry);
  CHECK(plan.nothing_because.find("disable_buy_orders") != std::string::npos);

  DailySettings fixed;
  fixed.use_prices_close_to_current_price = true;
  fixed.close_to_current_price_difference = 0.01;
  CHECK(daily::plan_orders(fixed, inputs_for(SignalState::long_, -0.5)).entry->price == Approx(99));
  CHECK(daily::plan_orders(fixed, inputs_for(SignalState::short_, 0.5)).entry->price == Approx(101));
}

TEST_CASE("daily: almost no base left sells all of it, and max_currency_percent caps buys") {
  auto inputs = inputs_for(SignalState::short_, 0.3);
  inputs.base_holding_ratio = 0.01;
  CHECK(daily::plan_orders(DailySettings{}, inputs).entry->amount == Approx(2));

  DailySettings capped;
  capped.max_currency_percent = 60;  // 50 % held: room for 10 % of 1400 = 140 USDT = 1.4 BTC
  CHECK(daily::plan_orders(capped, inputs_for(SignalState::very_long, -1)).entry->amount == Approx(1.4));
  capped.max_currency_percent = 40;  // already above: no buy
  CHECK_FALSE(daily::plan_orders(capped, inputs_for(SignalState::very_long, -1)).entry);
}

TEST_CASE("daily: target profits mode trades entries only, each with a take-profit and a stop-loss") {
  DailySettings settings;
  settings.target_profits_mode = true;
  settings.target_profits_mode_take_profit = 10;
  settings.target_profits_mode_stop_loss = 5;
  const auto plan = daily::plan_orders(settings, inputs_for(SignalState::long_, -0.5));
  REQUIRE(plan.entry);
  REQUIRE(plan.chained_exits.size() == 2);
  CHECK(plan.chained_exits[0].type == sdk::OrderType::limit);
  CHECK(plan.chained_exits[0].price == Approx(plan.entry->price * 1.10));
  CHECK(plan.chained_exits[1].type == sdk::OrderType::stop_loss);
  CHECK(plan.chained_exits[1].trigger_price == Approx(plan.entry->price * 0.95));
  CHECK_FALSE(daily::plan_orders(settings, inputs_for(SignalState::very_short, 1)).entry);
}

TEST_CASE("daily mode: the default profile's config drives market, limit and stop orders on state changes") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DailyTradingMode>(), account, daily_folder(), default_profile(),
                        "BTC/USDT");

  mode.signal(-0.9);  // VERY_LONG: market buy
  REQUIRE(mode.decisions().size() == 1);
  CHECK(mode.decisions()[0].state == OB_SIGNAL_VERY_LONG);
  REQUIRE(account.history().size() == 1);
  CHECK(account.history()[0].type == OB_ORDER_TYPE_MARKET);
  CHECK(account.history()[0].state == OB_ORDER_STATUS_FILLED);
  CHECK(account.total("BTC") > 10);

  mode.signal(-0.95);  // same state: nothing
  CHECK(mode.decisions().size() == 1);

  mode.signal(0.5);  // SHORT: sell limit + stop-loss (use_stop_orders is true in the profile)
  REQUIRE(mode.decisions().size() == 2);
  CHECK(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_LIMIT) == 1);
  CHECK(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_STOP_LOSS) == 1);

  mode.signal(0.1);  // NEUTRAL: orders stay
  CHECK(account.open_orders().size() == 2);

  mode.signal(-0.5);  // LONG: the sell side is cancelled, a buy limit replaces it
  CHECK(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_LIMIT) == 0);
  CHECK(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_STOP_LOSS) == 0);
  CHECK(count_open(account, OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT) == 1);
  CHECK(mode.logged(OB_LOG_INFO, "new state: LONG"));
}

TEST_CASE("daily mode: an order the exchange rejects is logged with the exchange's reason") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DailyTradingMode>(), account, daily_folder(), default_profile(),
                        "BTC/USDT");
  account.reject_next("exchange maintenance: trading halted");
  mode.signal(-0.9);
  REQUIRE(account.history().size() == 1);
  CHECK(account.history()[0].state == OB_ORDER_STATUS_REJECTED);
  CHECK(mode.logged(OB_LOG_WARNING, "rejected by the exchange"));
  CHECK(mode.logged(OB_LOG_WARNING, "exchange maintenance: trading halted"));
  // The exchange's update for that order does not log it a second time.
  mode.order_update(test::FakeAccount::view_of(account.history()[0]));
  CHECK(std::count_if(mode.logs().begin(), mode.logs().end(), [](const test::LogLine& line) {
          return line.message.find("exchange maintenance") != std::string::npos;
        }) == 1);
  // A rejection that only arrives as an update (a live exchange answering later) is logged.
  test::FakeOrder late = account.history()[0];
  late.id = "order-late";
  late.reason = "self-trade prevention";
  mode.order_update(test::FakeAccount::view_of(late));
  CHECK(mode.logged(OB_LOG_WARNING, "self-trade prevention"));
}

TEST_CASE("daily mode: an order below the exchange minimums is reported, not sent") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.0001, 5000});  // min cost 5000 USDT
  account.set_price("BTC/USDT", 100);
  account.set_balance("USDT", 1000);
  test::ModeDriver mode(test::descriptor_of<DailyTradingMode>(), account, daily_folder(), default_profile(),
                        "BTC/USDT");
  mode.signal(-0.9);
  CHECK(account.history().empty());
  CHECK(mode.logged(OB_LOG_WARNING, "below the minimum cost 5000"));
}

TEST_CASE("daily mode: target profits mode chains a take-profit and a stop-loss to each entry") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DailyTradingMode>(), account, daily_folder(), default_profile(),
                        "BTC/USDT");
  REQUIRE(mode.reconfigure(R"({"target_profits_mode": true, "use_stop_orders": true, "buy_order_amount": "100q",
                              "target_profits_mode_take_profit": 10, "target_profits_mode_stop_loss": 5})") == OB_OK);
  mode.signal(-0.5);  // LONG: limit buy for 100 USDT
  REQUIRE(account.open_orders().size() == 1);
  const auto entry = account.open_orders()[0];
  CHECK(entry.amount * 100 == Approx(100).epsilon(0.01));
  mode.order_update(account.fill(entry.id));
  REQUIRE(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_LIMIT) == 1);
  REQUIRE(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_STOP_LOSS) == 1);
  for (const auto& exit : account.open_orders()) {
    CHECK(exit.price == Approx(entry.price * (exit.type == OB_ORDER_TYPE_STOP_LOSS ? 0.95 : 1.10)));
  }
  mode.signal(0.9);  // a sell signal is no exit in this mode: the exits stay
  CHECK(account.open_orders().size() == 2);
}

TEST_CASE("daily mode: an out-of-range setting is refused with the key's name") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DailyTradingMode>(), account, daily_folder(), default_profile(),
                        "BTC/USDT");
  std::string message;
  CHECK(mode.reconfigure(R"({"max_currency_percent": 150})", &message) == OB_ERROR_CONFIG);
  CHECK(message.find("max_currency_percent") != std::string::npos);
}

TEST_CASE("daily mode: an amount that is not OctoBot's syntax is refused when configured") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DailyTradingMode>(), account, daily_folder(), default_profile(),
                        "BTC/USDT");
  std::string message;
  CHECK(mode.reconfigure(R"({"buy_order_amount": "100 USDT"})", &message) == OB_ERROR_CONFIG);
  CHECK(message.find("buy_order_amount") != std::string::npos);
  CHECK(mode.reconfigure(R"({"buy_order_amount": "12t%", "sell_order_amount": "0.5"})") == OB_OK);
}

TEST_CASE("daily mode: a state change before any price places nothing and says why") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.0001, 10});
  account.set_balance("USDT", 1000);
  test::ModeDriver mode(test::descriptor_of<DailyTradingMode>(), account, daily_folder(), default_profile(),
                        "BTC/USDT");
  mode.signal(-0.9);
  CHECK(account.history().empty());
  CHECK(mode.logged(OB_LOG_WARNING, "no price yet"));
}

TEST_CASE("daily mode: dust below one amount step is an info line, a too small order a warning") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.001, 0.001, 10});
  account.set_price("BTC/USDT", 100);
  account.set_balance("BTC", 0.0004);  // less than the 0.001 step
  account.set_balance("USDT", 1000);
  test::ModeDriver mode(test::descriptor_of<DailyTradingMode>(), account, daily_folder(), default_profile(),
                        "BTC/USDT");
  mode.signal(0.9);  // VERY_SHORT: sell the (dust) base
  CHECK(account.history().empty());
  CHECK(mode.logged(OB_LOG_INFO, "less than one amount step"));
  CHECK_FALSE(mode.logged(OB_LOG_WARNING, "order not created"));
}
