#include "double_moving_average_trend_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <octobot_ta/config_values.hpp>
#include <octobot_ta/trend_analysis.hpp>
#include <optional>
#include <vector>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;
using octobot::sdk::indicators::Sma;

namespace {

// OctoBot's moving-average analysis of one difference series (< 0: SMA(2) below the other one).
double moving_average_analysis(const ta::ViewSeries& differences, const ta::CrossingSummary& crossings,
                               const ta::WindowStats& stats) {
  if (differences.empty()) return 0.0;
  if (crossings.count == 0) return 0.0;  // never crossed: neutral
  const double last = differences.back();
  const double multiplier = last > 0 ? 1.0 : -1.0;
  const double average = stats.total() / static_cast<double>(stats.size());
  const double normalized = (last - average) / (stats.highest() - stats.lowest());
  const double current = std::min(std::fabs(normalized) * 2, 1.0);
  if (std::isnan(current)) return 0.0;
  if (current == 0.0 || current == 1.0) {
    return multiplier * current * ta::move_state_estimation(crossings, differences.size());
  }
  return multiplier * current;  // past the extreme: the distance to it
}

}  // namespace

void DoubleMovingAverageTrendEvaluator::configure(const octobot::sdk::Config& config) {
  slow_period_ = ta::period(config, "long_period_length", 10, 1);
  fast_period_ = ta::period(config, "short_period_length", 5, 1);
  fast_average_ = ta::make_indicator<Sma>(fast_period_);
  slow_average_ = ta::make_indicator<Sma>(slow_period_);
  start_over();
}

void DoubleMovingAverageTrendEvaluator::restart() {
  current_average_.reset();
  fast_average_.reset();
  slow_average_.reset();
  fast_differences_.clear();
  slow_differences_.clear();
  fast_crossings_.clear();
  slow_crossings_.clear();
  fast_stats_.clear();
  slow_stats_.clear();
}

void DoubleMovingAverageTrendEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  const double close = candles.close()[index];
  const std::int64_t time = candles.open_time_ms()[index];
  const std::optional<double> current = current_average_.update(close);
  const std::optional<double> fast = fast_average_.update(close);
  const std::optional<double> slow = slow_average_.update(close);
  if (current && fast) {
    fast_differences_.push(time, *current - *fast);
    fast_crossings_.push(*current - *fast);
    fast_stats_.push(*current - *fast);
  }
  if (current && slow) {
    slow_differences_.push(time, *current - *slow);
    slow_crossings_.push(*current - *slow);
    slow_stats_.push(*current - *slow);
  }
}

Evaluation DoubleMovingAverageTrendEvaluator::current(const octobot::sdk::Candles& candles) {
  if (candles.size() < static_cast<std::size_t>(std::max(slow_period_, fast_period_))) {
    return Evaluation::pending("moving averages warming up");
  }
  const double note = (moving_average_analysis(fast_differences_, fast_crossings_.summary(), fast_stats_) +
                       moving_average_analysis(slow_differences_, slow_crossings_.summary(), slow_stats_)) /
                      2;
  if (note == 0.0 || std::isnan(note)) return Evaluation::pending("no moving average signal");
  return Evaluation::of(std::clamp(note, -1.0, 1.0));
}
