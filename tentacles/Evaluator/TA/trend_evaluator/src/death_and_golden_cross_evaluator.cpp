#include "death_and_golden_cross_evaluator.hpp"

#include <algorithm>
#include <octobot_ta/config_values.hpp>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;

void DeathAndGoldenCrossEvaluator::configure(const octobot::sdk::Config& config) {
  fast_length_ = ta::period(config, "fast_length", 50, 1);
  slow_length_ = ta::period(config, "slow_length", 200, 1);
  fast_.emplace(config.string("fast_ma_type", "SMA"), fast_length_);
  slow_.emplace(config.string("slow_ma_type", "SMA"), slow_length_);
  start_over();
}

void DeathAndGoldenCrossEvaluator::restart() {
  fast_->reset();
  slow_->reset();
  fast_track_ = {};
  slow_track_ = {};
}

void DeathAndGoldenCrossEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  const double close = candles.close()[index];
  const double volume = candles.volume()[index];
  fast_track_.push(fast_->update(close, volume));
  slow_track_.push(slow_->update(close, volume));
}

Evaluation DeathAndGoldenCrossEvaluator::current(const octobot::sdk::Candles& candles) {
  if (candles.size() <= static_cast<std::size_t>(std::max(fast_length_, slow_length_)) || !fast_track_.previous ||
      !slow_track_.previous) {
    return Evaluation::pending("moving averages warming up");
  }
  const double fast = *fast_track_.last;
  const double slow = *slow_track_.last;
  const double previous_fast = *fast_track_.previous;
  const double previous_slow = *slow_track_.previous;
  if (fast > slow && previous_fast < previous_slow) return Evaluation::of(-1.0, "golden cross");
  if (fast < slow && previous_fast > previous_slow) return Evaluation::of(1.0, "death cross");
  return Evaluation::pending("no cross on this candle");
}
