// Wilder's directional movement system as TA-Lib computes it: +DI and -DI (PLUS_DI / MINUS_DI,
// lookback `period`) and ADX (lookback 2 * period - 1). Default period 14; the minimum is 2.
//   up = high - previous high, down = previous low - low
//   +DM = up when up > 0 and up > down, -DM = down when down > 0 and down > up, otherwise 0
//   +DM, -DM and the true range are summed over candles 1..period-1, then smoothed from candle
//   `period` on as sum = sum - sum / period + today's value (Wilder)
//   +DI = 100 * smoothed +DM / smoothed TR (0 when TR is TA-Lib's zero), -DI alike
//   DX  = 100 * |+DI - -DI| / (+DI + -DI), undefined when TR or +DI + -DI is TA-Lib's zero
//   ADX = mean of the DX of candles period..2*period-1 (an undefined DX counts as 0), then
//         ADX = (ADX * (period - 1) + DX) / period, left unchanged on a candle whose DX is undefined.
// TA-Lib accepts period 1 for PLUS_DI / MINUS_DI but then returns an unscaled ratio (no "* 100");
// we reject period 1 rather than copy that.
#pragma once

#include <octobot/sdk/indicators/atr.hpp>
#include <octobot/sdk/indicators/common.hpp>

#include <cmath>
#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {

struct DirectionalIndexPoint {
  double plus_di;
  double minus_di;
};

struct DirectionalIndexSeries {
  std::vector<double> plus_di;
  std::vector<double> minus_di;
};

namespace detail {

inline void check_directional_period(const char* indicator, int period) {
  check_period(indicator, "period", period, 2);
}

// The smoothed +DM, -DM and true range, in TA-Lib's order of operations (shared by both forms).
struct SmoothedMovement {
  double plus = 0.0;
  double minus = 0.0;
  double range = 0.0;

  // Candles 1..period-1: plain sums.
  void accumulate(double up, double down, double true_range) noexcept {
    add_movement(up, down);
    range += true_range;
  }
  // From candle `period` on: Wilder's smoothing.
  void smooth(double up, double down, double true_range, int period) noexcept {
    minus -= minus / period;
    plus -= plus / period;
    add_movement(up, down);
    range = range - (range / period) + true_range;
  }

  [[nodiscard]] DirectionalIndexPoint indexes() const noexcept {
    if (ta_is_zero(range)) return {0.0, 0.0};
    return {100.0 * (plus / range), 100.0 * (minus / range)};
  }
  [[nodiscard]] std::optional<double> dx() const noexcept {
    if (ta_is_zero(range)) return std::nullopt;
    const DirectionalIndexPoint index = indexes();
    const double total = index.minus_di + index.plus_di;
    if (ta_is_zero(total)) return std::nullopt;
    return 100.0 * (std::fabs(index.minus_di - index.plus_di) / total);
  }

 private:
  void add_movement(double up, double down) noexcept {
    if (down > 0 && up < down) {
      minus += down;
    } else if (up > 0 && up > down) {
      plus += up;
    }
  }
};

// Feeds SmoothedMovement one candle at a time. update() is true from candle `period` on, when the
// smoothed sums (hence the DIs) exist.
class DirectionalMovement {
 public:
  explicit DirectionalMovement(int period) : period_(period) {}

  bool update(double high, double low, double close) noexcept {
    if (seen_ == 0) {
      remember(high, low, close);
      seen_ = 1;
      return false;
    }
    const double up = high - previous_high_;
    const double down = previous_low_ - low;
    const double range = true_range(high, low, previous_close_);
    remember(high, low, close);
    if (seen_ < period_) {
      sums_.accumulate(up, down, range);
      ++seen_;
      return false;
    }
    sums_.smooth(up, down, range, period_);
    smoothing_ = true;
    return true;
  }

  [[nodiscard]] const SmoothedMovement& sums() const noexcept { return sums_; }
  [[nodiscard]] bool ready() const noexcept { return smoothing_; }
  void reset() noexcept {
    seen_ = 0;
    smoothing_ = false;
    sums_ = {};
  }

 private:
  void remember(double high, double low, double close) noexcept {
    previous_high_ = high;
    previous_low_ = low;
    previous_close_ = close;
  }

