// GridTradingMode: grid, mirror and trailing rules checked directly, then the mode driven through
// its ABI table with the unchanged OctoBot grid profile and a fake account.
#include "grid_trading_mode.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "grid_plan.hpp"
#include "mode_harness.hpp"

using namespace octobot;
using namespace octobot::tentacles_bundled;

namespace {

constexpr std::int64_t kStart = 1'700'000'000'000;

grid::GridSettings small_grid() {
  grid::GridSettings settings;
  settings.pair = "BTC/USDT";
  settings.flat_spread = 2;
  settings.flat_increment = 1;
  settings.buy_orders_count = 3;
  settings.sell_orders_count = 3;
  return settings;
}

std::vector<double> prices_of(const grid::GridPlan& plan, sdk::Side side) {
  std::vector<double> prices;
  for (const auto& order : plan.orders) {
    if (order.side == side) prices.push_back(order.price);
  }
  return prices;
}

std::filesystem::path grid_folder() { return std::filesystem::path(OCTOBOT_MODES_DIR) / "grid_trading_mode"; }
std::filesystem::path grid_profile() { return std::filesystem::path(OCTOBOT_TEST_PROFILES_DIR) / "grid_trading"; }

std::vector<test::CandleRow> candle(double close) { return {{kStart, close, close, close, close, 1}}; }

std::vector<test::FakeOrder> open_of(const test::FakeAccount& account, std::uint32_t side) {
  std::vector<test::FakeOrder> orders;
  for (const auto& order : account.open_orders()) {
    if (order.side == side) orders.push_back(order);
  }
  std::sort(orders.begin(), orders.end(), [](const auto& a, const auto& b) { return a.price < b.price; });
  return orders;
}

}  // namespace

TEST_CASE("grid: buys and sells flat_increment apart, flat_spread around the price, equal volumes") {
  const auto plan = grid::plan_grid(small_grid(), 100, 3, 294, {});
  CHECK(prices_of(plan, sdk::Side::sell) == std::vector<double>{101, 102, 103});
  CHECK(prices_of(plan, sdk::Side::buy) == std::vector<double>{99, 98, 97});
  for (const auto& order : plan.orders) CHECK(order.amount == Approx(1));
  CHECK(plan.reports.empty());
}

TEST_CASE("grid: funds and fixed volumes bound each side, and a starting price replaces the price") {
  auto settings = small_grid();
  settings.buy_funds = 147;  // half the quote
  settings.sell_volume_per_order = 0.5;
  settings.starting_price = 110;
  const auto plan = grid::plan_grid(settings, 100, 3, 294, {});
  // The grid is built around the starting price; buys never go above the current price.
  CHECK(prices_of(plan, sdk::Side::sell) == std::vector<double>{111, 112, 113});
  CHECK(prices_of(plan, sdk::Side::buy) == std::vector<double>{100, 99, 98});
  for (const auto& order : plan.orders) {
    CHECK(order.amount == Approx(order.side == sdk::Side::sell ? 0.5 : 147.0 / (100 + 99 + 98)));
  }
}

TEST_CASE("grid: orders below the exchange minimums shrink the grid from its far end, with a report") {
  const auto plan = grid::plan_grid(small_grid(), 100, 3, 294, {0.00001, 0, 150});
  CHECK(prices_of(plan, sdk::Side::sell) == std::vector<double>{101, 102});
  CHECK(prices_of(plan, sdk::Side::buy) == std::vector<double>{99});
  REQUIRE(plan.reports.size() == 2);
  CHECK(plan.reports[0].find("sell side: 2 of 3 orders fit") != std::string::npos);
  CHECK(plan.reports[1].find("buy side: 1 of 3 orders fit") != std::string::npos);
}

