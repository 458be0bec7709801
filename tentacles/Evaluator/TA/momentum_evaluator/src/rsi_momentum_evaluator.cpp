#include "rsi_momentum_evaluator.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <octobot_ta/config_values.hpp>
#include <octobot_ta/trend_analysis.hpp>
#include <string>
#include <vector>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;

namespace {

// "RSI " and the value as std::to_string writes it (printf's %f: fixed, 6 decimals), without going
// through vsnprintf: this runs once per candle.
std::string describe_rsi(double value) {
  char text[4 + 330];  // the longest %f of a double is ~317 characters
  std::memcpy(text, "RSI ", 4);
  const auto written = std::to_chars(text + 4, text + sizeof(text), value, std::chars_format::fixed, 6);
  return std::string(text, written.ptr);
}

}  // namespace

void RSIMomentumEvaluator::configure(const octobot::sdk::Config& config) {
  period_ = ta::period(config, "period_length", 14, 2);
  trend_change_identifier_ = config.boolean("trend_change_identifier", true);
  short_threshold_ = config.number("short_threshold", 70.0);
  long_threshold_ = config.number("long_threshold", 30.0);
  rsi_ = ta::make_indicator<octobot::sdk::indicators::Rsi>(period_);
  start_over();
}

void RSIMomentumEvaluator::restart() {
  rsi_.reset();
  recent_rsi_.clear();
  accumulated_.reset();
  first_close_.reset();
  moved_ = false;
}

void RSIMomentumEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  const double close = candles.close()[index];
  if (!first_close_) first_close_ = close;
  moved_ = moved_ || close != *first_close_;
  const std::optional<double> value = rsi_.update(close);
  if (!value || !moved_) return;
  recent_rsi_.push_back(*value);
  if (recent_rsi_.size() > kKeptValues) recent_rsi_.pop_front();
  if (!trend_change_identifier_) return;

  // One OctoBot evaluation: the trend-change part then the level part, each added to the carried
  // note and clamped (set_eval_note), starting from 0 when the note was pending.
  const auto add = [this](double contribution) {
    accumulated_ = std::clamp(accumulated_.value_or(0.0) + contribution, -1.0, 1.0);
  };
  values_.assign(recent_rsi_.begin(), recent_rsi_.end());  // reused: no allocation per candle
  const double long_trend = ta::trend_of_averages(values_, kLongTermAverages);
  const double short_trend = ta::trend_of_averages(values_, kShortTermAverages);
  if (short_trend > 0 && 0 > long_trend) {
    add(-short_trend);  // turned up: buy side
  } else if (long_trend > 0 && 0 > short_trend) {
    add(short_trend);  // turned down: sell side
  }
  add(*value > 50 ? *value / 200 : (*value - 100) / 200);
}

Evaluation RSIMomentumEvaluator::current(const octobot::sdk::Candles& /*candles*/) {
  if (!trend_change_identifier_) {
    if (recent_rsi_.empty()) return Evaluation::of(0.0, "RSI warming up");
    const double value = recent_rsi_.back();
    const std::string description = describe_rsi(value);
    if (value >= short_threshold_) return Evaluation::of(1.0, description);
    if (value <= long_threshold_) return Evaluation::of(-1.0, description);
    return Evaluation::of(0.0, description);
  }
  if (!accumulated_) return Evaluation::pending("RSI warming up");
  return Evaluation::of(*accumulated_, describe_rsi(recent_rsi_.back()));
}
