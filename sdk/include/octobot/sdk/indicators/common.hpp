// Shared by the indicator headers: parameter checks, the NaN that marks warm-up in series outputs,
// and TA-Lib's notion of "zero" (so that edge cases such as a flat market match TA-Lib exactly).
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace octobot::sdk::indicators {

// Series outputs have the length of the input; index i is the value at candle i, and candles before
// the first value (the warm-up, whose length is the indicator's lookback()) hold this NaN.
inline constexpr double kWarmUp = std::numeric_limits<double>::quiet_NaN();

// TA-Lib accepts periods up to 100000; so do we.
inline constexpr int kMaxPeriod = 100000;

namespace detail {

// TA-Lib's TA_IS_ZERO (TA-Lib 0.6: |v| < 1e-14), used where TA-Lib guards a division.
inline constexpr double kTaLibEpsilon = 0.00000000000001;
[[nodiscard]] constexpr bool ta_is_zero(double value) noexcept {
  return -kTaLibEpsilon < value && value < kTaLibEpsilon;
}

// Throws std::invalid_argument "<indicator>: <name> must be in [<minimum>, 100000], got <value>".
inline void check_period(const char* indicator, const char* name, int value, int minimum) {
  if (value < minimum || value > kMaxPeriod) {
    throw std::invalid_argument(std::string(indicator) + ": " + name + " must be in [" + std::to_string(minimum) +
                                ", " + std::to_string(kMaxPeriod) + "], got " + std::to_string(value));
  }
}

inline void check_finite(const char* indicator, const char* name, double value) {
  if (!std::isfinite(value)) {
    throw std::invalid_argument(std::string(indicator) + ": " + name + " must be a finite number");
  }
}

// Series functions take parallel columns; they must be equally long.
inline void check_same_length(const char* indicator, std::span<const double> first, std::span<const double> other) {
  if (first.size() != other.size()) {
    throw std::invalid_argument(std::string(indicator) + ": input columns differ in length (" +
                                std::to_string(first.size()) + " and " + std::to_string(other.size()) + ")");
  }
}

inline void check_hlc(const char* indicator, std::span<const double> high, std::span<const double> low,
                      std::span<const double> close) {
  check_same_length(indicator, high, low);
  check_same_length(indicator, high, close);
}

[[nodiscard]] inline std::vector<double> warm_up_filled(std::size_t size) { return std::vector<double>(size, kWarmUp); }

// The part of a NaN-padded series that holds values: composite series functions (MACD's signal,
// STOCH's smoothing, STOCHRSI) run the next stage on it, as TA-Lib does on its shorter outputs.
[[nodiscard]] inline std::span<const double> after_warm_up(std::span<const double> series, std::size_t lookback) {
  return lookback < series.size() ? series.subspan(lookback) : std::span<const double>{};
}

// Writes a stage's NaN-padded output `part`, computed on series[offset...], back at `offset`.
inline void place(std::span<const double> part, std::size_t offset, std::vector<double>& out) {
  for (std::size_t i = 0; i < part.size(); ++i) out[offset + i] = part[i];
}

}  // namespace detail
}  // namespace octobot::sdk::indicators
