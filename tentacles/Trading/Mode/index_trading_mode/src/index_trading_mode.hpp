// IndexTradingMode: keeps the account's coins in fixed value ratios against the reference market
// (index_plan.hpp). One instance for the whole exchange (OB_SCOPE_EXCHANGE): it hears the candles of
// every traded symbol, checks the basket every refresh_interval days of the bot clock and rebalances
// with market orders when a coin drifted beyond rebalance_trigger_min_percent.
#pragma once

#include <octobot/sdk.hpp>

#include <cstdint>
#include <octobot_modes/order_outcome.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "index_plan.hpp"

namespace octobot::tentacles_bundled {

class IndexTradingMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("IndexTradingMode", "1.2.0",
                         "Holds a weighted basket of coins and rebalances it when a coin drifts from its share");
  static constexpr std::uint32_t scope = OB_SCOPE_EXCHANGE;

  using TradingMode::TradingMode;

  void configure(const sdk::Config& config) override;
  void on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) override;
  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) override;
  void on_decision(const sdk::Decision& decision) override;

 private:
  void rebalance(const std::string& reference);

  double refresh_interval_days_ = 1;
  double rebalance_trigger_ratio_ = 0.05;
  std::vector<index::Weight> content_;
  std::set<std::string> symbols_;  // traded symbols seen in candles
  std::optional<std::int64_t> last_check_ms_;
  modes::OutcomeReporter reporter_;
};

}  // namespace octobot::tentacles_bundled
