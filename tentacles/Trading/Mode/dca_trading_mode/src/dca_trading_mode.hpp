// DCATradingMode: dollar-cost averaging. Entries come on a timer or on unanimous strategy signals
// (dca_trigger.hpp); each is a market or limit buy of buy_order_amount, optionally with secondary
// limit buys further down, and gets take-profit and stop-loss exits when it fills
// (dca_order_planner.hpp). This file is the ABI-facing shell.
#pragma once

#include <octobot/sdk.hpp>

#include <memory>
#include <octobot_modes/order_outcome.hpp>
#include <string>

#include "dca_order_planner.hpp"
#include "dca_trigger.hpp"

namespace octobot::tentacles_bundled {

class DCATradingMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("DCATradingMode", "1.2.0",
                         "Dollar-cost averaging: regular or signal-triggered buys with take-profit and stop-loss "
                         "exits");

  static constexpr const char* entry_tag = "dca-entry";
  static constexpr const char* take_profit_tag = "dca-take-profit";
  static constexpr const char* stop_tag = "dca-stop-loss";

  using TradingMode::TradingMode;

  void configure(const sdk::Config& config) override;
  void on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) override;
  void on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) override;
  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) override;
  void on_decision(const sdk::Decision& decision) override;

 private:
  [[nodiscard]] dca::DcaInputs read_inputs(const std::string& symbol) const;
  void cancel_previous_entries(const std::string& symbol);
  void place_exits(const std::string& symbol, const sdk::OrderView& entry, const std::vector<dca::ExitCouple>& exits);

  dca::DcaSettings settings_;
  dca::TriggerMode trigger_mode_ = dca::TriggerMode::time_based;
  std::int64_t minutes_before_next_buy_ = 10080;
  bool enable_initialization_entry_ = true;
  bool cancel_open_orders_at_each_entry_ = true;
  std::string buy_order_amount_;
  std::string secondary_entry_orders_amount_;
  std::unique_ptr<dca::TimeTrigger> time_trigger_;
  std::unique_ptr<dca::SignalTrigger> signal_trigger_;
  modes::OutcomeReporter reporter_;
};

}  // namespace octobot::tentacles_bundled
