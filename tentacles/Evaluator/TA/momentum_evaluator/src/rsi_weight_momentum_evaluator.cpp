#include "rsi_weight_momentum_evaluator.hpp"

#include <algorithm>
#include <octobot_ta/config_values.hpp>
#include <octobot_ta/trend_analysis.hpp>
#include <string>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;

void RSIWeightMomentumEvaluator::configure(const octobot::sdk::Config& config) {
  period_ = ta::period(config, "period", 14, 2);
  slow_eval_count_ = static_cast<std::size_t>(ta::period(config, "slow_eval_count", 16, 1));
  fast_eval_count_ = static_cast<std::size_t>(ta::period(config, "fast_eval_count", 4, 1));
  std::vector<SlowThreshold> weights;
  const std::uint64_t slow_count = config.has("RSI_to_weight") ? config.array_size("RSI_to_weight") : 0;
  for (std::uint64_t i = 0; i < slow_count; ++i) {
    const std::string slow = "RSI_to_weight[" + std::to_string(i) + "]";
    SlowThreshold entry{config.number(slow + ".slow_threshold"), {}};
    const std::uint64_t fast_count = config.array_size(slow + ".fast_thresholds");
    for (std::uint64_t j = 0; j < fast_count; ++j) {
      const std::string fast = slow + ".fast_thresholds[" + std::to_string(j) + "]";
      entry.fast_thresholds.push_back({config.number(fast + ".fast_threshold"),
                                       static_cast<int>(config.integer(fast + ".weights.price")),
                                       static_cast<int>(config.integer(fast + ".weights.volume"))});
    }
    std::stable_sort(
        entry.fast_thresholds.begin(), entry.fast_thresholds.end(),
        [](const FastThreshold& a, const FastThreshold& b) { return a.fast_threshold < b.fast_threshold; });
    weights.push_back(std::move(entry));
  }
  std::stable_sort(weights.begin(), weights.end(),
                   [](const SlowThreshold& a, const SlowThreshold& b) { return a.slow_threshold < b.slow_threshold; });
  weights_ = std::move(weights);
  rsi_ = ta::make_indicator<octobot::sdk::indicators::Rsi>(period_);
  start_over();
}

void RSIWeightMomentumEvaluator::restart() {
  rsi_.reset();
  recent_rsi_.clear();
  first_close_.reset();
  moved_ = false;
}

void RSIWeightMomentumEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  const double close = candles.close()[index];
  if (!first_close_) first_close_ = close;
  moved_ = moved_ || close != *first_close_;
  const std::optional<double> value = rsi_.update(close);
  if (!value || !moved_) return;  // no RSI on a series that never moved (see RSIMomentumEvaluator)
  recent_rsi_.push_back(*value);
  if (recent_rsi_.size() > std::max({slow_eval_count_, fast_eval_count_, kDipWindow})) recent_rsi_.pop_front();
}

Evaluation RSIWeightMomentumEvaluator::current(const octobot::sdk::Candles& /*candles*/) {
  if (recent_rsi_.empty()) return Evaluation::pending("RSI warming up");
  const std::vector<double> values(recent_rsi_.begin(), recent_rsi_.end());
  const double slow_rsi = ta::mean(ta::last(values, slow_eval_count_));
  const double fast_rsi = ta::mean(ta::last(values, fast_eval_count_));
  const double current_rsi = values.back();
  if (!ta::min_has_just_been_reached(ta::last(values, kDipWindow), 0.95, 2)) return Evaluation::pending("no RSI dip");
  // The first slow threshold above the slow average decides; within it, the first fast threshold
  // above both the fast average and the current RSI gives the weights.
  for (const SlowThreshold& slow : weights_) {
    if (!(slow_rsi < slow.slow_threshold)) continue;
    for (const FastThreshold& fast : slow.fast_thresholds) {
      if (fast_rsi < fast.fast_threshold && current_rsi < fast.fast_threshold) {
        return Evaluation::of(-std::clamp(fast.price_weight, 1, 3) / 3.0,
                              "price_weight=" + std::to_string(fast.price_weight) +
                                  " volume_weight=" + std::to_string(fast.volume_weight));
      }
    }
    break;
  }
  return Evaluation::pending("RSI dip without a matching weight");
}
