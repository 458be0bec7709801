// Bollinger Bands (TA-Lib BBANDS with its default SMA). TA-Lib's defaults: period 5, 2 deviations up
// and down (Bollinger's own and OctoBot's evaluator use period 20). Lookback period - 1.
//   middle = SMA(period)
//   stddev = population standard deviation of the window, computed as TA-Lib does in one pass:
//            mean of the squares minus the square of the mean, and 0 when that is below 1e-14
//   upper  = middle + deviations_up * stddev,   lower = middle - deviations_down * stddev
// The one-pass variance is kept for parity with TA-Lib: rounding can leave a flat window a tiny
// non-zero width, as in TA-Lib (20 candles at 20000.1: 0.001953125 between the bands, in both).
#pragma once

#include <octobot/sdk/indicators/common.hpp>
#include <octobot/sdk/indicators/window.hpp>

#include <cmath>
#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {

struct BollingerPoint {
  double upper;
  double middle;
  double lower;
};

struct BollingerSeries {
  std::vector<double> upper;
  std::vector<double> middle;
  std::vector<double> lower;
};

namespace detail {

inline void check_bollinger(int period, double deviations_up, double deviations_down) {
  check_period("bbands", "period", period, 2);
  check_finite("bbands", "deviations_up", deviations_up);
  check_finite("bbands", "deviations_down", deviations_down);
}

// The bands from the window's total and mean square, in TA-Lib's order of operations.
[[nodiscard]] inline BollingerPoint bollinger_point(double window_total, double mean_square, int period,
                                                    double deviations_up, double deviations_down) noexcept {
  const double middle = window_total / period;
  const double variance = mean_square - middle * middle;
  const double deviation = variance < kTaLibEpsilon ? 0.0 : std::sqrt(variance);  // TA_IS_ZERO_OR_NEG
  return {middle + deviation * deviations_up, middle, middle - deviation * deviations_down};
}

}  // namespace detail

class BollingerBands {
 public:
  static constexpr int kDefaultPeriod = 5;
  static constexpr double kDefaultDeviations = 2.0;

  explicit BollingerBands(int period = kDefaultPeriod, double deviations_up = kDefaultDeviations,
                          double deviations_down = kDefaultDeviations)
      : period_(checked(period, deviations_up, deviations_down)),
        deviations_up_(deviations_up),
        deviations_down_(deviations_down),
        window_(period) {}

  // O(1). std::nullopt during the warm-up (the first period - 1 values).
  std::optional<BollingerPoint> update(double value) noexcept {
    window_.push(value);
    total_ += value;
    squares_ += value * value;
    if (!window_.full()) return std::nullopt;
    const double leaving = window_.oldest();
    const double window_total = total_;
    total_ -= leaving;
    const double mean_square = squares_ / period_;
    squares_ -= leaving * leaving;
    return detail::bollinger_point(window_total, mean_square, period_, deviations_up_, deviations_down_);
  }

  [[nodiscard]] bool ready() const noexcept { return window_.full(); }
  [[nodiscard]] int lookback() const noexcept { return period_ - 1; }
  void reset() noexcept {
    window_.clear();
    total_ = 0.0;
    squares_ = 0.0;
  }

 private:
  static int checked(int period, double deviations_up, double deviations_down) {
    detail::check_bollinger(period, deviations_up, deviations_down);
    return period;
  }

  int period_;
  double deviations_up_;
  double deviations_down_;
  detail::Window window_;
  double total_ = 0.0;
  double squares_ = 0.0;
};

// Three NaN-padded series of values.size(); the first values are at index period - 1.
[[nodiscard]] inline BollingerSeries bollinger_bands(std::span<const double> values,
                                                     int period = BollingerBands::kDefaultPeriod,
                                                     double deviations_up = BollingerBands::kDefaultDeviations,
                                                     double deviations_down = BollingerBands::kDefaultDeviations) {
  detail::check_bollinger(period, deviations_up, deviations_down);
  const std::size_t size = values.size();
  BollingerSeries out{detail::warm_up_filled(size), detail::warm_up_filled(size), detail::warm_up_filled(size)};
  const std::size_t length = static_cast<std::size_t>(period);
  if (size < length) return out;
  double total = 0.0;
  double squares = 0.0;
  for (std::size_t i = 0; i + 1 < length; ++i) {
    total += values[i];
    squares += values[i] * values[i];
  }
  for (std::size_t i = length - 1, trailing = 0; i < size; ++i, ++trailing) {
    total += values[i];
    squares += values[i] * values[i];
    const double window_total = total;
    total -= values[trailing];
    const double mean_square = squares / period;
    squares -= values[trailing] * values[trailing];
    const BollingerPoint bands =
        detail::bollinger_point(window_total, mean_square, period, deviations_up, deviations_down);
    out.upper[i] = bands.upper;
    out.middle[i] = bands.middle;
    out.lower[i] = bands.lower;
  }
  return out;
}

}  // namespace octobot::sdk::indicators
