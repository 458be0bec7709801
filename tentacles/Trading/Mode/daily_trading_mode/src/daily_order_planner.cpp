#include "daily_order_planner.hpp"

#include <algorithm>
#include <cmath>

namespace octobot::tentacles_bundled::daily {

namespace {

// OctoBot's constants: order sizes and limit distances move between these bounds with the note's
// strength and the trader's risk.
constexpr double kMaxSumResult = 2.0;
constexpr double kStopLossMaxPercent = 0.99;
constexpr double kStopLossMinPercent = 0.95;
constexpr double kStopLossAttenuation = kStopLossMaxPercent - kStopLossMinPercent;
constexpr double kQuantityMinPercent = 0.1;
constexpr double kQuantityMaxPercent = 0.9;
constexpr double kQuantityAttenuation = (kQuantityMaxPercent - kQuantityMinPercent) / kMaxSumResult;
constexpr double kQuantityMarketMinPercent = 0.3;
constexpr double kQuantityMarketMaxPercent = 1.0;
constexpr double kQuantityMarketAttenuation = (kQuantityMarketMaxPercent - kQuantityMarketMinPercent) / kMaxSumResult;
constexpr double kBuyLimitMaxPercent = 0.995;
constexpr double kBuyLimitMinPercent = 0.98;
constexpr double kSellLimitMinPercent = 1 + (1 - kBuyLimitMaxPercent);
constexpr double kSellLimitMaxPercent = 1 + (1 - kBuyLimitMinPercent);
constexpr double kLimitAttenuation = (kBuyLimitMaxPercent - kBuyLimitMinPercent) / kMaxSumResult;
constexpr double kQuantityRiskWeight = 0.2;
constexpr double kDeltaRatio = 1.0 - 0.2;      // max minus min quantity ratio
constexpr double kDefaultHoldingRatio = 0.35;  // when the base cannot be priced: a cautious guess
constexpr double kSellMultiplier = 5.0;
constexpr double kFullSellMinRatio = 0.05;

double clamp_factor(double minimum, double maximum, double factor) { return std::clamp(factor, minimum, maximum); }

double holding_ratio(const DailyInputs& inputs) { return inputs.base_holding_ratio.value_or(kDefaultHoldingRatio); }

// Scales buys down when the base already weighs a lot in a portfolio of several assets.
double quantity_ratio(const DailyInputs& inputs) {
  if (inputs.traded_assets <= 2) return 1.0;
  return 1.0 - std::min(holding_ratio(inputs) * kDeltaRatio, 1.0);
}

// max_currency_percent: the base may not grow above that share of the portfolio value.
double max_amount_from_ratio(const DailySettings& settings, const DailyInputs& inputs, double quantity,
                             double default_ratio) {
  const double max_ratio = settings.max_currency_percent / 100.0;
  if (max_ratio >= 1.0 || !inputs.quote_is_reference_market) return quantity * default_ratio;
  const double room = max_ratio - holding_ratio(inputs);
  if (room <= 0 || inputs.price <= 0) return 0.0;
  return std::min(inputs.portfolio_value * room / inputs.price, quantity);
}

double limit_quantity(const DailySettings& settings, const DailyInputs& inputs, double max_quantity, bool selling,
                      bool increasing_position) {
  if ((selling && settings.sell_with_maximum_size_orders) || (!selling && settings.buy_with_maximum_size_orders)) {
    return max_quantity;
  }
  const double max_amount =
      increasing_position ? max_amount_from_ratio(settings, inputs, max_quantity, kQuantityMaxPercent) : max_quantity;
  const auto& user_amount =
      (settings.target_profits_mode || !selling) ? inputs.user_buy_amount : inputs.user_sell_amount;
  if (user_amount) return std::min(*user_amount, max_amount);
  double weighted_risk = settings.risk * kQuantityRiskWeight;
  if ((selling && !inputs.base_is_reference_market && !increasing_position) ||
      (!selling && inputs.base_is_reference_market && increasing_position)) {
    weighted_risk *= kSellMultiplier;
  }
  // Almost nothing left of the base: sell all of it rather than leave dust.
  if (!increasing_position && holding_ratio(inputs) < kFullSellMinRatio) return max_quantity;
  const double factor =
      clamp_factor(kQuantityMinPercent, kQuantityMaxPercent,
                   kQuantityMinPercent + (std::abs(inputs.final_note) + weighted_risk) * kQuantityAttenuation);
  const double ratio = increasing_position ? quantity_ratio(inputs) : 1.0;
  return std::min(factor * max_quantity * ratio, max_amount);
}

double market_quantity(const DailySettings& settings, const DailyInputs& inputs, double max_quantity, bool selling,
                       bool increasing_position) {
  if ((selling && settings.sell_with_maximum_size_orders) || (!selling && settings.buy_with_maximum_size_orders)) {
    return max_quantity;
  }
  const double max_amount = increasing_position
                                ? max_amount_from_ratio(settings, inputs, max_quantity, kQuantityMarketMaxPercent)
                                : max_quantity * kQuantityMarketMaxPercent;
  const auto& user_amount =
      (settings.target_profits_mode || !selling) ? inputs.user_buy_amount : inputs.user_sell_amount;
  if (user_amount) return std::min(*user_amount, max_amount);
  double weighted_risk = settings.risk * kQuantityRiskWeight;
  if ((!increasing_position && !inputs.base_is_reference_market) ||
      (increasing_position && inputs.base_is_reference_market)) {
    weighted_risk *= kSellMultiplier;
  }
  const double factor = clamp_factor(settings.market_quantity_min_percent, kQuantityMarketMaxPercent,
                                     settings.market_quantity_min_percent +
                                         (std::abs(inputs.final_note) + weighted_risk) * kQuantityMarketAttenuation);
  const double ratio = increasing_position ? quantity_ratio(inputs) : 1.0;
  return std::min(factor * ratio * max_quantity, max_amount);
}

std::vector<PlannedOrder> target_profit_exits(const DailySettings& settings, const PlannedOrder& entry) {
  std::vector<PlannedOrder> exits;
  const double tp = settings.target_profits_mode_take_profit / 100.0;
  exits.push_back({sdk::Side::sell, sdk::OrderType::limit, entry.amount, entry.price * (1 + tp), 0.0});
  if (settings.use_stop_orders) {
    const double sl = settings.target_profits_mode_stop_loss / 100.0;
    const double stop = entry.price * (1 - sl);
    exits.push_back({sdk::Side::sell, sdk::OrderType::stop_loss, entry.amount, stop, stop});
  }
  return exits;
}

}  // namespace

double limit_price_factor(const DailySettings& settings, double final_note) {
  const double distance = (1 - std::abs(final_note) + 1 - settings.risk) * kLimitAttenuation;
  if (final_note > 0) {
    if (settings.use_prices_close_to_current_price) return 1 + settings.close_to_current_price_difference;
    return clamp_factor(kSellLimitMinPercent, kSellLimitMaxPercent, kSellLimitMinPercent + distance);
  }
  if (settings.use_prices_close_to_current_price) return 1 - settings.close_to_current_price_difference;
  return clamp_factor(settings.buy_limit_min_percent, kBuyLimitMaxPercent, kBuyLimitMaxPercent - distance);
}

double stop_price_factor(double risk, bool is_long) {
  const double max_percent = is_long ? kStopLossMaxPercent : 2 - kStopLossMinPercent;
  const double min_percent = is_long ? kStopLossMinPercent : 2 - kStopLossMaxPercent;
  const double risk_difference = risk * kStopLossAttenuation;
  return clamp_factor(min_percent, max_percent,
                      is_long ? max_percent - risk_difference : min_percent + risk_difference);
}

DailyPlan plan_orders(const DailySettings& settings, const DailyInputs& inputs) {
  DailyPlan plan;
  if (std::isnan(inputs.final_note)) {
    plan.nothing_because = "the note is not a number";
    return plan;
  }
  if (!(inputs.price > 0)) {
    plan.nothing_because = "no price for the symbol yet";
    return plan;
  }
  const bool increasing_position =
      inputs.state == sdk::SignalState::very_long || inputs.state == sdk::SignalState::long_;
  if (settings.target_profits_mode && !increasing_position && inputs.state != sdk::SignalState::neutral) {
    plan.nothing_because = "target profits mode: exits come from the take-profit and stop-loss of each entry";
    return plan;
  }
  const double max_buy_size = inputs.quote_available / inputs.price;
  const double max_sell_size = inputs.base_available;
  PlannedOrder order;
  switch (inputs.state) {
    case sdk::SignalState::neutral:
      plan.nothing_because = "NEUTRAL keeps the open orders and creates none";
      return plan;
    case sdk::SignalState::very_short:
      if (settings.disable_sell_orders) {
        plan.nothing_because = "sell orders are disabled (disable_sell_orders)";
        return plan;
      }
      order = {sdk::Side::sell, sdk::OrderType::market,
               market_quantity(settings, inputs, max_sell_size, true, increasing_position), inputs.price, 0.0};
      break;
    case sdk::SignalState::short_:
      if (settings.disable_sell_orders) {
        plan.nothing_because = "sell orders are disabled (disable_sell_orders)";
        return plan;
      }
      order = {sdk::Side::sell, sdk::OrderType::limit,
               limit_quantity(settings, inputs, max_sell_size, true, increasing_position),
               inputs.price * limit_price_factor(settings, inputs.final_note), 0.0};
      if (settings.use_stop_orders) {
        const double stop = inputs.price * stop_price_factor(settings.risk, true);
        plan.oco_stop = PlannedOrder{sdk::Side::sell, sdk::OrderType::stop_loss, order.amount, stop, stop};
      }
      break;
    case sdk::SignalState::long_:
      if (settings.disable_buy_orders) {
        plan.nothing_because = "buy orders are disabled (disable_buy_orders)";
        return plan;
      }
      order = {sdk::Side::buy, sdk::OrderType::limit,
               limit_quantity(settings, inputs, max_buy_size, false, increasing_position),
               inputs.price * limit_price_factor(settings, inputs.final_note), 0.0};
      break;
    case sdk::SignalState::very_long:
      if (settings.disable_buy_orders) {
        plan.nothing_because = "buy orders are disabled (disable_buy_orders)";
        return plan;
      }
      order = {sdk::Side::buy, sdk::OrderType::market,
               market_quantity(settings, inputs, max_buy_size, false, increasing_position), inputs.price, 0.0};
      break;
  }
  if (!(order.amount > 0)) {
    plan.oco_stop.reset();
    plan.nothing_because = std::string("no funds for a ") + (order.side == sdk::Side::buy ? "buy" : "sell") +
                           " order (available " + (order.side == sdk::Side::buy ? "quote" : "base") + " is 0)";
    return plan;
  }
  if (settings.target_profits_mode) plan.chained_exits = target_profit_exits(settings, order);
  plan.entry = order;
  return plan;
}

}  // namespace octobot::tentacles_bundled::daily
