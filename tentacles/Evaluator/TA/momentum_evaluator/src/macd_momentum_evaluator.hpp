// MACDMomentumEvaluator: the shape of the MACD histogram since its last zero crossings (OctoBot's
// pattern analysis): W or V (below zero) are bullish (-), M or N (above zero) bearish (+). The note
// is sign * (last histogram value / extreme of the pattern) * pattern strength (1 for W/M, 0.75
// for V/N) * how far the current move has gone compared with the previous ones (0.7 with at most
// one crossing; 0.95 while a young move keeps growing on consecutive candles). Clamped to [-1, 1]
// (OctoBot's can leave it when the pattern's extreme is on the other side of zero).
// Pending while warming up and when no pattern is found.
// OctoBot runs this analysis over the whole histogram on every candle. Here the MACD is incremental,
// the zero crossings are tracked as values arrive and leave (CrossingTracker), and the pattern of
// each past move is computed once (segment_patterns_); what remains per candle is O(crossings) plus
// a pass over the current move.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/macd.hpp>

#include <cstddef>
#include <map>
#include <octobot_ta/crossing_tracker.hpp>
#include <octobot_ta/incremental_evaluator.hpp>
#include <octobot_ta/pattern_analysis.hpp>
#include <octobot_ta/view_series.hpp>
#include <optional>
#include <utility>

class MACDMomentumEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("MACDMomentumEvaluator", "1.2.0",
                         "MACD histogram W/M/V/N patterns; -1 bullish (W, V), +1 bearish (M, N)");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  void on_view(const octobot::sdk::Candles& candles) override {
    if (histogram_.trim_to_view(candles.open_time_ms(), static_cast<std::size_t>(macd_.lookback()))) {
      analysed_ = false;  // the series under the analysis changed
      crossings_.trim(histogram_.dropped());
      while (!segment_patterns_.empty() && segment_patterns_.front().start < histogram_.dropped()) {
        segment_patterns_.pop_front();
      }
    }
  }
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  // OctoBot's evaluation of the last candle over the histogram as it stands: the note (none:
  // pending). Starts from the carry left by the candle before, so analysing the same candle again
  // (after the view dropped old candles) gives the same carry.
  std::optional<double> analyse();

  int short_period_ = 12;
  int long_period_ = 26;
  int signal_period_ = 9;
  octobot::sdk::indicators::Macd macd_{12, 26, 9};
  octobot::ta_support::ViewSeries histogram_;
  octobot::ta_support::CrossingTracker crossings_{0.0};  // zero crossings of histogram_
  // Pattern of the histogram over [start, end) in absolute positions (histogram_.dropped() + index),
  // sorted by range: the data of a range never changes, so a move's pattern is computed once, not on
  // every candle. Looked up by walking it alongside the crossing list (both in increasing order).
  struct SegmentPattern {
    std::size_t start;
    std::size_t end;
    octobot::ta_support::Pattern pattern;
  };
  std::deque<SegmentPattern> segment_patterns_;
  std::optional<double> previous_note_;      // OctoBot's carry for young growing moves, after the last candle
  std::optional<double> carry_before_last_;  // the same, before the last candle
  bool analysed_ = false;                    // note_ is the analysis of the current histogram
  bool early_ = true;                        // at most one crossing so far: previous_note_ matters
  std::optional<double> note_;
};
