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

// The smoothed +DM, -DM and true range, in TA-Lib's order of operations (shared by both forms).
struct SmoothedMovement {
  double plus = 0.0;
  double minus = 0.0;
  double range = 0.0;

  // Candles 1..period-1: plain sums.
  void accumulate(double up, double down, double true_range) noexcept {
    if (down > 0 && up < down) {
      minus += down;
    } else if (up > 0 && up > down) {
      plus += up;
    }
    range += true_range;
  }
  // From candle `period` on: Wilder's smoothing.
  void smooth(double up, double down, double true_range, int period) noexcept {
    minus -= minus / period;
    plus -= plus / period;
    accumulate(up, down, 0.0);
    range = range - (range / period) + true_range;
  }

  [[nodiscard]] double plus_di() const noexcept { return ta_is_zero(range) ? 0.0 : 100.0 * (plus / range); }
  [[nodiscard]] double minus_di() const noexcept { return ta_is_zero(range) ? 0.0 : 100.0 * (minus / range); }
  [[nodiscard]] std::optional<double> dx() const noexcept {
    if (ta_is_zero(range)) return std::nullopt;
    const double minus_index = 100.0 * (minus / range);
    const double plus_index = 100.0 * (plus / range);
    const double total = minus_index + plus_index;
    if (ta_is_zero(total)) return std::nullopt;
    return 100.0 * (std::fabs(minus_index - plus_index) / total);
  }
};

// Feeds SmoothedMovement one candle at a time; true from candle `period` on (when the DIs exist).
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
    return true;
  }

  [[nodiscard]] const SmoothedMovement& sums() const noexcept { return sums_; }
  [[nodiscard]] bool ready() const noexcept { return seen_ == period_ && sums_ready_; }
  void reset() noexcept {
    seen_ = 0;
    sums_ = {};
  }

 private:
  void remember(double high, double low, double close) noexcept {
    previous_high_ = high;
    previous_low_ = low;
    previous_close_ = close;
  }

  int period_;
  int seen_ = 0;  // candles seen, up to `period`
  bool sums_ready_ = false;
  double previous_high_ = 0.0;
  double previous_low_ = 0.0;
  double previous_close_ = 0.0;
  SmoothedMovement sums_;
};

}  // namespace detail
}  // namespace octobot::sdk::indicators
