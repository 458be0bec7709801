// Simple moving average: the mean of the last `period` values (TA-Lib SMA; lookback period - 1).
//
// Arithmetic as TA-Lib's: a running total that adds the new value, divides, then subtracts the value
// that leaves the window. Period 1 is accepted (TA-Lib's MA accepts it; the output is the input).
#pragma once

#include <octobot/sdk/indicators/common.hpp>
#include <octobot/sdk/indicators/window.hpp>

#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {

class Sma {
 public:
  static constexpr int kDefaultPeriod = 30;

  explicit Sma(int period = kDefaultPeriod) : period_(checked(period)), window_(period) {}

  // O(1). std::nullopt during the warm-up (the first period - 1 values).
  std::optional<double> update(double value) noexcept {
    window_.push(value);
    total_ += value;
    if (!window_.full()) return std::nullopt;
    const double window_total = total_;
    total_ -= window_.oldest();  // the value that leaves the window with the next update
    return window_total / period_;
  }

  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] int period() const noexcept { return period_; }
  [[nodiscard]] int lookback() const noexcept { return period_ - 1; }
  void reset() noexcept {
    window_.clear();
    total_ = 0.0;
  }

 private:
  static int checked(int period) {
    detail::check_period("sma", "period", period, 1);
    return period;
  }

  int period_;
  detail::Window window_;
  double total_ = 0.0;
};

// NaN-padded to values.size(); out[i] = SMA of values[i - period + 1 .. i].
[[nodiscard]] inline std::vector<double> sma(std::span<const double> values, int period = Sma::kDefaultPeriod) {
  detail::check_period("sma", "period", period, 1);
  std::vector<double> out = detail::warm_up_filled(values.size());
  const std::size_t length = static_cast<std::size_t>(period);
  if (values.size() < length) return out;
  double total = 0.0;
  for (std::size_t i = 0; i + 1 < length; ++i) total += values[i];
  for (std::size_t i = length - 1, trailing = 0; i < values.size(); ++i, ++trailing) {
    total += values[i];
    const double window_total = total;
    total -= values[trailing];
    out[i] = window_total / period;
  }
  return out;
}

}  // namespace octobot::sdk::indicators
