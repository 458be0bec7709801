// Exponential moving average (TA-Lib EMA, default compatibility): seeded with the SMA of the first
// `period` values, then ema = (value - ema) * k + ema with k = 2 / (period + 1). Lookback period - 1.
// Periods from 2, as TA-Lib's EMA.
#pragma once

#include <octobot/sdk/indicators/common.hpp>

#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {
namespace detail {

// TA-Lib's PER_TO_K.
[[nodiscard]] constexpr double ema_factor(int period) noexcept { return 2.0 / static_cast<double>(period + 1); }

// One smoothing step, in TA-Lib's order of operations (shared by the incremental and series forms).
[[nodiscard]] constexpr double ema_step(double previous, double value, double factor) noexcept {
  return ((value - previous) * factor) + previous;
}

}  // namespace detail

class Ema {
 public:
  static constexpr int kDefaultPeriod = 30;

  explicit Ema(int period = kDefaultPeriod) : period_(checked(period)), factor_(detail::ema_factor(period)) {}

  // O(1). std::nullopt during the warm-up (the first period - 1 values).
  std::optional<double> update(double value) noexcept {
    if (count_ < period_) {
      seed_total_ += value;
      if (++count_ < period_) return std::nullopt;
      average_ = seed_total_ / period_;
      return average_;
    }
    average_ = detail::ema_step(average_, value, factor_);
    return average_;
  }

  [[nodiscard]] bool ready() const noexcept { return count_ >= period_; }
  [[nodiscard]] int period() const noexcept { return period_; }
  [[nodiscard]] int lookback() const noexcept { return period_ - 1; }
  void reset() noexcept {
    count_ = 0;
    seed_total_ = 0.0;
    average_ = 0.0;
  }

 private:
  static int checked(int period) {
    detail::check_period("ema", "period", period, 2);
    return period;
  }

  int period_;
  double factor_;
  int count_ = 0;
  double seed_total_ = 0.0;
  double average_ = 0.0;
};

// NaN-padded to values.size(); the first value is at index period - 1.
[[nodiscard]] inline std::vector<double> ema(std::span<const double> values, int period = Ema::kDefaultPeriod) {
  detail::check_period("ema", "period", period, 2);
  std::vector<double> out = detail::warm_up_filled(values.size());
  const std::size_t length = static_cast<std::size_t>(period);
  if (values.size() < length) return out;
  double seed_total = 0.0;
  for (std::size_t i = 0; i < length; ++i) seed_total += values[i];
  double average = seed_total / period;
  out[length - 1] = average;
  const double factor = detail::ema_factor(period);
  for (std::size_t i = length; i < values.size(); ++i) {
    average = detail::ema_step(average, values[i], factor);
    out[i] = average;
  }
  return out;
}

}  // namespace octobot::sdk::indicators
