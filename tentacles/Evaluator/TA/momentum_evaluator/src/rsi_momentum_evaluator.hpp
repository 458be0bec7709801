// RSIMomentumEvaluator: OctoBot's RSI evaluator, in its two modes.
//  - trend_change_identifier (default): on every candle, the RSI's short and long trends of averages
//    are compared; a trend change adds its strength, then the RSI itself adds RSI / 200 (above 50)
//    or (RSI - 100) / 200 (at or below 50). Contributions accumulate from candle to candle, clamped
//    to [-1, 1], as OctoBot's set_eval_note() does on an evaluator that is called on every candle.
//  - thresholds: +1 at or above short_threshold, -1 at or below long_threshold, else 0 (also 0
//    while the RSI warms up, as OctoBot).
// A series that has not moved since its first candle has no RSI (tulipy, which OctoBot uses,
// returns NaN there; TA-Lib returns 0): the note stays pending (trend mode) or 0 (thresholds).
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/rsi.hpp>

#include <array>
#include <cstddef>
#include <deque>
#include <octobot_ta/incremental_evaluator.hpp>
#include <optional>
#include <vector>

class RSIMomentumEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("RSIMomentumEvaluator", "1.2.0",
                         "RSI trend changes and level (or plain RSI thresholds); -1 oversold/buy, +1 overbought/sell");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  // OctoBot's fixed windows for the trends of RSI averages (longest first).
  static constexpr std::array<int, 5> kLongTermAverages = {40, 30, 20, 15, 10};
  static constexpr std::array<int, 6> kShortTermAverages = {7, 5, 4, 3, 2, 1};
  static constexpr std::size_t kKeptValues = 40;

  int period_ = 14;
  bool trend_change_identifier_ = true;
  double short_threshold_ = 70.0;
  double long_threshold_ = 30.0;

  octobot::sdk::indicators::Rsi rsi_{14};
  std::deque<double> recent_rsi_;      // the last kKeptValues RSI values
  std::vector<double> values_;         // recent_rsi_ made contiguous for the trends (kept: no allocation)
  std::optional<double> accumulated_;  // trend mode: the carried note, none while pending
  std::optional<double> first_close_;
  bool moved_ = false;  // some close differs from the first one
};
