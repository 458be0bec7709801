#include "klinger_momentum_evaluators.hpp"

#include <algorithm>
#include <cmath>
#include <octobot_ta/config_values.hpp>
#include <octobot_ta/trend_analysis.hpp>
#include <string>
#include <vector>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;

void KlingerDifferenceEvaluator::configure(const octobot::sdk::Config& config) {
  const int short_period = ta::period(config, "short_period", 35, 2);
  const int long_period = ta::period(config, "long_period", 55, 2);
  const int signal_period = ta::period(config, "ema_signal_period", 13, 2);
  klinger_ = ta::make_indicator<octobot::sdk::indicators::Klinger>(short_period, long_period, signal_period);
  start_over();
}

void KlingerDifferenceEvaluator::restart() {
  klinger_.reset();
  differences_.clear();
  crossings_.clear();
  stats_.clear();
  previous_candle_.reset();
  last_move_time_.reset();
}

void KlingerDifferenceEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  const std::array<double, 3> candle = {candles.high()[index], candles.low()[index], candles.close()[index]};
  if (previous_candle_ && *previous_candle_ != candle) last_move_time_ = candles.open_time_ms()[index];
  previous_candle_ = candle;
  const auto point =
      klinger_.update(candles.high()[index], candles.low()[index], candles.close()[index], candles.volume()[index]);
  if (point) {
    differences_.push(candles.open_time_ms()[index], point->oscillator - point->signal);
    crossings_.push(point->oscillator - point->signal);
    stats_.push(point->oscillator - point->signal);
  }
}

std::size_t KlingerDifferenceEvaluator::last_crossing() const {
  const ta::CrossingSummary crossings = crossings_.summary();
  return crossings.count == 0 ? 0 : crossings.last;
}

Evaluation KlingerOscillatorMomentumEvaluator::current(const octobot::sdk::Candles& candles) {
  const std::span<const double> values = differences().values();
  if (values.size() <= 1) return Evaluation::pending("Klinger oscillator warming up");
  if (flat_view(candles)) return Evaluation::pending("no price movement");
  // Population standard deviation (numpy.std) from the window's running totals (O(1)).
  const double count = static_cast<double>(stats().size());
  const double average = stats().total() / count;
  const double variance = stats().total_of_squares() / count - average * average;
  const double deviation = std::sqrt(std::max(variance, 0.0));
  if (!(deviation > 0)) return Evaluation::pending("Klinger oscillator without spread");

  const double difference = values.back();
  double factor = 0.2;
  if (ta::peak_has_been_reached_already(values.subspan(last_crossing()))) {
    factor = std::fabs(difference) > deviation ? 1.0 : 0.5;
  }
  const double note = std::clamp(difference * factor / deviation, -1.0, 1.0);
  return Evaluation::of(note, "KO - signal " + std::to_string(difference));
}

Evaluation KlingerOscillatorReversalConfirmationMomentumEvaluator::current(const octobot::sdk::Candles& candles) {
  const std::span<const double> values = differences().values();
  if (values.size() <= 1) return Evaluation::pending("Klinger oscillator warming up");
  if (flat_view(candles)) return Evaluation::pending("no price movement");
  constexpr std::size_t kMaxElements = 7;
  const std::size_t considered = std::min(kMaxElements, values.size() - last_crossing());
  const bool low_reached = ta::min_has_just_been_reached(ta::last(values, considered), 0.9, 1);
  return low_reached ? Evaluation::of(-1.0, "reversal confirmed") : Evaluation::of(0.0, "no reversal");
}
