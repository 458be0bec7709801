// BBMomentumEvaluator: where the close sits in its Bollinger Bands (period_length, 2 deviations).
// +1 above the upper band, -1 below the lower band, 0 on the middle band, and in between the
// squared distance to the middle as a fraction of the half-band: ((close - middle) / (upper -
// middle))^2 above, -((middle - close) / (middle - lower))^2 below. Pending while the bands warm up
// and when the bands have no width (a flat window), as OctoBot.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/bollinger.hpp>

#include <cstddef>
#include <octobot_ta/incremental_evaluator.hpp>
#include <optional>

class BBMomentumEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("BBMomentumEvaluator", "1.2.0",
                         "close position in its Bollinger Bands; -1 below the lower band, +1 above the upper");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  int period_ = 20;
  octobot::sdk::indicators::BollingerBands bands_{20, 2.0, 2.0};
  std::optional<octobot::sdk::indicators::BollingerPoint> last_;
};
