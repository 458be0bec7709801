#include "adx_momentum_evaluator.hpp"

#include <algorithm>
#include <octobot_ta/config_values.hpp>
#include <octobot_ta/trend_analysis.hpp>
#include <string>
#include <vector>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;

namespace {
// OctoBot's ADX reading levels.
constexpr double kMinAdx = 7.5;
constexpr double kMaxAdx = 45.0;
constexpr double kNeutralAdx = 25.0;
constexpr std::size_t kRecentAdx = 15;
}  // namespace

void ADXMomentumEvaluator::configure(const octobot::sdk::Config& config) {
  period_ = ta::period(config, "period_length", 14, 2);
  adx_ = ta::make_indicator<octobot::sdk::indicators::Adx>(period_);
  start_over();
}

void ADXMomentumEvaluator::restart() {
  adx_.reset();
  instant_ema_.reset();
  slow_ema_.reset();
  instant_.reset();
  slow_.reset();
  adx_values_.clear();
  crossings_.clear();
}

void ADXMomentumEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  const double close = candles.close()[index];
  instant_ = instant_ema_.update(close);
  slow_ = slow_ema_.update(close);
  const std::optional<double> adx = adx_.update(candles.high()[index], candles.low()[index], close);
  if (adx) {
    adx_values_.push(candles.open_time_ms()[index], *adx);
    crossings_.push(*adx);
  }
}

Evaluation ADXMomentumEvaluator::current(const octobot::sdk::Candles& candles) {
  if (candles.size() <= static_cast<std::size_t>(period_) + 12 || adx_values_.empty() || !instant_ || !slow_) {
    return Evaluation::pending("ADX warming up");
  }
  const std::span<const double> adx = adx_values_.values();
  const double current_adx = adx.back();
  const double direction = *instant_ < *slow_ ? -1.0 : 1.0;
  const std::string description = "ADX " + std::to_string(current_adx);
  if (current_adx <= kNeutralAdx) {
    return Evaluation::of(direction * std::min(1.0, (kNeutralAdx - current_adx) / (kNeutralAdx - kMinAdx)),
                          description);
  }
  const std::span<const double> recent = ta::last(adx, kRecentAdx);
  const double local_max = *std::max_element(recent.begin(), recent.end());
  if (current_adx < local_max) {
    return Evaluation::of(direction * (current_adx - kNeutralAdx) / (local_max - kNeutralAdx), description);
  }
  const ta::CrossingSummary crossings = crossings_.summary();
  const double chances_to_be_max = crossings.count > 2 ? ta::move_state_estimation(crossings, adx.size()) : 0.75;
  const double proximity_to_max = std::min(1.0, current_adx / kMaxAdx);
  return Evaluation::of(direction * proximity_to_max * chances_to_be_max, description);
}