  int period_;
  int seen_ = 0;  // candles seen, counted up to `period`
  bool smoothing_ = false;
  double previous_high_ = 0.0;
  double previous_low_ = 0.0;
  double previous_close_ = 0.0;
  SmoothedMovement sums_;
};

// Runs SmoothedMovement over columns: on_candle(i, sums) for every candle i >= period.
template <typename OnCandle>
void directional_movement(std::span<const double> high, std::span<const double> low, std::span<const double> close,
                          int period, OnCandle&& on_candle) {
  const std::size_t length = static_cast<std::size_t>(period);
  if (close.size() <= length) return;
  SmoothedMovement sums;
  for (std::size_t i = 1; i < length; ++i) {
    sums.accumulate(high[i] - high[i - 1], low[i - 1] - low[i], true_range(high[i], low[i], close[i - 1]));
  }
  for (std::size_t i = length; i < close.size(); ++i) {
    sums.smooth(high[i] - high[i - 1], low[i - 1] - low[i], true_range(high[i], low[i], close[i - 1]), period);
    on_candle(i, sums);
  }
}

}  // namespace detail

// +DI and -DI together. Lookback `period`.
class DirectionalIndex {
 public:
  static constexpr int kDefaultPeriod = 14;

  explicit DirectionalIndex(int period = kDefaultPeriod) : period_(checked(period)), movement_(period) {}

  // O(1). std::nullopt for the first `period` candles.
  std::optional<DirectionalIndexPoint> update(double high, double low, double close) noexcept {
    if (!movement_.update(high, low, close)) return std::nullopt;
    return movement_.sums().indexes();
  }

  [[nodiscard]] bool ready() const noexcept { return movement_.ready(); }
  [[nodiscard]] int lookback() const noexcept { return period_; }
  void reset() noexcept { movement_.reset(); }

 private:
  static int checked(int period) {
    detail::check_directional_period("di", period);
    return period;
  }

  int period_;
  detail::DirectionalMovement movement_;
};

// Average directional index. Lookback 2 * period - 1.
class Adx {
 public:
  static constexpr int kDefaultPeriod = 14;

  explicit Adx(int period = kDefaultPeriod) : period_(checked(period)), movement_(period) {}

  // O(1). std::nullopt for the first 2 * period - 1 candles.
  std::optional<double> update(double high, double low, double close) noexcept {
    if (!movement_.update(high, low, close)) return std::nullopt;
    const std::optional<double> dx = movement_.sums().dx();
    if (averaged_ < period_) {
      if (dx) total_ += *dx;  // the seed's total until it is complete
      if (++averaged_ < period_) return std::nullopt;
      average_ = total_ / period_;
      return average_;
    }
    if (dx) average_ = detail::wilder_average(average_, *dx, period_);
    return average_;
  }

  [[nodiscard]] bool ready() const noexcept { return averaged_ == period_; }
  [[nodiscard]] int lookback() const noexcept { return 2 * period_ - 1; }
  void reset() noexcept {
    movement_.reset();
    averaged_ = 0;
    total_ = 0.0;
    average_ = 0.0;
  }

 private:
  static int checked(int period) {
    detail::check_directional_period("adx", period);
    return period;
  }

  int period_;
  detail::DirectionalMovement movement_;
  int averaged_ = 0;
  double total_ = 0.0;
  double average_ = 0.0;
};

// +DI and -DI, NaN-padded to the input length; the first values are at index `period`.
[[nodiscard]] inline DirectionalIndexSeries directional_index(std::span<const double> high, std::span<const double> low,
                                                              std::span<const double> close,
                                                              int period = DirectionalIndex::kDefaultPeriod) {
  detail::check_directional_period("di", period);
  detail::check_hlc("di", high, low, close);
  DirectionalIndexSeries out{detail::warm_up_filled(close.size()), detail::warm_up_filled(close.size())};
  detail::directional_movement(high, low, close, period, [&](std::size_t i, const detail::SmoothedMovement& sums) {
    const DirectionalIndexPoint index = sums.indexes();
    out.plus_di[i] = index.plus_di;
    out.minus_di[i] = index.minus_di;
  });
  return out;
}

// NaN-padded to the input length; the first value is at index 2 * period - 1.
[[nodiscard]] inline std::vector<double> adx(std::span<const double> high, std::span<const double> low,
                                             std::span<const double> close, int period = Adx::kDefaultPeriod) {
  detail::check_directional_period("adx", period);
  detail::check_hlc("adx", high, low, close);
  std::vector<double> out = detail::warm_up_filled(close.size());
  const std::size_t first = 2 * static_cast<std::size_t>(period) - 1;
  double total = 0.0;
  double average = 0.0;
  detail::directional_movement(high, low, close, period, [&](std::size_t i, const detail::SmoothedMovement& sums) {
    const std::optional<double> dx = sums.dx();
    if (i < first) {
      if (dx) total += *dx;
      return;
    }
    if (i == first) {
      if (dx) total += *dx;
      average = total / period;
    } else if (dx) {
      average = detail::wilder_average(average, *dx, period);
    }
    out[i] = average;
  });
  return out;
}

}  // namespace octobot::sdk::indicators
