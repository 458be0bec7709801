// SuperTrendEvaluator: the SuperTrend (ATR length, factor) direction. Uptrend (the line under the
// price): -1, buy side; downtrend: +1. With reversals_only, only the candle where the trend turns
// gets its note; the others are pending, as OctoBot. Pending until more than `length` candles.
// The trend is carried from the first candle of the view with an ATR (the SDK's SuperTrend, which
// starts in a downtrend); OctoBot's Python evaluator starts carrying at its first evaluation,
// bullish, so the first notes of a fresh start may differ until the two carry the same trend.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/supertrend.hpp>

#include <cstddef>
#include <octobot_ta/incremental_evaluator.hpp>
#include <optional>

class SuperTrendEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("SuperTrendEvaluator", "1.2.0",
                         "SuperTrend direction; -1 in an uptrend (buy), +1 in a downtrend (sell)");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  int length_ = 10;
  bool reversals_only_ = false;
  octobot::sdk::indicators::SuperTrend super_trend_{10, 3.0};
  std::optional<int> direction_;  // of the last candle
  bool reversal_ = false;         // the last candle turned the trend
};
