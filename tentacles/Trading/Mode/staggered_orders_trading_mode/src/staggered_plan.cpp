#include "staggered_plan.hpp"

#include <octobot/sdk/error.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace octobot::tentacles_bundled::staggered {

namespace {

enum class Shape { increasing, decreasing, stable };  // volume towards the current price

struct ModeShape {
  double multiplier;
  Shape buy;
  Shape sell;
};

// OctoBot's multipliers: the largest order is (1 + multiplier / 2) times the average, the smallest
// (1 - multiplier / 2) times.
ModeShape shape_of(VolumeMode mode) {
  switch (mode) {
    case VolumeMode::flat:
      return {0.0, Shape::stable, Shape::stable};
    case VolumeMode::neutral:
      return {0.3, Shape::increasing, Shape::increasing};
    case VolumeMode::mountain:
      return {1.0, Shape::increasing, Shape::increasing};
    case VolumeMode::valley:
      return {1.0, Shape::decreasing, Shape::decreasing};
    case VolumeMode::buy_slope:
      return {1.0, Shape::decreasing, Shape::increasing};
    case VolumeMode::sell_slope:
      return {1.0, Shape::increasing, Shape::decreasing};
  }
  return {0.0, Shape::stable, Shape::stable};
}

// Weight of order `index` (0 = nearest the price) among `count`; the weights average 1, so a side's
// funds are spent exactly.
double weight(const ModeShape& mode, Shape shape, int index, int count) {
  if (count <= 1 || shape == Shape::stable) return 1.0;
  const double progress = static_cast<double>(index) / (count - 1);
  const double towards_price = shape == Shape::increasing ? 1 - progress : progress;
  return 1 + mode.multiplier * (towards_price - 0.5);
}

bool acceptable(const Minimums& minimums, double amount, double price) {
  const double rounded =
      minimums.amount_step > 0 ? std::floor(amount / minimums.amount_step + 1e-9) * minimums.amount_step : amount;
  return rounded > 0 && rounded >= minimums.min_amount && rounded * price >= minimums.min_cost;
}

}  // namespace

VolumeMode parse_mode(const std::string& text) {
  if (text == "neutral") return VolumeMode::neutral;
  if (text == "mountain") return VolumeMode::mountain;
  if (text == "valley") return VolumeMode::valley;
  if (text == "sell slope") return VolumeMode::sell_slope;
  if (text == "buy slope") return VolumeMode::buy_slope;
  if (text == "flat") return VolumeMode::flat;
  throw sdk::ConfigError(
      "'mode' must be one of \"neutral\", \"mountain\", \"valley\", \"sell slope\", "
      "\"buy slope\", \"flat\"; got \"" +
      text + "\"");
}

StaggeredPlan plan_orders(const StaggeredSettings& settings, double price, double base_available,
                          double quote_available, const Minimums& minimums) {
  StaggeredPlan plan;
  plan.flat_increment = price * settings.increment_percent / 100.0;
  plan.flat_spread = price * settings.spread_percent / 100.0;
  if (!(price > settings.lower_bound && price < settings.upper_bound)) {
    std::ostringstream report;
    report << "price " << price << " is outside [lower_bound " << settings.lower_bound << ", upper_bound "
           << settings.upper_bound << "]: no orders";
    plan.reports.push_back(report.str());
    return plan;
  }
  if (!(plan.flat_increment > 0)) {
    plan.reports.push_back("increment_percent must be > 0");
    return plan;
  }
  // Each price from its index rather than by repeated addition, so rounding errors do not pile up.
  std::vector<double> buys;
  for (int i = 0;; ++i) {
    const double p = price - plan.flat_spread / 2 - i * plan.flat_increment;
    if (p < settings.lower_bound || p <= 0) break;
    buys.push_back(p);
  }
  std::vector<double> sells;
  for (int i = 0;; ++i) {
    const double p = price + plan.flat_spread / 2 + i * plan.flat_increment;
    if (p > settings.upper_bound) break;
    sells.push_back(p);
  }
  const ModeShape mode = shape_of(settings.mode);
  std::vector<StaggeredOrder> all;
  const int buy_count = static_cast<int>(buys.size());
  for (int i = 0; i < buy_count; ++i) {
    const double quote = quote_available / buy_count * weight(mode, mode.buy, i, buy_count);
    all.push_back({sdk::Side::buy, buys[i], quote / buys[i]});
  }
  const int sell_count = static_cast<int>(sells.size());
  for (int i = 0; i < sell_count; ++i) {
    all.push_back({sdk::Side::sell, sells[i], base_available / sell_count * weight(mode, mode.sell, i, sell_count)});
  }
  std::stable_sort(all.begin(), all.end(), [price](const StaggeredOrder& a, const StaggeredOrder& b) {
    return std::abs(a.price - price) < std::abs(b.price - price);
  });
  int too_small = 0;
  for (const auto& order : all) {
    if (static_cast<int>(plan.orders.size()) >= settings.operational_depth) break;
    if (!acceptable(minimums, order.amount, order.price)) {
      ++too_small;
      continue;
    }
    plan.orders.push_back(order);
  }
  if (too_small > 0) {
    std::ostringstream report;
    report << too_small << " orders left out: below the exchange minimums (amount " << minimums.min_amount << ", cost "
           << minimums.min_cost << ") with the available funds";
    plan.reports.push_back(report.str());
  }
  return plan;
}

StaggeredOrder mirror_of(const StaggeredSettings& settings, double flat_spread, double flat_increment,
                         sdk::Side filled_side, double filled_price, double filled_amount, double fee_ratio) {
  const double distance = flat_spread - flat_increment;
  const bool now_selling = filled_side == sdk::Side::buy;
  StaggeredOrder mirror;
  mirror.side = now_selling ? sdk::Side::sell : sdk::Side::buy;
  mirror.price = now_selling ? filled_price + distance : filled_price - distance;
  double amount = now_selling ? filled_amount : filled_amount * filled_price / mirror.price;
  if (!settings.ignore_exchange_fees) amount -= amount * fee_ratio;
  mirror.amount = amount;
  return mirror;
}

}  // namespace octobot::tentacles_bundled::staggered
