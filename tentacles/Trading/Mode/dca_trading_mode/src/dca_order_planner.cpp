#include "dca_order_planner.hpp"

#include <algorithm>
#include <cmath>

namespace octobot::tentacles_bundled::dca {

namespace {

bool acceptable(const DcaInputs& inputs, double amount, double price) {
  return amount > 0 && amount >= inputs.min_amount && amount * price >= inputs.min_cost;
}

}  // namespace

std::vector<ExitCouple> plan_exits(const DcaSettings& settings, const DcaInputs& inputs, double entry_price,
                                   double entry_amount) {
  if (!settings.use_take_profit_exit_orders && !settings.use_stop_losses) return {};
  const double exit = settings.exit_limit_orders_price_percent / 100.0;
  const double secondary = settings.secondary_exit_orders_price_percent / 100.0;
  const double stop_price = entry_price * (1 - settings.stop_loss_price_percent / 100.0);
  int parts = 1 + (settings.use_secondary_exit_orders && settings.use_take_profit_exit_orders
                       ? std::max(settings.secondary_exit_orders_count, 0)
                       : 0);
  // Fewer, larger parts when the exchange would refuse the smaller ones (the lowest exit price
  // gives the smallest cost).
  while (parts > 1 && !acceptable(inputs, entry_amount / parts, std::min(stop_price, entry_price))) --parts;
  std::vector<ExitCouple> couples;
  for (int i = 1; i <= parts; ++i) {
    ExitCouple couple;
    const double amount = entry_amount / parts;
    if (settings.use_take_profit_exit_orders) {
      const double multiplier = i == 1 ? exit : exit + secondary * i;
      couple.take_profit = PlannedOrder{sdk::Side::sell, sdk::OrderType::limit, amount, entry_price * (1 + multiplier)};
    }
    if (settings.use_stop_losses) {
      couple.stop_loss = PlannedOrder{sdk::Side::sell, sdk::OrderType::stop_loss, amount, stop_price};
    }
    couples.push_back(couple);
  }
  return couples;
}

DcaPlan plan_entries(const DcaSettings& settings, const DcaInputs& inputs) {
  DcaPlan plan;
  if (!(inputs.price > 0)) {
    plan.notes.push_back("no price for the symbol yet");
    return plan;
  }
  if (inputs.base_holding_ratio >= settings.max_asset_holding_percent / 100.0) {
    plan.notes.push_back("max_asset_holding_percent reached: the asset is " +
                         std::to_string(inputs.base_holding_ratio * 100) + " % of the portfolio");
    return plan;
  }
  const double entry_ratio = settings.entry_limit_orders_price_percent / 100.0;
  const double initial_price = settings.use_market_entry_orders ? inputs.price : inputs.price * (1 - entry_ratio);
  PlannedEntry initial;
  initial.order = {sdk::Side::buy, settings.use_market_entry_orders ? sdk::OrderType::market : sdk::OrderType::limit,
                   inputs.entry_amount, initial_price};
  initial.exits = plan_exits(settings, inputs, initial_price, inputs.entry_amount);
  plan.entries.push_back(initial);

  if (!settings.use_secondary_entry_orders || settings.secondary_entry_orders_count <= 0) return plan;
  if (!inputs.secondary_entry_amount || !(*inputs.secondary_entry_amount > 0)) {
    plan.notes.push_back("secondary entry orders are enabled but secondary_entry_orders_amount is not set");
    return plan;
  }
  double remaining = inputs.quote_available - inputs.entry_amount * initial_price;
  const double secondary_ratio = settings.secondary_entry_orders_price_percent / 100.0;
  for (int i = 1; i <= settings.secondary_entry_orders_count; ++i) {
    const double price = inputs.price * (1 - (entry_ratio + i * secondary_ratio));
    const double amount = *inputs.secondary_entry_amount;
    if (price <= 0 || remaining < amount * price) {
      plan.notes.push_back("not enough funds for secondary entry " + std::to_string(i) + "/" +
                           std::to_string(settings.secondary_entry_orders_count));
      continue;
    }
    remaining -= amount * price;
    PlannedEntry entry;
    entry.order = {sdk::Side::buy, sdk::OrderType::limit, amount, price};
    entry.exits = plan_exits(settings, inputs, price, amount);
    plan.entries.push_back(entry);
  }
  return plan;
}

}  // namespace octobot::tentacles_bundled::dca
