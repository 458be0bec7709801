// GridTradingMode: a fixed grid of buy and sell limit orders around the price; each fill is
// mirrored by an order on the other side, and the grid can trail the price (grid_plan.hpp). This
// file is the ABI-facing shell: the producer turns candles and fills into decisions ("grid",
// "mirror", "trail" in the decision data) and the consumer places the orders.
#pragma once

#include <octobot/sdk.hpp>

#include <cstdint>
#include <octobot_modes/mirror_orders.hpp>
#include <octobot_modes/order_outcome.hpp>
#include <optional>
#include <string>
#include <vector>

#include "grid_plan.hpp"

namespace octobot::tentacles_bundled {

class GridTradingMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("GridTradingMode", "1.2.0",
                         "A fixed grid of buy and sell orders around the price, mirroring each fill on the other "
                         "side");

  static constexpr const char* buy_tag = "grid-buy";
  static constexpr const char* sell_tag = "grid-sell";

  using TradingMode::TradingMode;

  void configure(const sdk::Config& config) override;
  void on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) override;
  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) override;
  void on_decision(const sdk::Decision& decision) override;

 private:
  [[nodiscard]] std::vector<sdk::OrderView> grid_orders(const std::string& symbol) const;
  void create_grid(const std::string& symbol, double price);
  void create_mirror(const std::string& symbol, grid::GridOrder order);
  void trail(const std::string& symbol, double price, const std::string& direction);
  bool place(const std::string& symbol, const grid::GridOrder& order, const sdk::MarketInfo& market);

  std::optional<grid::GridSettings> settings_;
  bool grid_started_ = false;
  bool reported_missing_settings_ = false;
  modes::DelayedMirrors delayed_mirrors_;
  modes::OutcomeReporter reporter_;
};

}  // namespace octobot::tentacles_bundled
