#include "super_trend_evaluator.hpp"

#include <octobot_ta/config_values.hpp>
#include <string>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;

void SuperTrendEvaluator::configure(const octobot::sdk::Config& config) {
  length_ = ta::period(config, "length", 10, 1);
  const double factor = config.number("factor", 3.0);
  reversals_only_ = config.boolean("reversals_only", false);
  super_trend_ = ta::make_indicator<octobot::sdk::indicators::SuperTrend>(length_, factor);
  start_over();
}

void SuperTrendEvaluator::restart() {
  super_trend_.reset();
  direction_.reset();
  reversal_ = false;
}

void SuperTrendEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  const auto point = super_trend_.update(candles.high()[index], candles.low()[index], candles.close()[index]);
  if (!point) return;
  reversal_ = direction_.has_value() && *direction_ != point->direction;
  direction_ = point->direction;
}

Evaluation SuperTrendEvaluator::current(const octobot::sdk::Candles& candles) {
  if (candles.size() <= static_cast<std::size_t>(length_) || !direction_) {
    return Evaluation::pending("SuperTrend warming up");
  }
  const bool up = *direction_ > 0;
  const std::string description = std::string(up ? "uptrend" : "downtrend") + (reversal_ ? ", reversal" : "");
  if (reversals_only_ && !reversal_) return Evaluation::pending(description + " (no reversal)");
  return Evaluation::of(up ? -1.0 : 1.0, description);
}
