// GridTradingMode's decision logic, free of the ABI (OctoBot's GridTradingMode, spot):
//  - the grid: sell_orders_count sells from price + flat_spread / 2 upwards and buy_orders_count buys
//    from price - flat_spread / 2 downwards, flat_increment apart, each side of equal base volume
//    (or buy/sell_volume_per_order) within buy/sell_funds (0: all available);
//  - the mirror of a filled order: the opposite side flat_spread - flat_increment away from the
//    filled order's price, so each buy/sell round trip earns spread - increment;
//  - trailing: when one side is gone and the price left the grid, the grid moves to the price.
#pragma once

#include <octobot/sdk/trading.hpp>

#include <octobot_modes/mirror_orders.hpp>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacles_bundled::grid {

struct GridSettings {
  std::string pair;
  double flat_spread = 0;
  double flat_increment = 0;
  int buy_orders_count = 0;
  int sell_orders_count = 0;
  double buy_funds = 0;   // quote; 0 = all available
  double sell_funds = 0;  // base; 0 = all available
  double starting_price = 0;
  double buy_volume_per_order = 0;  // base; 0 = funds split evenly
  double sell_volume_per_order = 0;
  bool ignore_exchange_fees = false;
  double mirror_order_delay = 0;  // seconds
  bool use_existing_orders_only = false;
  bool enable_trailing_up = false;
  bool enable_trailing_down = false;
};

using Minimums = modes::Minimums;
using GridOrder = modes::LimitOrder;

struct GridPlan {
  std::vector<GridOrder> orders;     // sells nearest first, then buys nearest first
  std::vector<std::string> reports;  // what was left out and why
};

// The grid around `price` with what the account has available.
[[nodiscard]] GridPlan plan_grid(const GridSettings& settings, double price, double base_available,
                                 double quote_available, const Minimums& minimums);

// The order that mirrors a fill: `fee_ratio` of the volume is kept back for fees unless
// ignore_exchange_fees.
[[nodiscard]] GridOrder mirror_of(const GridSettings& settings, sdk::Side filled_side, double filled_price,
                                  double filled_amount, double fee_ratio);

enum class Trailing { none, up, down };

// Whether the grid must follow the price: every sell filled (only buys left) and the price above
// where the highest buy of a full grid would be (up), or the reverse (down).
[[nodiscard]] Trailing trailing_needed(const GridSettings& settings, double price, const std::vector<GridOrder>& open);

}  // namespace octobot::tentacles_bundled::grid
