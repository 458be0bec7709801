// StaggeredOrdersTradingMode: limit orders spread over a price range with volumes shaped by the mode
// (staggered_plan.hpp), each fill mirrored on the other side. The ABI-facing shell: the producer turns
// the first candle and fills into decisions ("stagger", "mirror" in the decision data) and the
// consumer places the orders.
#pragma once

#include <octobot/sdk.hpp>

#include <cstdint>
#include <octobot_modes/mirror_orders.hpp>
#include <octobot_modes/order_outcome.hpp>
#include <optional>
#include <string>
#include <vector>

#include "staggered_plan.hpp"

namespace octobot::tentacles_bundled {

class StaggeredOrdersTradingMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("StaggeredOrdersTradingMode", "1.2.0",
                         "Limit orders staggered over a price range with mode-shaped volumes, mirroring each fill");

  static constexpr const char* buy_tag = "staggered-buy";
  static constexpr const char* sell_tag = "staggered-sell";

  using TradingMode::TradingMode;

  void configure(const sdk::Config& config) override;
  void on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) override;
  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) override;
  void on_decision(const sdk::Decision& decision) override;

 private:
  void create_orders(const std::string& symbol, double price);
  bool place(const std::string& symbol, const staggered::StaggeredOrder& order, const sdk::MarketInfo& market);

  std::optional<staggered::StaggeredSettings> settings_;
  bool started_ = false;
  bool reported_missing_settings_ = false;
  // Fixed from the start price, as OctoBot does, so mirrors keep the spacing of the first orders.
  double flat_spread_ = 0;
  double flat_increment_ = 0;
  modes::DelayedMirrors delayed_mirrors_;
  modes::OutcomeReporter reporter_;
};

}  // namespace octobot::tentacles_bundled
