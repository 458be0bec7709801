// DoubleMovingAverageTrendEvaluator: the SMA(2) of the closes against a fast (short_period_length)
// and a slow (long_period_length) SMA. For each, over the view: the difference SMA(2) - SMA(n), its
// zero crossings, and the last difference normalised ((last - mean) / (max - min), doubled, capped
// at 1) signed by the side of SMA(2); at 0 or 1 it is weighted by how far the current move has gone
// compared with the previous ones. No crossing at all: 0. The note is the mean of the two; pending
// when that mean is exactly 0 and while warming up, as OctoBot. Positive: SMA(2) above the longer
// averages (a sell-side note, as in OctoBot).
// OctoBot runs this over the whole series on every candle. Here the averages are incremental, and
// the zero crossings (CrossingTracker) and the total and extremes used by the normalisation
// (WindowStats) are kept up to date as differences arrive and leave: O(1) amortized per candle.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/sma.hpp>

#include <algorithm>
#include <cstddef>
#include <octobot_ta/crossing_tracker.hpp>
#include <octobot_ta/incremental_evaluator.hpp>
#include <octobot_ta/view_series.hpp>
#include <octobot_ta/window_stats.hpp>
#include <span>

class DoubleMovingAverageTrendEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("DoubleMovingAverageTrendEvaluator", "1.2.0",
                         "SMA(2) vs a fast and a slow SMA; -1 below them (buy side), +1 above");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  void on_view(const octobot::sdk::Candles& candles) override {
    // A difference exists once SMA(2) and SMA(n) both do: from candle max(n, 2) - 1 of the view.
    fast_differences_.trim_to_view(candles.open_time_ms(), static_cast<std::size_t>(std::max(fast_period_, 2) - 1));
    slow_differences_.trim_to_view(candles.open_time_ms(), static_cast<std::size_t>(std::max(slow_period_, 2) - 1));
    fast_crossings_.trim(fast_differences_.dropped());
    slow_crossings_.trim(slow_differences_.dropped());
    fast_stats_.trim(fast_differences_.dropped());
    slow_stats_.trim(slow_differences_.dropped());
  }
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  int fast_period_ = 5;
  int slow_period_ = 10;
  octobot::sdk::indicators::Sma current_average_{2};
  octobot::sdk::indicators::Sma fast_average_{5};
  octobot::sdk::indicators::Sma slow_average_{10};
  octobot::ta_support::ViewSeries fast_differences_;          // SMA(2) - SMA(fast) over the view
  octobot::ta_support::ViewSeries slow_differences_;          // SMA(2) - SMA(slow) over the view
  octobot::ta_support::CrossingTracker fast_crossings_{0.0};  // zero crossings of fast_differences_
  octobot::ta_support::CrossingTracker slow_crossings_{0.0};
  octobot::ta_support::WindowStats fast_stats_;  // total and extremes of fast_differences_
  octobot::ta_support::WindowStats slow_stats_;
};
