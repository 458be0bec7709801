// StaggeredOrdersTradingMode's decision logic, free of the ABI (OctoBot's StaggeredOrdersTradingMode,
// spot): limit orders every increment_percent of the start price between lower_bound and
// upper_bound, spread_percent apart around the price, their volumes shaped by the mode:
//   flat: equal;  neutral: a little more near the price;  mountain: more near the price;
//   valley: more far from the price;  buy slope: buys grow away from the price, sells towards it;
//   sell slope: the reverse.
// Only the operational_depth orders nearest to the price are placed; each fill is mirrored on the
// other side spread - increment away, as in the grid mode.
#pragma once

#include <octobot/sdk/trading.hpp>

#include <octobot_modes/mirror_orders.hpp>
#include <string>
#include <vector>

namespace octobot::tentacles_bundled::staggered {

enum class VolumeMode { neutral, mountain, valley, sell_slope, buy_slope, flat };

// OctoBot's option texts: "neutral", "mountain", "valley", "sell slope", "buy slope", "flat".
[[nodiscard]] VolumeMode parse_mode(const std::string& text);

struct StaggeredSettings {
  std::string pair;
  VolumeMode mode = VolumeMode::neutral;
  double spread_percent = 0;
  double increment_percent = 0;
  double lower_bound = 0;
  double upper_bound = 0;
  int operational_depth = 0;
  double mirror_order_delay = 0;
  bool ignore_exchange_fees = false;
  bool use_existing_orders_only = false;
};

using Minimums = modes::Minimums;
using StaggeredOrder = modes::LimitOrder;

struct StaggeredPlan {
  double flat_spread = 0;
  double flat_increment = 0;
  std::vector<StaggeredOrder> orders;  // nearest to the price first
  std::vector<std::string> reports;    // what was left out and why
};

[[nodiscard]] StaggeredPlan plan_orders(const StaggeredSettings& settings, double price, double base_available,
                                        double quote_available, const Minimums& minimums);

[[nodiscard]] StaggeredOrder mirror_of(const StaggeredSettings& settings, double flat_spread, double flat_increment,
                                       sdk::Side filled_side, double filled_price, double filled_amount,
                                       double fee_ratio);

}  // namespace octobot::tentacles_bundled::staggered
