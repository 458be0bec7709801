#include "dip_plan.hpp"

#include <octobot/sdk/tentacle.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <octobot_modes/exchange_rules.hpp>
#include <stdexcept>

namespace octobot::tentacles_bundled::dip {
namespace {

int weight_from(std::string_view description, const char* key, int fallback) {
  const auto text = sdk::description_value(description, key);
  if (!text) return fallback;
  int value = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < 1 || value > 3) {
    throw std::invalid_argument(std::string(key) + ": expected 1, 2 or 3 (light, medium, heavy), found \"" +
                                std::string(*text) + "\"");
  }
  return value;
}

}  // namespace

SignalWeights parse_weights(std::string_view description, double note) {
  const int from_note = static_cast<int>(std::clamp(std::lround(-note * 3), 1L, 3L));
  return {weight_from(description, "price_weight", from_note), weight_from(description, "volume_weight", 1)};
}

double buy_amount(const DipSettings& settings, int volume_weight, double max_buy, std::optional<double> configured) {
  // A higher risk makes larger buys, a lower one smaller buys.
  const double risk_multiplier = 1 + (settings.risk - 0.5) * kRiskVolumeMultiplier;
  const double weighted = std::min(settings.volume_multipliers.at(volume_weight - 1) * risk_multiplier, 1.0);
  // An instance trades one pair: OctoBot's two-traded-assets case.
  if (configured) return *configured * weighted;
  return max_buy * kSoftMaxCurrencyRatio * weighted;
}

double sell_amount(const DipSettings& settings, double filled, double base_fee) {
  return std::max(0.0, settings.ignore_exchange_fees ? filled : filled - base_fee);
}

SellPlan plan_sells(const DipSettings& settings, int price_weight, double amount, double buy_price,
                    const sdk::MarketInfo& market) {
  SellPlan plan;
  const double top = buy_price * settings.price_multipliers.at(price_weight - 1);
  int count = std::clamp(settings.sell_orders_count, 1, kMaxSellOrders);
  // OctoBot checks the first (lowest, hence cheapest) order against the minimums and merges parts
  // until it passes.
  std::string refused;  // why the last smaller split failed
  for (; count >= 1; --count) {
    const double increment = (top - buy_price) / count;
    const auto why = modes::below_minimum(market, amount / count, buy_price + increment);
    if (!why) break;
    refused = *why;
  }
  if (count == 0) {
    plan.note = "no sell order: even one order of " + std::to_string(amount) + " is too small (" + refused + ")";
    return plan;
  }
  if (count < settings.sell_orders_count) {
    plan.note = std::to_string(count) + " sell order" + (count > 1 ? "s" : "") + " instead of " +
                std::to_string(settings.sell_orders_count) + ": smaller parts would be refused (" + refused + ")";
  }
  const double increment = (top - buy_price) / count;
  const double part = modes::floor_to_step(amount / count, market.amount_step);
  double placed = 0;
  for (int i = 0; i < count; ++i) {
    const bool last = i == count - 1;
    const double order_amount = last ? modes::floor_to_step(amount - placed, market.amount_step) : part;
    placed += order_amount;
    plan.orders.push_back({order_amount, buy_price + increment * (i + 1)});
  }
  return plan;
}

}  // namespace octobot::tentacles_bundled::dip
