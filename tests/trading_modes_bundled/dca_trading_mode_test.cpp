// DCATradingMode: triggers and order plans checked directly, then the mode driven through its ABI
// table with its reference configuration and a fake account.
#include "dca_trading_mode.hpp"

#include <catch2/catch.hpp>

#include "dca_order_planner.hpp"
#include "dca_trigger.hpp"
#include "mode_harness.hpp"

using namespace octobot;
using namespace octobot::tentacles_bundled;
using sdk::SignalState;

namespace {

constexpr std::int64_t kStart = 1'700'000'000'000;
constexpr std::int64_t kMinute = 60'000;

dca::DcaInputs inputs_at(double price) {
  dca::DcaInputs inputs;
  inputs.price = price;
  inputs.quote_available = 1000;
  inputs.entry_amount = 1;
  return inputs;
}

test::FakeAccount& btc_account(test::FakeAccount& account, double min_cost = 10) {
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.0001, min_cost});
  account.set_price("BTC/USDT", 100);
  account.set_balance("USDT", 1000);
  return account;
}

std::filesystem::path dca_folder() { return std::filesystem::path(OCTOBOT_MODES_DIR) / "dca_trading_mode"; }

std::vector<test::CandleRow> candle_at(std::int64_t time, double close) {
  return {{time, close, close, close, close, 1}};
}

std::size_t count_open(const test::FakeAccount& account, std::uint32_t side, std::uint32_t type) {
  std::size_t count = 0;
  for (const auto& order : account.open_orders()) count += order.side == side && order.type == type ? 1 : 0;
  return count;
}

}  // namespace

TEST_CASE("dca: trigger modes use OctoBot's option texts") {
  CHECK(dca::parse_trigger_mode("Time based") == dca::TriggerMode::time_based);
  CHECK(dca::parse_trigger_mode("Maximum evaluators signals based") ==
        dca::TriggerMode::maximum_evaluators_signals_based);
  CHECK_THROWS_AS(dca::parse_trigger_mode("hourly"), sdk::ConfigError);
}

TEST_CASE("dca: the time trigger enters at start and then once per period") {
  dca::TimeTrigger trigger(60);
  CHECK(trigger.due(kStart));
  CHECK_FALSE(trigger.due(kStart + 59 * kMinute));
  CHECK(trigger.due(kStart + 60 * kMinute));
  CHECK_FALSE(trigger.due(kStart + 61 * kMinute));
}

TEST_CASE("dca: the signal trigger enters when every strategy says -1") {
  dca::SignalTrigger trigger(false);
  CHECK(trigger.on_note("A", -1) == SignalState::very_long);
  CHECK(trigger.on_note("B", -0.5) == SignalState::neutral);
  CHECK(trigger.on_note("B", -1) == SignalState::very_long);
  CHECK(trigger.on_note("A", 1) == SignalState::neutral);
  CHECK(trigger.on_note("B", 1) == SignalState::very_short);

  dca::SignalTrigger initialization(true);
  CHECK(initialization.on_note("A", 0.2) == SignalState::very_long);
  CHECK(initialization.on_note("A", 0.2) == SignalState::neutral);
}

TEST_CASE("dca: entries are a market or limit buy plus secondary limit buys while funds last") {
  dca::DcaSettings settings;
  auto plan = dca::plan_entries(settings, inputs_at(100));
  REQUIRE(plan.entries.size() == 1);
  CHECK(plan.entries[0].order.type == sdk::OrderType::market);
  CHECK(plan.entries[0].exits.empty());

  settings.use_market_entry_orders = false;
  settings.use_secondary_entry_orders = true;
  settings.secondary_entry_orders_count = 3;
  auto inputs = inputs_at(100);
  inputs.secondary_entry_amount = 4;
  inputs.quote_available = 100 + 4 * 90 + 4 * 85;  // room for the initial entry and two secondaries
  plan = dca::plan_entries(settings, inputs);
  REQUIRE(plan.entries.size() == 3);
  CHECK(plan.entries[0].order.price == Approx(95));
  CHECK(plan.entries[1].order.price == Approx(90));
  CHECK(plan.entries[2].order.price == Approx(85));
  REQUIRE(plan.notes.size() == 1);
  CHECK(plan.notes[0].find("secondary entry 3/3") != std::string::npos);
}

TEST_CASE("dca: max_asset_holding_percent stops the entries") {
  dca::DcaSettings settings;
  settings.max_asset_holding_percent = 40;
  auto inputs = inputs_at(100);
  inputs.base_holding_ratio = 0.45;
  const auto plan = dca::plan_entries(settings, inputs);
  CHECK(plan.entries.empty());
  REQUIRE(plan.notes.size() == 1);
  CHECK(plan.notes[0].find("max_asset_holding_percent") != std::string::npos);
}

TEST_CASE("dca: exits are take-profits split upwards, each paired with the stop-loss") {
  dca::DcaSettings settings;
  settings.use_take_profit_exit_orders = true;
  settings.use_stop_losses = true;
  settings.use_secondary_exit_orders = true;
  settings.secondary_exit_orders_count = 2;
  auto exits = dca::plan_exits(settings, inputs_at(100), 100, 3);
  REQUIRE(exits.size() == 3);
  CHECK(exits[0].take_profit->price == Approx(105));
  CHECK(exits[1].take_profit->price == Approx(115));  // 5 % + 5 % * 2, as OctoBot computes it
  CHECK(exits[2].take_profit->price == Approx(120));
  for (const auto& couple : exits) {
    CHECK(couple.take_profit->amount == Approx(1));
    CHECK(couple.stop_loss->price == Approx(90));
  }
  // Parts the exchange would refuse are merged: at min cost 150, only two 1.5 parts pass at 90.
  auto inputs = inputs_at(100);
  inputs.min_cost = 150;
  exits = dca::plan_exits(settings, inputs, 100, 3);
  REQUIRE(exits.size() == 1);
  CHECK(exits[0].take_profit->amount == Approx(3));
}

