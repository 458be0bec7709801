// DailyTradingMode's consumer logic, free of the ABI: which orders a state calls for, at which price
// and for which amount (OctoBot's DailyTradingModeConsumer, spot trading).
//
//   VERY_LONG  -> market buy            LONG  -> limit buy just below the price
//   VERY_SHORT -> market sell           SHORT -> limit sell just above the price, with a stop-loss
//                                                 in one-cancels-the-other when use_stop_orders
// Amounts come from the configured buy/sell amounts (OctoBot's amount syntax, resolved by the
// host) or else from OctoBot's note- and risk-weighted share of the available funds.
// In target profits mode only entries (LONG, VERY_LONG) are traded, each with a take-profit and
// optionally a stop-loss created when the entry fills.
#pragma once

#include <octobot/sdk/trading.hpp>

#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacles_bundled::daily {

struct DailySettings {
  bool use_prices_close_to_current_price = false;
  double close_to_current_price_difference = 0.005;  // ratio: 0.005 = 0.5 %
  bool buy_with_maximum_size_orders = false;
  bool sell_with_maximum_size_orders = false;
  bool disable_buy_orders = false;
  bool disable_sell_orders = false;
  bool use_stop_orders = true;
  double max_currency_percent = 100;  // of the portfolio value held in the traded base asset
  bool target_profits_mode = false;
  double target_profits_mode_take_profit = 5;  // percent
  double target_profits_mode_stop_loss = 2.5;  // percent
  double risk = 0.5;                           // OctoBot's trader risk, 0..1
  // Lower bounds of the market order share and of the buy limit ratio. SignalTradingMode raises
  // them (0.5 and 0.99) while keeping DailyTradingMode's slopes, as OctoBot's subclass does.
  double market_quantity_min_percent = 0.3;
  double buy_limit_min_percent = 0.98;
};

// What the consumer knows of the market and the account when it plans.
struct DailyInputs {
  sdk::SignalState state = sdk::SignalState::neutral;
  double final_note = 0.0;
  double price = 0.0;
  double base_available = 0.0;
  double quote_available = 0.0;
  // Share of the portfolio value held in the base asset, or nothing when it cannot be priced.
  std::optional<double> base_holding_ratio;
  double portfolio_value = 0.0;  // in the reference market
  bool base_is_reference_market = false;
  bool quote_is_reference_market = true;
  int traded_assets = 2;
  // Configured amounts already resolved to a base amount (buy_order_amount / sell_order_amount).
  std::optional<double> user_buy_amount;
  std::optional<double> user_sell_amount;
};

struct PlannedOrder {
  sdk::Side side = sdk::Side::buy;
  sdk::OrderType type = sdk::OrderType::market;
  double amount = 0.0;
  double price = 0.0;  // limit price, or the reference price of a market order
  double trigger_price = 0.0;
};

struct DailyPlan {
  std::optional<PlannedOrder> entry;
  std::optional<PlannedOrder> oco_stop;     // created with the entry, one cancels the other
  std::vector<PlannedOrder> chained_exits;  // created when the entry fills
  std::string nothing_because;              // why no order, when entry is empty
};

[[nodiscard]] DailyPlan plan_orders(const DailySettings& settings, const DailyInputs& inputs);

// The ratios OctoBot applies to the price, exposed for tests.
[[nodiscard]] double limit_price_factor(const DailySettings& settings, double final_note);
[[nodiscard]] double stop_price_factor(double risk, bool is_long);

}  // namespace octobot::tentacles_bundled::daily
