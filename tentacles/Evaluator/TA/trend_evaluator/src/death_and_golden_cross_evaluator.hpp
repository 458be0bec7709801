// DeathAndGoldenCrossEvaluator: a fast moving average (fast_length, fast_ma_type) crossing a slow
// one (slow_length, slow_ma_type) on the last candle. Golden cross (fast crosses above): -1, buy.
// Death cross (fast crosses below): +1, sell. Any other candle: pending, as OctoBot (the signal
// exists only on the candle of the cross). Pending until more than max(fast, slow) candles.
#pragma once

#include <octobot/sdk.hpp>

#include <cstddef>
#include <octobot_ta/incremental_evaluator.hpp>
#include <optional>

#include "moving_average.hpp"

class DeathAndGoldenCrossEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("DeathAndGoldenCrossEvaluator", "1.2.0",
                         "fast/slow moving average crosses; -1 on a golden cross, +1 on a death cross");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  // The last two values of one average.
  struct Track {
    std::optional<double> previous;
    std::optional<double> last;
    void push(std::optional<double> value) {
      previous = last;
      last = value;
    }
  };

  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  int fast_length_ = 50;
  int slow_length_ = 200;
  std::optional<trend_evaluator::MovingAverage> fast_;
  std::optional<trend_evaluator::MovingAverage> slow_;
  Track fast_track_;
  Track slow_track_;
};
