// DCATradingMode's consumer logic, free of the ABI: the entry orders of one DCA step and the exits
// each entry gets when it fills (OctoBot's DCATradingModeConsumer, buy entries on spot).
//  - the initial entry: a market buy, or a limit buy entry_limit_orders_price_percent below;
//  - secondary entries: limit buys secondary_entry_orders_price_percent further down each, while the
//    quote funds last;
//  - exits per entry: take-profits exit_limit_orders_price_percent above the entry price (the entry
//    split in 1 + secondary_exit_orders_count parts, each further up), each paired with a stop-loss
//    stop_loss_price_percent below in one-cancels-the-other.
#pragma once

#include <octobot/sdk/trading.hpp>

#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacles_bundled::dca {

struct DcaSettings {
  bool use_market_entry_orders = true;
  double entry_limit_orders_price_percent = 5;
  bool use_secondary_entry_orders = false;
  int secondary_entry_orders_count = 0;
  double secondary_entry_orders_price_percent = 5;
  bool use_take_profit_exit_orders = false;
  double exit_limit_orders_price_percent = 5;
  bool use_secondary_exit_orders = false;
  int secondary_exit_orders_count = 0;
  double secondary_exit_orders_price_percent = 5;
  bool use_stop_losses = false;
  double stop_loss_price_percent = 10;
  double max_asset_holding_percent = 100;
};

struct DcaInputs {
  double price = 0;
  double quote_available = 0;
  double base_holding_ratio = 0;  // share of the portfolio value in the base asset
  double entry_amount = 0;        // buy_order_amount resolved to base
  std::optional<double> secondary_entry_amount;
  // The market's minimums, to split exits only into parts the exchange accepts.
  double min_amount = 0;
  double min_cost = 0;
};

struct PlannedOrder {
  sdk::Side side = sdk::Side::buy;
  sdk::OrderType type = sdk::OrderType::market;
  double amount = 0;
  double price = 0;
};

// One exit part: a take-profit and/or a stop-loss on the same amount (OCO when both).
struct ExitCouple {
  std::optional<PlannedOrder> take_profit;
  std::optional<PlannedOrder> stop_loss;
};

struct PlannedEntry {
  PlannedOrder order;
  std::vector<ExitCouple> exits;
};

struct DcaPlan {
  std::vector<PlannedEntry> entries;
  std::vector<std::string> notes;  // why an order was left out
};

[[nodiscard]] DcaPlan plan_entries(const DcaSettings& settings, const DcaInputs& inputs);
[[nodiscard]] std::vector<ExitCouple> plan_exits(const DcaSettings& settings, const DcaInputs& inputs,
                                                 double entry_price, double entry_amount);

}  // namespace octobot::tentacles_bundled::dca