TEST_CASE("dca mode: time based entries buy buy_order_amount at start and every period") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DCATradingMode>(), account, dca_folder(), std::nullopt, "BTC/USDT");
  REQUIRE(mode.reconfigure(
              R"({"trigger_mode": "Time based", "minutes_before_next_buy": 60, "buy_order_amount": "50q"})") == OB_OK);
  mode.set_now(kStart);
  mode.candles(candle_at(kStart - 60 * kMinute, 100));
  REQUIRE(account.history().size() == 1);
  CHECK(account.history()[0].type == OB_ORDER_TYPE_MARKET);
  CHECK(account.history()[0].amount == Approx(0.5));
  mode.set_now(kStart + 30 * kMinute);
  mode.candles(candle_at(kStart - 30 * kMinute, 100));
  CHECK(account.history().size() == 1);
  mode.set_now(kStart + 60 * kMinute);
  mode.candles(candle_at(kStart, 100));
  CHECK(account.history().size() == 2);
  CHECK(account.total("BTC") == Approx(1.0));
}

TEST_CASE("dca mode: a signal entry gets its take-profit and stop-loss when it fills") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DCATradingMode>(), account, dca_folder(), std::nullopt, "BTC/USDT");
  REQUIRE(mode.reconfigure(R"({"trigger_mode": "Maximum evaluators signals based", "buy_order_amount": "0.5",
      "use_market_entry_orders": false, "entry_limit_orders_price_percent": 5, "use_take_profit_exit_orders": true,
      "exit_limit_orders_price_percent": 10, "use_stop_losses": true, "stop_loss_price_percent": 20})") == OB_OK);
  mode.signal(-0.4);
  CHECK(account.history().empty());
  mode.signal(-1);
  REQUIRE(account.open_orders().size() == 1);
  const auto entry = account.open_orders()[0];
  CHECK(entry.price == Approx(95));
  CHECK(entry.type == OB_ORDER_TYPE_LIMIT);
  account.set_price("BTC/USDT", 95);
  mode.order_update(account.fill(entry.id));
  REQUIRE(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_LIMIT) == 1);
  REQUIRE(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_STOP_LOSS) == 1);
  for (const auto& exit : account.open_orders()) {
    CHECK(exit.price == Approx(exit.type == OB_ORDER_TYPE_STOP_LOSS ? 76 : 104.5));
    CHECK(exit.amount == Approx(0.5));
  }
  // The next entry replaces nothing of the filled one: its exits stay open.
  mode.signal(-1);
  CHECK(count_open(account, OB_SIDE_SELL, OB_ORDER_TYPE_LIMIT) == 1);
  CHECK(count_open(account, OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT) == 1);
}

TEST_CASE("dca mode: an unfilled entry is replaced by the next one") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DCATradingMode>(), account, dca_folder(), std::nullopt, "BTC/USDT");
  REQUIRE(mode.reconfigure(R"({"trigger_mode": "Maximum evaluators signals based", "buy_order_amount": "0.5",
      "use_market_entry_orders": false})") == OB_OK);
  mode.signal(-1);
  mode.signal(-1);
  CHECK(account.open_orders().size() == 1);
  CHECK(account.history().size() == 2);
  CHECK(account.history()[0].state == OB_ORDER_STATUS_CANCELED);
}

TEST_CASE("dca mode: an entry below the exchange minimums is reported, not sent") {
  test::FakeAccount account;
  btc_account(account, 100);  // min cost 100 USDT, entries of 50 USDT
  test::ModeDriver mode(test::descriptor_of<DCATradingMode>(), account, dca_folder(), std::nullopt, "BTC/USDT");
  mode.candles(candle_at(kStart, 100));
  CHECK(account.history().empty());
  CHECK(mode.logged(OB_LOG_WARNING, "below the minimum cost 100"));
}

TEST_CASE("dca mode: a rejected entry is logged with the exchange's reason") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DCATradingMode>(), account, dca_folder(), std::nullopt, "BTC/USDT");
  account.reject_next("rate limit exceeded");
  mode.candles(candle_at(kStart, 100));
  REQUIRE(account.history().size() == 1);
  CHECK(mode.logged(OB_LOG_WARNING, "rate limit exceeded"));
}

TEST_CASE("dca mode: no buy_order_amount means no entry, with an error saying so") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<DCATradingMode>(), account, dca_folder(), std::nullopt, "BTC/USDT");
  REQUIRE(mode.reconfigure(R"({"buy_order_amount": ""})") == OB_OK);
  mode.candles(candle_at(kStart, 100));
  CHECK(account.history().empty());
  CHECK(mode.logged(OB_LOG_ERROR, "buy_order_amount is not set"));
  std::string message;
  CHECK(mode.reconfigure(R"({"trigger_mode": "hourly"})", &message) == OB_ERROR_CONFIG);
  CHECK(message.find("trigger_mode") != std::string::npos);
  CHECK(mode.reconfigure(R"({"buy_order_amount": "fifty"})", &message) == OB_ERROR_CONFIG);
  CHECK(message.find("buy_order_amount") != std::string::npos);
}