TEST_CASE("grid: a fill is mirrored spread - increment away, fees kept back unless ignored") {
  const auto settings = small_grid();
  auto mirror = grid::mirror_of(settings, sdk::Side::buy, 99, 1, 0.001);
  CHECK(mirror.side == sdk::Side::sell);
  CHECK(mirror.price == Approx(100));
  CHECK(mirror.amount == Approx(0.999));
  mirror = grid::mirror_of(settings, sdk::Side::sell, 101, 1, 0.001);
  CHECK(mirror.side == sdk::Side::buy);
  CHECK(mirror.price == Approx(100));
  CHECK(mirror.amount == Approx(1.01 * 0.999));  // the whole 101 quote buys at 100

  auto no_fees = settings;
  no_fees.ignore_exchange_fees = true;
  CHECK(grid::mirror_of(no_fees, sdk::Side::sell, 101, 1, 0.001).amount == Approx(1.01));
  auto fixed = settings;
  fixed.buy_volume_per_order = 0.3;
  CHECK(grid::mirror_of(fixed, sdk::Side::sell, 101, 1, 0.001).amount == Approx(0.3));
}

TEST_CASE("grid: trailing follows the price only when one side is gone and the price left the grid") {
  auto settings = small_grid();
  const std::vector<grid::GridOrder> buys_only = {{sdk::Side::buy, 99, 1}, {sdk::Side::buy, 98, 1}};
  CHECK(grid::trailing_needed(settings, 200, buys_only) == grid::Trailing::none);  // disabled
  settings.enable_trailing_up = true;
  // 6 orders deep, 2 left: the highest buy of a full grid would be 99 + 4 * 1 = 103.
  CHECK(grid::trailing_needed(settings, 102.9, buys_only) == grid::Trailing::none);
  CHECK(grid::trailing_needed(settings, 103, buys_only) == grid::Trailing::up);
  const std::vector<grid::GridOrder> sells_only = {{sdk::Side::sell, 101, 1}};
  CHECK(grid::trailing_needed(settings, 10, sells_only) == grid::Trailing::none);
  settings.enable_trailing_down = true;
  CHECK(grid::trailing_needed(settings, 96, sells_only) == grid::Trailing::down);
}

TEST_CASE("grid mode: the OctoBot grid profile builds 25 buys and 25 sells around the price") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.00001, 5});
  account.set_price("BTC/USDT", 50000);
  account.set_balance("BTC", 1);
  account.set_balance("USDT", 50000);
  test::ModeDriver mode(test::descriptor_of<GridTradingMode>(), account, grid_folder(), grid_profile(), "BTC/USDT");
  mode.set_now(kStart);
  mode.candles(candle(50000));
  const auto buys = open_of(account, OB_SIDE_BUY);
  const auto sells = open_of(account, OB_SIDE_SELL);
  REQUIRE(buys.size() == 25);
  REQUIRE(sells.size() == 25);
  CHECK(buys.back().price == Approx(49000));
  CHECK(buys.front().price == Approx(25000));
  CHECK(sells.front().price == Approx(51000));
  CHECK(sells.back().price == Approx(75000));
  CHECK(sells.front().amount == Approx(0.04));

  // A filled buy is mirrored by a sell 1000 higher (spread 2000 - increment 1000).
  mode.order_update(account.fill(buys.back().id));
  const auto after = open_of(account, OB_SIDE_SELL);
  REQUIRE(after.size() == 26);
  CHECK(after.front().price == Approx(50000));
  CHECK(after.front().amount == Approx(buys.back().amount * 0.999));

  // A later candle neither rebuilds nor duplicates the grid.
  mode.candles(candle(50100));
  CHECK(account.open_orders().size() == 50);
}

TEST_CASE("grid mode: a pair missing from pair_settings is reported and gets no grid") {
  test::FakeAccount account;
  account.add_market("DOT/USDT", {"DOT", "USDT", 0.001, 0.01, 0.01, 5});
  account.set_price("DOT/USDT", 5);
  account.set_balance("USDT", 100);
  test::ModeDriver mode(test::descriptor_of<GridTradingMode>(), account, grid_folder(), grid_profile(), "DOT/USDT");
  mode.candles(candle(5));
  mode.candles(candle(5));
  CHECK(account.history().empty());
  CHECK(std::count_if(mode.logs().begin(), mode.logs().end(), [](const auto& line) {
          return line.level == OB_LOG_ERROR && line.message.find("no entry for this pair") != std::string::npos;
        }) == 1);
}

