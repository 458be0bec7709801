// ADXMomentumEvaluator: trend strength (ADX, period_length) signed by the trend's direction (EMA(2)
// of the closes below EMA(20): -1, else +1), as OctoBot:
//  - ADX <= 25 (weak trend, a change may come): direction * min(1, (25 - ADX) / (25 - 7.5));
//  - ADX > 25 and below its maximum of the last 15 values (the trend is slowing down):
//    direction * (ADX - 25) / (max - 25);
//  - ADX > 25 at that maximum: direction * min(1, ADX / 45) * how far the current move above 25
//    has gone compared with the previous ones (0.75 with fewer than 3 crossings of 25).
// Pending until more than period_length + 12 candles and while ADX or EMA(20) warm up.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/directional_movement.hpp>
#include <octobot/sdk/indicators/ema.hpp>

#include <cstddef>
#include <octobot_ta/crossing_tracker.hpp>
#include <octobot_ta/incremental_evaluator.hpp>
#include <octobot_ta/view_series.hpp>
#include <optional>

class ADXMomentumEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("ADXMomentumEvaluator", "1.2.0",
                         "ADX trend strength signed by EMA(2) vs EMA(20); -1 buy side, +1 sell side");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  void on_view(const octobot::sdk::Candles& candles) override {
    adx_values_.trim_to_view(candles.open_time_ms(), static_cast<std::size_t>(adx_.lookback()));
    crossings_.trim(adx_values_.dropped());
  }
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  int period_ = 14;
  octobot::sdk::indicators::Adx adx_{14};
  octobot::sdk::indicators::Ema instant_ema_{2};
  octobot::sdk::indicators::Ema slow_ema_{20};
  std::optional<double> instant_;
  std::optional<double> slow_;
  octobot::ta_support::ViewSeries adx_values_;            // every ADX value of the view
  octobot::ta_support::CrossingTracker crossings_{25.0};  // crossings of the neutral ADX level
};
