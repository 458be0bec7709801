// EMAMomentumEvaluator: the close against its EMA(period_length). +1 when the close is at or above
// EMA * (1 + price_threshold_percent / 100), -1 at or below EMA * (1 - price_threshold_percent /
// 100), 0 in between and while the EMA warms up (as OctoBot); reverse_signal swaps the signs.
// The EMA runs over the whole history (TA-Lib's, seeded with an SMA). OctoBot's Python evaluator
// feeds tulipy only the last period_length closes, so its "EMA" is a short, first-value-seeded one;
// the standard EMA is used here.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/ema.hpp>

#include <cstddef>
#include <octobot_ta/incremental_evaluator.hpp>
#include <optional>

class EMAMomentumEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("EMAMomentumEvaluator", "1.2.0",
                         "close vs its EMA with a % threshold; +1 far above, -1 far below (or reversed)");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  int period_ = 21;
  double threshold_multiplier_ = 0.02;
  bool reverse_signal_ = false;
  octobot::sdk::indicators::Ema ema_{21};
  std::optional<double> last_;
};
