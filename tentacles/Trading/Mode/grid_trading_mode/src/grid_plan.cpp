#include "grid_plan.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace octobot::tentacles_bundled::grid {

namespace {

double floor_to_step(double value, double step) {
  if (step <= 0) return value;
  return std::floor(value / step + 1e-9) * step;
}

bool acceptable(const Minimums& minimums, double amount, double price) {
  const double rounded = floor_to_step(amount, minimums.amount_step);
  return rounded > 0 && rounded >= minimums.min_amount && rounded * price >= minimums.min_cost;
}

// One side of the grid: `count` prices from `first` stepping by `step`; equal base volume per order
// from `funds` (quote for buys, base for sells) unless a fixed volume is set. Orders the exchange
// would refuse shrink the side from its far end (the nearest orders matter most), and the report
// says how many were left out.
void plan_side(sdk::Side side, int count, double first, double step, double funds, double volume_per_order,
               const Minimums& minimums, GridPlan& plan) {
  std::vector<double> prices;
  for (int i = 0; i < count; ++i) {
    const double price = first + step * i;
    if (price <= 0) break;
    prices.push_back(price);
  }
  const char* name = side == sdk::Side::buy ? "buy" : "sell";
  if (static_cast<int>(prices.size()) < count) {
    std::ostringstream report;
    report << count - static_cast<int>(prices.size()) << " " << name << " orders left out: their price would be <= 0";
    plan.reports.push_back(report.str());
  }
  const int wanted = static_cast<int>(prices.size());
  while (!prices.empty()) {
    double amount = volume_per_order;
    if (amount <= 0) {
      double price_sum = 0;
      for (const double price : prices) price_sum += price;
      amount = side == sdk::Side::buy ? funds / price_sum : funds / static_cast<double>(prices.size());
    }
    double needed = 0;
    for (const double price : prices) needed += side == sdk::Side::buy ? amount * price : amount;
    const bool funded = needed <= funds * (1 + 1e-9);
    const bool all_acceptable =
        std::all_of(prices.begin(), prices.end(), [&](double price) { return acceptable(minimums, amount, price); });
    if (funded && all_acceptable) {
      for (const double price : prices) plan.orders.push_back({side, price, amount});
      break;
    }
    prices.pop_back();
  }
  if (static_cast<int>(prices.size()) < wanted) {
    std::ostringstream report;
    report << name << " side: " << prices.size() << " of " << wanted << " orders fit the funds (" << funds << " "
           << (side == sdk::Side::buy ? "quote" : "base") << ") and the exchange minimums (amount "
           << minimums.min_amount << ", cost " << minimums.min_cost << ")";
    plan.reports.push_back(report.str());
  }
}

}  // namespace

GridPlan plan_grid(const GridSettings& settings, double price, double base_available, double quote_available,
                   const Minimums& minimums) {
  GridPlan plan;
  const double center = settings.starting_price > 0 ? settings.starting_price : price;
  if (!(center > 0)) {
    plan.reports.push_back("no price to build the grid around");
    return plan;
  }
  const double sell_funds = settings.sell_funds > 0 ? std::min(settings.sell_funds, base_available) : base_available;
  const double buy_funds = settings.buy_funds > 0 ? std::min(settings.buy_funds, quote_available) : quote_available;
  const double half_spread = settings.flat_spread / 2;
  plan_side(sdk::Side::sell, settings.sell_orders_count, std::max(center + half_spread, price), settings.flat_increment,
            sell_funds, settings.sell_volume_per_order, minimums, plan);
  plan_side(sdk::Side::buy, settings.buy_orders_count, std::min(center - half_spread, price), -settings.flat_increment,
            buy_funds, settings.buy_volume_per_order, minimums, plan);
  return plan;
}

GridOrder mirror_of(const GridSettings& settings, sdk::Side filled_side, double filled_price, double filled_amount,
                    double fee_ratio) {
  const double distance = settings.flat_spread - settings.flat_increment;
  const bool now_selling = filled_side == sdk::Side::buy;
  GridOrder mirror;
  mirror.side = now_selling ? sdk::Side::sell : sdk::Side::buy;
  mirror.price = now_selling ? filled_price + distance : filled_price - distance;
  const double fixed = now_selling ? settings.sell_volume_per_order : settings.buy_volume_per_order;
  if (fixed > 0) {
    mirror.amount = fixed;
    return mirror;
  }
  // A sell's proceeds buy more base at the lower mirror price: the whole quote is reinvested.
  double amount = now_selling ? filled_amount : filled_amount * filled_price / mirror.price;
  if (!settings.ignore_exchange_fees) amount -= amount * fee_ratio;
  mirror.amount = amount;
  return mirror;
}

Trailing trailing_needed(const GridSettings& settings, double price, const std::vector<GridOrder>& open) {
  if (!settings.enable_trailing_up && !settings.enable_trailing_down) return Trailing::none;
  std::vector<double> buys;
  std::vector<double> sells;
  for (const auto& order : open) (order.side == sdk::Side::buy ? buys : sells).push_back(order.price);
  const int depth = settings.buy_orders_count + settings.sell_orders_count;
  if (settings.enable_trailing_up && sells.empty() && !buys.empty()) {
    const double highest_buy = *std::max_element(buys.begin(), buys.end());
    const double missing = depth - static_cast<double>(buys.size());
    if (price >= highest_buy + missing * settings.flat_increment) return Trailing::up;
  }
  if (settings.enable_trailing_down && buys.empty() && !sells.empty()) {
    const double lowest_sell = *std::min_element(sells.begin(), sells.end());
    const double missing = depth - static_cast<double>(sells.size());
    if (price <= lowest_sell - missing * settings.flat_increment) return Trailing::down;
  }
  return Trailing::none;
}

}  // namespace octobot::tentacles_bundled::grid
