// DailyTradingMode: the default profile's trading mode. The producer turns the strategies' notes
// into OctoBot's five states and acts only when the state changes; the consumer places the orders
// the state calls for (daily_order_planner.hpp). This file is the ABI-facing shell: it reads the
// configuration, the account and the market through the host services and reports every order.
#pragma once

#include <octobot/sdk.hpp>

#include <octobot_modes/order_outcome.hpp>
#include <string>
#include <utility>

#include "daily_order_planner.hpp"
#include "daily_state.hpp"

namespace octobot::tentacles_bundled {

class DailyTradingMode : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("DailyTradingMode", "1.2.0",
                         "Trades the state changes of the strategies' average note: market orders on strong "
                         "signals, limit orders near the price otherwise");

  // Tags the mode puts on its orders, so it can tell its entries from their exits.
  static constexpr const char* entry_tag = "daily-entry";
  static constexpr const char* stop_tag = "daily-stop-loss";
  static constexpr const char* take_profit_tag = "daily-take-profit";

  explicit DailyTradingMode(sdk::InstanceContext context) : DailyTradingMode(std::move(context), Variant{}) {}

  void configure(const sdk::Config& config) override;
  void on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) override;
  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) override;
  void on_decision(const sdk::Decision& decision) override;

 protected:
  // What SignalTradingMode changes: the state thresholds and two order bounds.
  struct Variant {
    daily::StateThresholds thresholds;
    double market_quantity_min_percent = 0.3;
    double buy_limit_min_percent = 0.98;
  };
  DailyTradingMode(sdk::InstanceContext context, Variant variant)
      : TradingMode(std::move(context)), variant_(variant), tracker_(variant.thresholds) {}

 private:
  void cancel_replaced_orders(const std::string& symbol);
  [[nodiscard]] daily::DailyInputs read_inputs(const sdk::Decision& decision) const;
  void place(const std::string& symbol, const daily::DailyPlan& plan);

  Variant variant_;
  daily::DailySettings settings_;
  std::string buy_order_amount_;
  std::string sell_order_amount_;
  daily::StateTracker tracker_;
  modes::OutcomeReporter reporter_;
};

}  // namespace octobot::tentacles_bundled
