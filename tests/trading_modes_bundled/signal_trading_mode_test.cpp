// SignalTradingMode: DailyTradingMode's orders with OctoBot's signal thresholds and bounds, driven
// through its own ABI table and reference configuration.
#include "signal_trading_mode.hpp"

#include <catch2/catch.hpp>

#include "daily_order_planner.hpp"
#include "daily_state.hpp"
#include "mode_harness.hpp"

using namespace octobot;
using namespace octobot::tentacles_bundled;

namespace {

test::FakeAccount& btc_account(test::FakeAccount& account) {
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.0001, 10});
  account.set_price("BTC/USDT", 100);
  account.set_balance("BTC", 2);
  account.set_balance("USDT", 1000);
  return account;
}

std::filesystem::path signal_folder() { return std::filesystem::path(OCTOBOT_MODES_DIR) / "signal_trading_mode"; }

}  // namespace

TEST_CASE("signal: a wider neutral band than the daily mode, risk weighing 0.15") {
  const daily::StateThresholds signal{-0.88, -0.4, 0.4, 0.88, 0.15};
  CHECK(daily::state_for_note(-0.3, 0, signal) == sdk::SignalState::neutral);
  CHECK(daily::state_for_note(-0.3, 0) == sdk::SignalState::long_);  // daily's thresholds
  CHECK(daily::state_for_note(-0.87, 0, signal) == sdk::SignalState::long_);
  CHECK(daily::state_for_note(-0.89, 0, signal) == sdk::SignalState::very_long);
  CHECK(daily::state_for_note(0.35, 1, signal) == sdk::SignalState::short_);  // 0.4 - 0.15
}

TEST_CASE("signal mode: signals become market and limit orders with the signal bounds") {
  test::FakeAccount account;
  btc_account(account);
  test::ModeDriver mode(test::descriptor_of<SignalTradingMode>(), account, signal_folder(), std::nullopt, "BTC/USDT");
  mode.signal(-0.3);  // NEUTRAL for this mode
  CHECK(account.history().empty());
  mode.signal(-0.6);  // LONG: buy limit at 100 * max(0.99, 0.995 - (0.4 + 0.5) * 0.0075) = 99
  REQUIRE(account.open_orders().size() == 1);
  CHECK(account.open_orders()[0].price == Approx(99));
  mode.signal(-1);  // VERY_LONG: the limit is replaced by a market buy of 0.5 + 1.1 * 0.35 = 88.5 %
  REQUIRE(account.history().size() == 2);
  CHECK(account.history()[0].state == OB_ORDER_STATUS_CANCELED);
  CHECK(account.history()[1].type == OB_ORDER_TYPE_MARKET);
  CHECK(account.history()[1].amount == Approx(10 * 0.885));
  CHECK(mode.logged(OB_LOG_INFO, "new state: VERY_LONG"));
}