TEST_CASE("grid mode: too little funds for the exchange minimums is reported, and refusals are logged") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.00001, 10});
  account.set_price("BTC/USDT", 50000);
  account.set_balance("BTC", 0.001);  // 50 USDT of BTC: five sells of at least 10 USDT
  // 100 USDT: eight buys (the eighth, at 42000, costs 0.00027 * 42000 = 11.3; a ninth would take
  // each order's amount down to 0.00024, 9.8 USDT at 41000).
  account.set_balance("USDT", 100);
  test::ModeDriver mode(test::descriptor_of<GridTradingMode>(), account, grid_folder(), grid_profile(), "BTC/USDT");
  account.reject_next("post-only order would match");
  mode.candles(candle(50000));
  CHECK(mode.logged(OB_LOG_WARNING, "sell side: 5 of 25 orders fit"));
  CHECK(mode.logged(OB_LOG_WARNING, "buy side: 8 of 25 orders fit"));
  CHECK(mode.logged(OB_LOG_WARNING, "post-only order would match"));
  CHECK(account.open_orders().size() == 12);  // 13 planned, the first refused by the exchange
}

TEST_CASE("grid mode: mirror_order_delay holds the mirror until the delay has passed") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.00001, 5});
  account.set_price("BTC/USDT", 100);
  account.set_balance("BTC", 3);
  account.set_balance("USDT", 300);
  test::ModeDriver mode(test::descriptor_of<GridTradingMode>(), account, grid_folder(), std::nullopt, "BTC/USDT");
  REQUIRE(mode.reconfigure(R"({"pair_settings": [{"pair": "BTC/USDT", "flat_spread": 2, "flat_increment": 1,
      "buy_orders_count": 2, "sell_orders_count": 2, "mirror_order_delay": 60}]})") == OB_OK);
  mode.set_now(kStart);
  mode.candles(candle(100));
  REQUIRE(account.open_orders().size() == 4);
  mode.order_update(account.fill(open_of(account, OB_SIDE_SELL).front().id));  // the sell at 101
  CHECK(account.open_orders().size() == 3);
  mode.set_now(kStart + 59'000);
  mode.candles(candle(100));
  CHECK(account.open_orders().size() == 3);
  mode.set_now(kStart + 60'000);
  mode.candles(candle(100));
  REQUIRE(account.open_orders().size() == 4);
  CHECK(open_of(account, OB_SIDE_BUY).back().price == Approx(100));
}

TEST_CASE("grid mode: trailing up rebuilds the grid around the price once every sell has filled") {
  test::FakeAccount account;
  account.add_market("BTC/USDT", {"BTC", "USDT", 0.01, 0.00001, 0.00001, 5});
  account.set_price("BTC/USDT", 100);
  account.set_balance("BTC", 2);
  account.set_balance("USDT", 200);
  test::ModeDriver mode(test::descriptor_of<GridTradingMode>(), account, grid_folder(), std::nullopt, "BTC/USDT");
  REQUIRE(mode.reconfigure(R"({"pair_settings": [{"pair": "BTC/USDT", "flat_spread": 2, "flat_increment": 1,
      "buy_orders_count": 2, "sell_orders_count": 2, "enable_trailing_up": true}]})") == OB_OK);
  mode.set_now(kStart);
  mode.candles(candle(100));
  for (const auto& sell : open_of(account, OB_SIDE_SELL)) mode.order_update(account.fill(sell.id));
  REQUIRE(open_of(account, OB_SIDE_SELL).empty());
  REQUIRE(open_of(account, OB_SIDE_BUY).size() == 4);  // two grid buys and two mirrors
  account.set_price("BTC/USDT", 120);
  mode.candles(candle(120));
  const auto sells = open_of(account, OB_SIDE_SELL);
  const auto buys = open_of(account, OB_SIDE_BUY);
  REQUIRE(sells.size() == 2);
  REQUIRE(buys.size() == 2);
  CHECK(sells.front().price == Approx(121));
  CHECK(buys.back().price == Approx(119));
  CHECK(mode.logged(OB_LOG_INFO, "trailing up"));
}
