// Weighted moving average (TA-Lib WMA): weights 1, 2, ..., period from the oldest to the newest value,
// divided by period * (period + 1) / 2. Lookback period - 1. Periods from 2, as TA-Lib's WMA.
//
// Arithmetic as TA-Lib's O(1) form: a weighted total and a plain total of the window; each step adds
// period * value to the weighted total, then takes the plain total off it (which lowers every
// weight by one).
#pragma once

#include <octobot/sdk/indicators/common.hpp>
#include <octobot/sdk/indicators/window.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {
namespace detail {

[[nodiscard]] constexpr double wma_divider(int period) noexcept {
  return static_cast<double>(static_cast<std::int64_t>(period) * (period + 1) / 2);
}

}  // namespace detail

class Wma {
 public:
  static constexpr int kDefaultPeriod = 30;

  explicit Wma(int period = kDefaultPeriod)
      : period_(checked(period)), divider_(detail::wma_divider(period)), window_(period) {}

  // O(1). std::nullopt during the warm-up (the first period - 1 values).
  std::optional<double> update(double value) noexcept {
    window_.push(value);
    if (!window_.full()) {
      plain_total_ += value;
      weighted_total_ += value * static_cast<double>(window_.size());
      return std::nullopt;
    }
    plain_total_ += value;
    plain_total_ -= leaving_;
    weighted_total_ += value * period_;
    leaving_ = window_.oldest();  // taken off the plain total at the next update
    const double average = weighted_total_ / divider_;
    weighted_total_ -= plain_total_;
    return average;
  }

  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] int period() const noexcept { return period_; }
  [[nodiscard]] int lookback() const noexcept { return period_ - 1; }
  void reset() noexcept {
    window_.clear();
    plain_total_ = 0.0;
    weighted_total_ = 0.0;
    leaving_ = 0.0;
  }

 private:
  static int checked(int period) {
    detail::check_period("wma", "period", period, 2);
    return period;
  }

  int period_;
  double divider_;
  detail::Window window_;
  double plain_total_ = 0.0;
  double weighted_total_ = 0.0;
  double leaving_ = 0.0;
};

// NaN-padded to values.size(); the first value is at index period - 1.
[[nodiscard]] inline std::vector<double> wma(std::span<const double> values, int period = Wma::kDefaultPeriod) {
  detail::check_period("wma", "period", period, 2);
  std::vector<double> out = detail::warm_up_filled(values.size());
  const std::size_t length = static_cast<std::size_t>(period);
  if (values.size() < length) return out;
  const double divider = detail::wma_divider(period);
  double plain_total = 0.0;
  double weighted_total = 0.0;
  for (std::size_t i = 0; i + 1 < length; ++i) {
    plain_total += values[i];
    weighted_total += values[i] * static_cast<double>(i + 1);
  }
  double leaving = 0.0;
  for (std::size_t i = length - 1, trailing = 0; i < values.size(); ++i, ++trailing) {
    plain_total += values[i];
    plain_total -= leaving;
    weighted_total += values[i] * period;
    leaving = values[trailing];
    out[i] = weighted_total / divider;
    weighted_total -= plain_total;
  }
  return out;
}

}  // namespace octobot::sdk::indicators
