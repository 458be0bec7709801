#include "ema_divergence_trend_evaluator.hpp"

#include <octobot_ta/config_values.hpp>
#include <string>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;

void EMADivergenceTrendEvaluator::configure(const octobot::sdk::Config& config) {
  period_ = ta::period(config, "size", 50, 2);
  long_value_ = config.number("long_value", config.number("long", 2.0));
  short_value_ = config.number("short_value", config.number("short", -2.0));
  ema_ = ta::make_indicator<octobot::sdk::indicators::Ema>(period_);
  start_over();
}

void EMADivergenceTrendEvaluator::restart() {
  ema_.reset();
  last_.reset();
}

void EMADivergenceTrendEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  last_ = ema_.update(candles.close()[index]);
}

Evaluation EMADivergenceTrendEvaluator::current(const octobot::sdk::Candles& candles) {
  if (!last_) return Evaluation::pending("EMA warming up");
  const double diff = (candles.close().back() / *last_ * 100) - 100;
  const std::string description = "close - EMA " + std::to_string(diff) + "%";
  if (diff <= long_value_) return Evaluation::of(-1.0, description);
  if (diff >= short_value_) return Evaluation::of(1.0, description);
  return Evaluation::of(0.0, description);
}
