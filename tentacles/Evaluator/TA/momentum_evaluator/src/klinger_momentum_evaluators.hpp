// The two Klinger evaluators of OctoBot. Both read the difference between the Klinger volume
// oscillator (short_period / long_period) and its EMA signal (ema_signal_period), over the view.
//
// KlingerOscillatorMomentumEvaluator: difference * factor / standard deviation of all the
// differences of the view, clamped to [-1, 1]; factor is 1 after the move's peak when the
// difference is still beyond one deviation, 0.5 after the peak otherwise, 0.2 before it. A positive
// difference (oscillator above its signal) gives a positive note, as OctoBot. Pending while warming
// up and when the differences have no spread.
//
// KlingerOscillatorReversalConfirmationMomentumEvaluator: OctoBot's answer is a boolean, "the
// difference just made a low" (among the last 7 values of the current move, the low is one of the
// last 2 and the last value / 0.9 is above it). As an ABI note: -1 (a bullish reversal confirmed,
// buy side) when true, 0 when false; pending while warming up.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/klinger.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <octobot_ta/crossing_tracker.hpp>
#include <octobot_ta/incremental_evaluator.hpp>
#include <octobot_ta/view_series.hpp>
#include <octobot_ta/window_stats.hpp>
#include <optional>

// The oscillator-minus-signal series of the view, shared by both evaluators.
class KlingerDifferenceEvaluator : public octobot::ta_support::IncrementalEvaluator {
 public:
  using IncrementalEvaluator::IncrementalEvaluator;
  void configure(const octobot::sdk::Config& config) override;

 protected:
  [[nodiscard]] const octobot::ta_support::ViewSeries& differences() const noexcept { return differences_; }
  [[nodiscard]] const octobot::ta_support::WindowStats& stats() const noexcept { return stats_; }
  // Start of the current move: OctoBot's last zero crossing of the differences (0 when none).
  [[nodiscard]] std::size_t last_crossing() const;
  // No candle of the view moved (same high, low and close throughout): the oscillator is rounding
  // noise around 0 there, not a reading.
  [[nodiscard]] bool flat_view(const octobot::sdk::Candles& candles) const {
    return !last_move_time_ || *last_move_time_ < candles.open_time_ms().front();
  }

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  void on_view(const octobot::sdk::Candles& candles) override {
    differences_.trim_to_view(candles.open_time_ms(), static_cast<std::size_t>(klinger_.lookback()));
    crossings_.trim(differences_.dropped());
    stats_.trim(differences_.dropped());
  }

  octobot::sdk::indicators::Klinger klinger_{35, 55, 13};
  octobot::ta_support::ViewSeries differences_;
  octobot::ta_support::CrossingTracker crossings_{0.0};   // zero crossings of differences_
  octobot::ta_support::WindowStats stats_;                // totals of differences_
  std::optional<std::array<double, 3>> previous_candle_;  // high, low, close
  std::optional<std::int64_t> last_move_time_;            // open time of the last candle that moved
};

class KlingerOscillatorMomentumEvaluator final : public KlingerDifferenceEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("KlingerOscillatorMomentumEvaluator", "1.2.0",
                         "Klinger oscillator minus its signal, in standard deviations; sign of the difference");
  using KlingerDifferenceEvaluator::KlingerDifferenceEvaluator;

 private:
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;
};

class KlingerOscillatorReversalConfirmationMomentumEvaluator final : public KlingerDifferenceEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("KlingerOscillatorReversalConfirmationMomentumEvaluator", "1.2.0",
                         "Klinger oscillator minus its signal just made a low; -1 when confirmed, else 0");
  using KlingerDifferenceEvaluator::KlingerDifferenceEvaluator;

 private:
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;
};
