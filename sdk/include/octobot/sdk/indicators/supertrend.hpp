// SuperTrend (not in TA-Lib). Defaults: ATR period 10, multiplier 3. Lookback = the ATR's (period).
// Definition: TradingView's built-in ta.supertrend (Pine Script v5 reference manual, whose
// documented source is the usual band-carry rules), on the SDK's ATR (TA-Lib's Wilder ATR):
//   basic upper = (high + low) / 2 + multiplier * ATR,  basic lower = (high + low) / 2 - multiplier * ATR
//   final upper = basic upper if basic upper < previous final upper or previous close > previous
//                 final upper, else previous final upper (the band only tightens while price stays
//                 under it); final lower symmetrically
//   trend: down on the first candle with an ATR; then a downtrend turns up when close > final
//          upper, an uptrend turns down when close < final lower
//   value = final lower in an uptrend, final upper in a downtrend
// direction is +1 in an uptrend (the line is below the price) and -1 in a downtrend. TradingView
// returns the opposite sign (-1 for up). Its ATR also starts one candle earlier, counting high - low
// as the first candle's true range, so its first values differ until the two ATRs converge.
#pragma once

#include <octobot/sdk/indicators/atr.hpp>
#include <octobot/sdk/indicators/common.hpp>

#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {

struct SuperTrendPoint {
  double value;
  int direction;  // +1 uptrend, -1 downtrend
};

struct SuperTrendSeries {
  std::vector<double> value;
  std::vector<double> direction;  // +1, -1, NaN during the warm-up
};

namespace detail {

inline void check_supertrend(int period, double multiplier) {
  check_period("supertrend", "period", period, 1);
  check_finite("supertrend", "multiplier", multiplier);
  if (multiplier <= 0.0) throw std::invalid_argument("supertrend: multiplier must be positive");
}

// The carried bands and trend (shared by both forms).
class SuperTrendBands {
 public:
  SuperTrendPoint step(double high, double low, double close, double previous_close, double average_range,
                       double multiplier) noexcept {
    const double middle = (high + low) / 2;
    const double basic_upper = middle + multiplier * average_range;
    const double basic_lower = middle - multiplier * average_range;
    if (!started_) {
      started_ = true;
      upper_ = basic_upper;
      lower_ = basic_lower;
      up_ = false;
    } else {
      upper_ = (basic_upper < upper_ || previous_close > upper_) ? basic_upper : upper_;
      lower_ = (basic_lower > lower_ || previous_close < lower_) ? basic_lower : lower_;
      up_ = up_ ? !(close < lower_) : close > upper_;
    }
    return up_ ? SuperTrendPoint{lower_, 1} : SuperTrendPoint{upper_, -1};
  }
  void reset() noexcept { started_ = false; }

 private:
  bool started_ = false;
  bool up_ = false;
  double upper_ = 0.0;
  double lower_ = 0.0;
};

}  // namespace detail

class SuperTrend {
 public:
  static constexpr int kDefaultPeriod = 10;
  static constexpr double kDefaultMultiplier = 3.0;

  explicit SuperTrend(int period = kDefaultPeriod, double multiplier = kDefaultMultiplier)
      : average_range_(checked(period, multiplier)), multiplier_(multiplier) {}

  // O(1). std::nullopt for the first `period` candles.
  std::optional<SuperTrendPoint> update(double high, double low, double close) noexcept {
    const std::optional<double> average_range = average_range_.update(high, low, close);
    const double previous_close = previous_close_;
    previous_close_ = close;
    if (!average_range) return std::nullopt;
    return bands_.step(high, low, close, previous_close, *average_range, multiplier_);
  }

  [[nodiscard]] bool ready() const noexcept { return average_range_.ready(); }
  [[nodiscard]] int lookback() const noexcept { return average_range_.lookback(); }
  void reset() noexcept {
    average_range_.reset();
    bands_.reset();
    previous_close_ = 0.0;
  }

 private:
  static int checked(int period, double multiplier) {
    detail::check_supertrend(period, multiplier);
    return period;
  }

  Atr average_range_;
  double multiplier_;
  double previous_close_ = 0.0;
  detail::SuperTrendBands bands_;
};

// value and direction NaN-padded to the input length, from index `period` on.
[[nodiscard]] inline SuperTrendSeries supertrend(std::span<const double> high, std::span<const double> low,
                                                 std::span<const double> close, int period = SuperTrend::kDefaultPeriod,
                                                 double multiplier = SuperTrend::kDefaultMultiplier) {
  detail::check_supertrend(period, multiplier);
  detail::check_hlc("supertrend", high, low, close);
  SuperTrendSeries out{detail::warm_up_filled(close.size()), detail::warm_up_filled(close.size())};
  const std::vector<double> average_range = atr(high, low, close, period);
  detail::SuperTrendBands bands;
  for (std::size_t i = static_cast<std::size_t>(period); i < close.size(); ++i) {
    const SuperTrendPoint point = bands.step(high[i], low[i], close[i], close[i - 1], average_range[i], multiplier);
    out.value[i] = point.value;
    out.direction[i] = point.direction;
  }
  return out;
}

}  // namespace octobot::sdk::indicators
