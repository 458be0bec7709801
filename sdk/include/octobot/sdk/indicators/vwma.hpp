// Volume-weighted moving average: sum(close * volume) / sum(volume) over the last `period` candles.
// Not a TA-Lib function; it is TA-Lib's SUM(close * volume) / SUM(volume), with the same running
// totals. Default period 20, lookback period - 1.
// A window whose volumes are all zero has no volume weighting to apply: the VWMA is then the plain
// mean of its closes (all weights equal), never a 0 / 0. Zero volume is detected by counting the
// non-zero volumes in the window, not by testing the running total, which rounding can leave a
// hair away from 0.
#pragma once

#include <octobot/sdk/indicators/common.hpp>
#include <octobot/sdk/indicators/window.hpp>

#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {

class Vwma {
 public:
  static constexpr int kDefaultPeriod = 20;

  explicit Vwma(int period = kDefaultPeriod) : period_(checked(period)), closes_(period), volumes_(period) {}

  // O(1). std::nullopt during the warm-up (the first period - 1 candles).
  std::optional<double> update(double close, double volume) noexcept {
    closes_.push(close);
    volumes_.push(volume);
    weighted_total_ += close * volume;
    volume_total_ += volume;
    close_total_ += close;
    if (volume != 0.0) ++non_zero_volumes_;
    if (!closes_.full()) return std::nullopt;

    const double leaving_close = closes_.oldest();
    const double leaving_volume = volumes_.oldest();
    const double weighted = weighted_total_;
    const double volume_sum = volume_total_;
    const double close_sum = close_total_;
    const bool has_volume = non_zero_volumes_ > 0;
    weighted_total_ -= leaving_close * leaving_volume;
    volume_total_ -= leaving_volume;
    close_total_ -= leaving_close;
    if (leaving_volume != 0.0) --non_zero_volumes_;
    return has_volume ? weighted / volume_sum : close_sum / period_;
  }

  [[nodiscard]] bool ready() const noexcept { return closes_.full(); }
  [[nodiscard]] int lookback() const noexcept { return period_ - 1; }
  void reset() noexcept {
    closes_.clear();
    volumes_.clear();
    weighted_total_ = 0.0;
    volume_total_ = 0.0;
    close_total_ = 0.0;
    non_zero_volumes_ = 0;
  }

 private:
  static int checked(int period) {
    detail::check_period("vwma", "period", period, 1);
    return period;
  }

  int period_;
  detail::Window closes_;
  detail::Window volumes_;
  double weighted_total_ = 0.0;
  double volume_total_ = 0.0;
  double close_total_ = 0.0;
  int non_zero_volumes_ = 0;
};

// NaN-padded to the input length; the first value is at index period - 1.
[[nodiscard]] inline std::vector<double> vwma(std::span<const double> close, std::span<const double> volume,
                                              int period = Vwma::kDefaultPeriod) {
  detail::check_period("vwma", "period", period, 1);
  detail::check_same_length("vwma", close, volume);
  std::vector<double> out = detail::warm_up_filled(close.size());
  const std::size_t length = static_cast<std::size_t>(period);
  if (close.size() < length) return out;
  double weighted_total = 0.0;
  double volume_total = 0.0;
  double close_total = 0.0;
  int non_zero_volumes = 0;
  for (std::size_t i = 0; i < close.size(); ++i) {
    weighted_total += close[i] * volume[i];
    volume_total += volume[i];
    close_total += close[i];
    if (volume[i] != 0.0) ++non_zero_volumes;
    if (i + 1 < length) continue;
    const std::size_t leaving = i + 1 - length;
    out[i] = non_zero_volumes > 0 ? weighted_total / volume_total : close_total / period;
    weighted_total -= close[leaving] * volume[leaving];
    volume_total -= volume[leaving];
    close_total -= close[leaving];
    if (volume[leaving] != 0.0) --non_zero_volumes;
  }
  return out;
}

}  // namespace octobot::sdk::indicators
