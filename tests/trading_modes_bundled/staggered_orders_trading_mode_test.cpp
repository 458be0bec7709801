// StaggeredOrdersTradingMode: range, volume shapes and mirrors checked directly, then the mode driven
// through its ABI table with its reference configuration and a fake account.
#include "staggered_orders_trading_mode.hpp"

#include <catch2/catch.hpp>

#include "mode_harness.hpp"
#include "staggered_plan.hpp"

using namespace octobot;
using namespace octobot::tentacles_bundled;
using staggered::VolumeMode;

namespace {

staggered::StaggeredSettings settings_for(VolumeMode mode) {
  staggered::StaggeredSettings settings;
  settings.pair = "BTC/USDT";
  settings.mode = mode;
  settings.spread_percent = 2;
  settings.increment_percent = 1;
  settings.lower_bound = 96.5;
  settings.upper_bound = 103.5;
  settings.operational_depth = 100;
  return settings;
}

std::vector<staggered::StaggeredOrder> side_of(const staggered::StaggeredPlan& plan, sdk::Side side) {
  std::vector<staggered::StaggeredOrder> orders;
  for (const auto& order : plan.orders) {
    if (order.side == side) orders.push_back(order);
  }
  return orders;  // nearest to the price first
}

}  // namespace

TEST_CASE("staggered: OctoBot's mode names") {
  CHECK(staggered::parse_mode("mountain") == VolumeMode::mountain);
  CHECK(staggered::parse_mode("sell slope") == VolumeMode::sell_slope);
  CHECK_THROWS_AS(staggered::parse_mode("hill"), sdk::ConfigError);
}

TEST_CASE("staggered: orders every increment between the bounds, spread around the price") {
  const auto plan = staggered::plan_orders(settings_for(VolumeMode::flat), 100, 3, 291, {});
  CHECK(plan.flat_spread == Approx(2));
  CHECK(plan.flat_increment == Approx(1));
  const auto buys = side_of(plan, sdk::Side::buy);
  const auto sells = side_of(plan, sdk::Side::sell);
  REQUIRE(buys.size() == 3);
  REQUIRE(sells.size() == 3);
  CHECK(buys[0].price == Approx(99));
  CHECK(buys[2].price == Approx(97));
  CHECK(sells[0].price == Approx(101));
  CHECK(sells[2].price == Approx(103));
  for (const auto& sell : sells) CHECK(sell.amount == Approx(1));
  for (const auto& buy : buys) CHECK(buy.amount * buy.price == Approx(97));  // equal quote per buy
}

TEST_CASE("staggered: mountain puts volume near the price, valley far from it, slopes one of each") {
  const auto mountain =
      side_of(staggered::plan_orders(settings_for(VolumeMode::mountain), 100, 3, 291, {}), sdk::Side::sell);
  CHECK(mountain[0].amount == Approx(1.5));
  CHECK(mountain[1].amount == Approx(1.0));
  CHECK(mountain[2].amount == Approx(0.5));
  const auto valley =
      side_of(staggered::plan_orders(settings_for(VolumeMode::valley), 100, 3, 291, {}), sdk::Side::sell);
  CHECK(valley[0].amount == Approx(0.5));
  CHECK(valley[2].amount == Approx(1.5));
  const auto slope = staggered::plan_orders(settings_for(VolumeMode::buy_slope), 100, 3, 291, {});
  CHECK(side_of(slope, sdk::Side::buy)[0].amount * 99 == Approx(97 * 0.5));
  CHECK(side_of(slope, sdk::Side::sell)[0].amount == Approx(1.5));
  const auto neutral =
      side_of(staggered::plan_orders(settings_for(VolumeMode::neutral), 100, 3, 291, {}), sdk::Side::sell);
  CHECK(neutral[0].amount == Approx(1.15));
}

TEST_CASE("staggered: operational depth, bounds and exchange minimums limit what is placed") {
  auto settings = settings_for(VolumeMode::flat);
  settings.operational_depth = 4;
  auto plan = staggered::plan_orders(settings, 100, 3, 291, {});
  REQUIRE(plan.orders.size() == 4);
  CHECK(plan.orders[0].price == Approx(99));  // nearest first: 99, 101, 98, 102
  CHECK(plan.orders[3].price == Approx(102));

  plan = staggered::plan_orders(settings_for(VolumeMode::flat), 110, 3, 291, {});
  CHECK(plan.orders.empty());
  REQUIRE(plan.reports.size() == 1);
  CHECK(plan.reports[0].find("outside") != std::string::npos);

  plan = staggered::plan_orders(settings_for(VolumeMode::mountain), 100, 3, 291, {0.00001, 0, 90});
  CHECK(side_of(plan, sdk::Side::sell).size() == 2);  // the 0.5 BTC sell costs 51.5 < 90
  REQUIRE_FALSE(plan.reports.empty());
  CHECK(plan.reports[0].find("below the exchange minimums") != std::string::npos);
}

TEST_CASE("staggered: a fill is mirrored spread - increment away") {
  const auto settings = settings_for(VolumeMode::flat);
  const auto mirror = staggered::mirror_of(settings, 2, 1, sdk::Side::sell, 101, 1, 0.001);
  CHECK(mirror.side == sdk::Side::buy);
  CHECK(mirror.price == Approx(100));
  CHECK(mirror.amount == Approx(1.01 * 0.999));
}

TEST_CASE("staggered mode: the reference config stages BTC/USDT and mirrors a fill") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.00001, 5});
  account.set_price("BTC/USDT", 4500);
  account.set_balance("BTC", 1);
  account.set_balance("USDT", 4500);
  test::ModeDriver mode(test::descriptor_of<StaggeredOrdersTradingMode>(), account,
                        std::filesystem::path(OCTOBOT_MODES_DIR) / "staggered_orders_trading_mode", std::nullopt,
                        "BTC/USDT");
  mode.candles({{0, 4500, 4500, 4500, 4500, 1}});
  // mountain, spread 6 %, increment 3 % of 4500 between 3000 and 6000: buys 4365 .. 3015 (11),
  // sells 4635 .. 5985 (11), all within the operational depth of 100.
  REQUIRE(account.open_orders().size() == 22);
  const test::FakeOrder* nearest_buy = nullptr;
  for (const auto& order : account.history()) {
    if (order.side == OB_SIDE_BUY && (nearest_buy == nullptr || order.price > nearest_buy->price)) nearest_buy = &order;
  }
  REQUIRE(nearest_buy != nullptr);
  CHECK(nearest_buy->price == Approx(4365));
  const std::string id = nearest_buy->id;
  mode.order_update(account.fill(id));
  // Its mirror: a sell at 4365 + (270 - 135) = 4500.
  bool mirrored = false;
  for (const auto& order : account.open_orders()) mirrored |= order.side == OB_SIDE_SELL && order.price == Approx(4500);
  CHECK(mirrored);
}

TEST_CASE("staggered mode: bounds in the wrong order are refused with the key's name") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.00001, 5});
  account.set_price("BTC/USDT", 4500);
  test::ModeDriver mode(test::descriptor_of<StaggeredOrdersTradingMode>(), account,
                        std::filesystem::path(OCTOBOT_MODES_DIR) / "staggered_orders_trading_mode", std::nullopt,
                        "BTC/USDT");
  std::string message;
  CHECK(mode.reconfigure(R"({"pair_settings": [{"pair": "BTC/USDT", "mode": "flat", "increment_percent": 1,
      "lower_bound": 6000, "upper_bound": 3000}]})",
                         &message) == OB_ERROR_CONFIG);
  CHECK(message.find("lower_bound") != std::string::npos);
}
