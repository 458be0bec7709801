// Average true range, Wilder's (TA-Lib ATR). Default period 14, lookback `period`.
//   true range[i] = max(high - low, |close[i-1] - high|, |close[i-1] - low|), from candle 1 on (it
//                   needs the previous close; TA-Lib TRANGE)
//   first ATR     = simple mean of the first `period` true ranges (candles 1..period), at index period
//   then          ATR = (ATR * (period - 1) + true range) / period
// Period 1 gives the true range itself.
#pragma once

#include <octobot/sdk/indicators/common.hpp>

#include <cmath>
#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {
namespace detail {

// TA-Lib's TRUE_RANGE, in its order of comparisons.
[[nodiscard]] inline double true_range(double high, double low, double previous_close) noexcept {
  double greatest = high - low;
  const double to_high = std::fabs(previous_close - high);
  if (to_high > greatest) greatest = to_high;
  const double to_low = std::fabs(previous_close - low);
  if (to_low > greatest) greatest = to_low;
  return greatest;
}

// Wilder's smoothing as TA-Lib writes it for ATR: multiply by period - 1, add, divide by period.
[[nodiscard]] constexpr double wilder_average(double average, double value, int period) noexcept {
  return ((average * (period - 1)) + value) / period;
}

}  // namespace detail

class Atr {
 public:
  static constexpr int kDefaultPeriod = 14;

  explicit Atr(int period = kDefaultPeriod) : period_(checked(period)) {}

  // O(1). std::nullopt for the first `period` candles.
  std::optional<double> update(double high, double low, double close) noexcept {
    if (!has_previous_close_) {
      previous_close_ = close;
      has_previous_close_ = true;
      return std::nullopt;
    }
    const double range = detail::true_range(high, low, previous_close_);
    previous_close_ = close;
    if (seeded_ < period_) {
      average_ += range;  // the seed's total until it is complete
      if (++seeded_ < period_) return std::nullopt;
      average_ /= period_;
      return average_;
    }
    average_ = detail::wilder_average(average_, range, period_);
    return average_;
  }

  [[nodiscard]] bool ready() const noexcept { return seeded_ == period_; }
  [[nodiscard]] int period() const noexcept { return period_; }
  [[nodiscard]] int lookback() const noexcept { return period_; }
  void reset() noexcept {
    has_previous_close_ = false;
    previous_close_ = 0.0;
    seeded_ = 0;
    average_ = 0.0;
  }

 private:
  static int checked(int period) {
    detail::check_period("atr", "period", period, 1);
    return period;
  }

  int period_;
  bool has_previous_close_ = false;
  double previous_close_ = 0.0;
  int seeded_ = 0;
  double average_ = 0.0;
};

// NaN-padded to the input length; the first value is at index `period`.
[[nodiscard]] inline std::vector<double> atr(std::span<const double> high, std::span<const double> low,
                                             std::span<const double> close, int period = Atr::kDefaultPeriod) {
  detail::check_period("atr", "period", period, 1);
  detail::check_hlc("atr", high, low, close);
  std::vector<double> out = detail::warm_up_filled(close.size());
  const std::size_t length = static_cast<std::size_t>(period);
  if (close.size() <= length) return out;
  double seed_total = 0.0;
  for (std::size_t i = 1; i <= length; ++i) seed_total += detail::true_range(high[i], low[i], close[i - 1]);
  double average = seed_total / period;
  out[length] = average;
  for (std::size_t i = length + 1; i < close.size(); ++i) {
    average = detail::wilder_average(average, detail::true_range(high[i], low[i], close[i - 1]), period);
    out[i] = average;
  }
  return out;
}

}  // namespace octobot::sdk::indicators
