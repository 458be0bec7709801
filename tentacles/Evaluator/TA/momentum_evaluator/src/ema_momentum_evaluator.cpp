#include "ema_momentum_evaluator.hpp"

#include <octobot_ta/config_values.hpp>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;

void EMAMomentumEvaluator::configure(const octobot::sdk::Config& config) {
  period_ = ta::period(config, "period_length", 21, 2);
  const double percent = config.number("price_threshold_percent", 2.0);
  if (percent < 0) throw octobot::sdk::ConfigError("'price_threshold_percent' must not be negative");
  threshold_multiplier_ = percent / 100;
  reverse_signal_ = config.boolean("reverse_signal", false);
  ema_ = ta::make_indicator<octobot::sdk::indicators::Ema>(period_);
  start_over();
}

void EMAMomentumEvaluator::restart() {
  ema_.reset();
  last_.reset();
}

void EMAMomentumEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  last_ = ema_.update(candles.close()[index]);
}

Evaluation EMAMomentumEvaluator::current(const octobot::sdk::Candles& candles) {
  if (!last_) return Evaluation::of(0.0, "EMA warming up");
  const double close = candles.close().back();
  double note = 0.0;
  if (close >= *last_ * (1 + threshold_multiplier_)) {
    note = 1.0;
  } else if (close <= *last_ * (1 - threshold_multiplier_)) {
    note = -1.0;
  }
  if (reverse_signal_) note = -note;
  return Evaluation::of(note, "EMA " + std::to_string(*last_));
}
