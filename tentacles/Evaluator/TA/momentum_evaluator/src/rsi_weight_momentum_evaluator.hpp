// RSIWeightMomentumEvaluator: OctoBot's "double RSI" dip detector. When the RSI just made a low
// (within its last 5 values), the slow (mean of the last slow_eval_count RSI values) and fast (last
// fast_eval_count) RSI averages pick a price and volume weight from RSI_to_weight.
// OctoBot emits that pair as a dict; an ABI note is a number, so the price weight (1 light .. 3
// heavy) becomes a buy-side note -weight / 3 and both weights go in the description. No dip, or no
// matching interpretation: pending, as OctoBot.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/rsi.hpp>

#include <cstddef>
#include <deque>
#include <octobot_ta/incremental_evaluator.hpp>
#include <optional>
#include <vector>

class RSIWeightMomentumEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("RSIWeightMomentumEvaluator", "1.2.0",
                         "RSI dips weighted by slow and fast RSI averages; -weight/3 on a dip, pending otherwise");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

  struct FastThreshold {
    double fast_threshold;
    int price_weight;
    int volume_weight;
  };
  struct SlowThreshold {
    double slow_threshold;
    std::vector<FastThreshold> fast_thresholds;  // sorted by fast_threshold
  };

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  static constexpr std::size_t kDipWindow = 5;  // OctoBot's last RSI values checked for a low

  int period_ = 14;
  std::size_t slow_eval_count_ = 16;
  std::size_t fast_eval_count_ = 4;
  std::vector<SlowThreshold> weights_;  // sorted by slow_threshold

  octobot::sdk::indicators::Rsi rsi_{14};
  std::deque<double> recent_rsi_;
  std::optional<double> first_close_;
  bool moved_ = false;
};
