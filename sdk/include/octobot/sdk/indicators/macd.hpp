// Moving average convergence/divergence (TA-Lib MACD). Defaults 12 / 26 / 9.
//   macd      = EMA(fast) - EMA(slow)
//   signal    = EMA(signal) of macd
//   histogram = macd - signal
// TA-Lib's alignment, which differs from "EMA(12) from the first candle": the fast EMA is seeded at
// the same candle as the slow one, with the SMA of the `fast` values ending at index slow - 1. All
// three outputs start together at the lookback (slow - 1) + (signal - 1): 33 with the defaults.
// Periods from 2. (TA-Lib declares signal 1 valid, but its MACD then reads one value before its own
// buffer and returns garbage; we reject it.)
#pragma once

#include <octobot/sdk/indicators/common.hpp>
#include <octobot/sdk/indicators/ema.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace octobot::sdk::indicators {

struct MacdPoint {
  double macd;
  double signal;
  double histogram;
};

struct MacdSeries {
  std::vector<double> macd;
  std::vector<double> signal;
  std::vector<double> histogram;
};

namespace detail {

inline void check_macd_periods(int fast, int slow, int signal) {
  check_period("macd", "fast period", fast, 2);
  check_period("macd", "slow period", slow, 2);
  check_period("macd", "signal period", signal, 2);
  if (fast > slow) {
    throw std::invalid_argument("macd: the fast period (" + std::to_string(fast) +
                                ") must not be longer than the slow period (" + std::to_string(slow) + ")");
  }
}

}  // namespace detail

class Macd {
 public:
  static constexpr int kDefaultFast = 12;
  static constexpr int kDefaultSlow = 26;
  static constexpr int kDefaultSignal = 9;

  explicit Macd(int fast = kDefaultFast, int slow = kDefaultSlow, int signal = kDefaultSignal)
      : fast_delay_(checked_fast_delay(fast, slow, signal)), fast_(fast), slow_(slow), signal_(signal) {}

  // O(1). std::nullopt for the first lookback() values.
  std::optional<MacdPoint> update(double value) noexcept {
    const std::optional<double> slow = slow_.update(value);
    std::optional<double> fast;
    if (fast_skipped_ < fast_delay_) {
      ++fast_skipped_;
    } else {
      fast = fast_.update(value);
    }
    if (!slow) return std::nullopt;  // the fast EMA becomes ready on the same candle
    const double line = *fast - *slow;
    const std::optional<double> signal = signal_.update(line);
    if (!signal) return std::nullopt;
    return MacdPoint{line, *signal, line - *signal};
  }

  [[nodiscard]] bool ready() const noexcept { return signal_.ready(); }
  [[nodiscard]] int lookback() const noexcept { return slow_.lookback() + signal_.lookback(); }
  void reset() noexcept {
    fast_skipped_ = 0;
    fast_.reset();
    slow_.reset();
    signal_.reset();
  }

 private:
  // How many values the fast EMA skips so that its seed ends on the slow one's (TA-Lib's alignment).
  static int checked_fast_delay(int fast, int slow, int signal) {
    detail::check_macd_periods(fast, slow, signal);
    return slow - fast;
  }

  int fast_delay_;
  int fast_skipped_ = 0;
  Ema fast_;
  Ema slow_;
  Ema signal_;
};

// Three NaN-padded series of values.size(); all start at index (slow - 1) + (signal - 1).
[[nodiscard]] inline MacdSeries macd(std::span<const double> values, int fast = Macd::kDefaultFast,
                                     int slow = Macd::kDefaultSlow, int signal = Macd::kDefaultSignal) {
  detail::check_macd_periods(fast, slow, signal);
  const std::size_t size = values.size();
  MacdSeries out{detail::warm_up_filled(size), detail::warm_up_filled(size), detail::warm_up_filled(size)};
  const std::size_t line_start = static_cast<std::size_t>(slow - 1);
  const std::size_t lookback = line_start + static_cast<std::size_t>(signal - 1);
  if (size <= lookback) return out;

  const std::vector<double> slow_average = ema(values, slow);
  const std::size_t fast_delay = static_cast<std::size_t>(slow - fast);
  const std::vector<double> fast_average = ema(values.subspan(fast_delay), fast);  // index i - fast_delay
  std::vector<double> line = detail::warm_up_filled(size);
  for (std::size_t i = line_start; i < size; ++i) line[i] = fast_average[i - fast_delay] - slow_average[i];
  const std::vector<double> signal_line = ema(detail::after_warm_up(line, line_start), signal);

  for (std::size_t i = lookback; i < size; ++i) {
    out.macd[i] = line[i];
    out.signal[i] = signal_line[i - line_start];
    out.histogram[i] = line[i] - out.signal[i];
  }
  return out;
}

}  // namespace octobot::sdk::indicators
