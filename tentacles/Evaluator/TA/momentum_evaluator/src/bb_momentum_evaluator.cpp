#include "bb_momentum_evaluator.hpp"

#include <cmath>
#include <octobot_ta/config_values.hpp>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;
using octobot::sdk::indicators::BollingerBands;

void BBMomentumEvaluator::configure(const octobot::sdk::Config& config) {
  period_ = ta::period(config, "period_length", 20, 2);
  bands_ = ta::make_indicator<BollingerBands>(period_, 2.0, 2.0);
  start_over();
}

void BBMomentumEvaluator::restart() {
  bands_.reset();
  last_.reset();
}

void BBMomentumEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  last_ = bands_.update(candles.close()[index]);
}

Evaluation BBMomentumEvaluator::current(const octobot::sdk::Candles& candles) {
  if (!last_) return Evaluation::pending("Bollinger Bands warming up");
  const double close = candles.close().back();
  const auto [upper, middle, lower] = *last_;
  if (upper == lower) return Evaluation::pending("Bollinger Bands without width");
  if (close == middle) return Evaluation::of(0.0, "on the middle band");
  if (close > upper) return Evaluation::of(1.0, "above the upper band");
  if (close < lower) return Evaluation::of(-1.0, "below the lower band");
  if (close > middle) return Evaluation::of(std::pow((close - middle) / (upper - middle), 2), "above the middle band");
  return Evaluation::of(-std::pow((middle - close) / (middle - lower), 2), "below the middle band");
}
