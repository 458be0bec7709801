// DipAnalyserTradingMode: OctoBot's dip buyer. A signal from DipAnalyserStrategyEvaluator (a local
// bottom, weighted 1..3 for price and volume) places a limit buy just under the price, replacing
// the buy orders still open; when a buy fills, its amount is sold in several limit orders up to a
// target set by the dip's price weight. Sell orders are never cancelled. The arithmetic is in
// dip_plan.hpp; this file is the ABI-facing shell.
#pragma once

#include <octobot/sdk.hpp>

#include <map>
#include <octobot_modes/order_outcome.hpp>
#include <optional>
#include <string>

#include "dip_plan.hpp"

namespace octobot::tentacles_bundled {

class DipAnalyserTradingMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("DipAnalyserTradingMode", "1.0.0",
                         "Buys dips found by DipAnalyserStrategyEvaluator, sells each buy in steps above its price");

  static constexpr const char* strategy_name = "DipAnalyserStrategyEvaluator";
  static constexpr const char* buy_tag = "dip-buy";
  static constexpr const char* sell_tag = "dip-sell";

  using TradingMode::TradingMode;

  void configure(const sdk::Config& config) override;
  void on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) override;
  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) override;
  void on_decision(const sdk::Decision& decision) override;

 private:
  // Cancels this symbol's open buy orders; true when one was cancelled.
  bool cancel_buy_orders(const std::string& symbol);
  void buy(const std::string& symbol, int volume_weight, int price_weight);
  void sell(const std::string& symbol, const std::string& buy_id, double amount, double buy_price);

  dip::DipSettings settings_;
  std::string buy_order_amount_;
  std::optional<std::int64_t> last_buy_signal_ms_;  // OctoBot's last_buy_candle
  std::map<std::string, int> price_weight_by_buy_;  // open buy order id -> its dip's price weight
  modes::OutcomeReporter reporter_;
};

}  // namespace octobot::tentacles_bundled
