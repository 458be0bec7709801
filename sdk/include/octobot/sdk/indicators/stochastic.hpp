// Stochastic oscillators (TA-Lib STOCH and STOCHF, with their default SMA smoothing).
//   %K raw = 100 * (close - lowest low) / (highest high - lowest low) over the last fast_k candles,
//            computed as TA-Lib does: (close - lowest) / ((highest - lowest) / 100), and 0 when
//            highest == lowest
//   STOCHF (defaults 5, 3):     %K = %K raw,              %D = SMA(fast_d) of %K
//                               lookback (fast_k - 1) + (fast_d - 1)
//   STOCH  (defaults 5, 3, 3):  %K = SMA(slow_k) of raw,  %D = SMA(slow_d) of that %K
//                               lookback (fast_k - 1) + (slow_k - 1) + (slow_d - 1)
// Both outputs start together at the lookback, as in TA-Lib. All periods may be 1.
#pragma once

#include <octobot/sdk/indicators/common.hpp>
#include <octobot/sdk/indicators/sliding_extremum.hpp>
#include <octobot/sdk/indicators/sma.hpp>

#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {

// %K and %D of either oscillator (and of STOCHRSI).
struct StochasticPoint {
  double k;
  double d;
};

struct StochasticSeries {
  std::vector<double> k;
  std::vector<double> d;
};

namespace detail {

[[nodiscard]] inline double raw_stochastic(double close, double lowest, double highest) noexcept {
  const double scaled_range = (highest - lowest) / 100.0;
  return scaled_range != 0.0 ? (close - lowest) / scaled_range : 0.0;
}

// %K raw, one candle at a time.
class RawStochastic {
 public:
  explicit RawStochastic(int fast_k) : fast_k_(fast_k), highest_(fast_k), lowest_(fast_k) {}

  std::optional<double> update(double high, double low, double close) noexcept {
    const double highest = highest_.push(high);
    const double lowest = lowest_.push(low);
    if (seen_ < fast_k_ && ++seen_ < fast_k_) return std::nullopt;
    return raw_stochastic(close, lowest, highest);
  }
  void reset() noexcept {
    seen_ = 0;
    highest_.clear();
    lowest_.clear();
  }

 private:
  int fast_k_;
  int seen_ = 0;  // counted up to fast_k
  SlidingExtremum<std::greater<>> highest_;
  SlidingExtremum<std::less<>> lowest_;
};

// %K raw over columns, NaN-padded (lookback fast_k - 1). TA-Lib's own scan: the extremes are kept
// with their index and searched again only when the one held leaves the window.
[[nodiscard]] inline std::vector<double> raw_stochastic(std::span<const double> high, std::span<const double> low,
                                                        std::span<const double> close, int fast_k) {
  std::vector<double> out = warm_up_filled(close.size());
  const std::size_t length = static_cast<std::size_t>(fast_k);
  if (close.size() < length) return out;
  std::size_t highest_index = 0;
  std::size_t lowest_index = 0;
  bool have_extremes = false;
  for (std::size_t today = length - 1, trailing = 0; today < close.size(); ++today, ++trailing) {
    if (!have_extremes || lowest_index < trailing) {
      lowest_index = trailing;
      for (std::size_t i = trailing + 1; i <= today; ++i) {
        if (low[i] < low[lowest_index]) lowest_index = i;
      }
    } else if (low[today] <= low[lowest_index]) {
      lowest_index = today;
    }
    if (!have_extremes || highest_index < trailing) {
      highest_index = trailing;
      for (std::size_t i = trailing + 1; i <= today; ++i) {
        if (high[i] > high[highest_index]) highest_index = i;
      }
    } else if (high[today] >= high[highest_index]) {
      highest_index = today;
    }
    have_extremes = true;
    out[today] = raw_stochastic(close[today], low[lowest_index], high[highest_index]);
  }
  return out;
}

inline void check_stochastic_fast(const char* indicator, int fast_k, int fast_d) {
  check_period(indicator, "fast_k", fast_k, 1);
  check_period(indicator, "fast_d", fast_d, 1);
}

// SMA(period) of a NaN-padded series whose values start at `start`, placed back at the same indices.
[[nodiscard]] inline std::vector<double> sma_after(std::span<const double> series, std::size_t start, int period) {
  std::vector<double> out = warm_up_filled(series.size());
  if (start < series.size()) place(sma(series.subspan(start), period), start, out);
  return out;
}

}  // namespace detail

// STOCHF: fast %K and its SMA.
class StochasticFast {
 public:
  static constexpr int kDefaultFastK = 5;
  static constexpr int kDefaultFastD = 3;

  explicit StochasticFast(int fast_k = kDefaultFastK, int fast_d = kDefaultFastD)
      : raw_(checked(fast_k, fast_d)), fast_d_(fast_d), lookback_(fast_k - 1 + fast_d - 1) {}

  // O(1) amortized. std::nullopt for the first lookback() candles.
  std::optional<StochasticPoint> update(double high, double low, double close) noexcept {
    const std::optional<double> k = raw_.update(high, low, close);
    if (!k) return std::nullopt;
    const std::optional<double> d = fast_d_.update(*k);
    if (!d) return std::nullopt;
    return StochasticPoint{*k, *d};
  }

  [[nodiscard]] bool ready() const noexcept { return fast_d_.ready(); }
  [[nodiscard]] int lookback() const noexcept { return lookback_; }
  void reset() noexcept {
    raw_.reset();
    fast_d_.reset();
  }

 private:
  static int checked(int fast_k, int fast_d) {
    detail::check_stochastic_fast("stochf", fast_k, fast_d);
    return fast_k;
  }

  detail::RawStochastic raw_;
  Sma fast_d_;
  int lookback_;
};

// STOCH: slow %K (SMA of the raw %K) and slow %D (SMA of slow %K).
class Stochastic {
 public:
  static constexpr int kDefaultFastK = 5;
  static constexpr int kDefaultSlowK = 3;
  static constexpr int kDefaultSlowD = 3;

  explicit Stochastic(int fast_k = kDefaultFastK, int slow_k = kDefaultSlowK, int slow_d = kDefaultSlowD)
      : raw_(checked(fast_k, slow_k, slow_d)),
        slow_k_(slow_k),
        slow_d_(slow_d),
        lookback_(fast_k - 1 + slow_k - 1 + slow_d - 1) {}

  // O(1) amortized. std::nullopt for the first lookback() candles.
  std::optional<StochasticPoint> update(double high, double low, double close) noexcept {
    const std::optional<double> raw = raw_.update(high, low, close);
    if (!raw) return std::nullopt;
    const std::optional<double> k = slow_k_.update(*raw);
    if (!k) return std::nullopt;
    const std::optional<double> d = slow_d_.update(*k);
    if (!d) return std::nullopt;
    return StochasticPoint{*k, *d};
  }

  [[nodiscard]] bool ready() const noexcept { return slow_d_.ready(); }
  [[nodiscard]] int lookback() const noexcept { return lookback_; }
  void reset() noexcept {
    raw_.reset();
    slow_k_.reset();
    slow_d_.reset();
  }

 private:
  static int checked(int fast_k, int slow_k, int slow_d) {
    detail::check_period("stoch", "fast_k", fast_k, 1);
    detail::check_period("stoch", "slow_k", slow_k, 1);
    detail::check_period("stoch", "slow_d", slow_d, 1);
    return fast_k;
  }

  detail::RawStochastic raw_;
  Sma slow_k_;
  Sma slow_d_;
  int lookback_;
};

// STOCHF over columns: %K and %D NaN-padded to the input length, from index lookback on.
[[nodiscard]] inline StochasticSeries stochastic_fast(std::span<const double> high, std::span<const double> low,
                                                      std::span<const double> close,
                                                      int fast_k = StochasticFast::kDefaultFastK,
                                                      int fast_d = StochasticFast::kDefaultFastD) {
  detail::check_stochastic_fast("stochf", fast_k, fast_d);
  detail::check_hlc("stochf", high, low, close);
  const std::size_t k_start = static_cast<std::size_t>(fast_k - 1);
  const std::vector<double> raw = detail::raw_stochastic(high, low, close, fast_k);
  StochasticSeries out{detail::warm_up_filled(close.size()), detail::sma_after(raw, k_start, fast_d)};
  for (std::size_t i = k_start + static_cast<std::size_t>(fast_d - 1); i < close.size(); ++i) out.k[i] = raw[i];
  return out;
}

// STOCH over columns: slow %K and slow %D NaN-padded to the input length, from index lookback on.
[[nodiscard]] inline StochasticSeries stochastic(std::span<const double> high, std::span<const double> low,
                                                 std::span<const double> close, int fast_k = Stochastic::kDefaultFastK,
                                                 int slow_k = Stochastic::kDefaultSlowK,
                                                 int slow_d = Stochastic::kDefaultSlowD) {
  detail::check_period("stoch", "fast_k", fast_k, 1);
  detail::check_period("stoch", "slow_k", slow_k, 1);
  detail::check_period("stoch", "slow_d", slow_d, 1);
  detail::check_hlc("stoch", high, low, close);
  const std::size_t raw_start = static_cast<std::size_t>(fast_k - 1);
  const std::size_t k_start = raw_start + static_cast<std::size_t>(slow_k - 1);
  const std::vector<double> raw = detail::raw_stochastic(high, low, close, fast_k);
  const std::vector<double> k = detail::sma_after(raw, raw_start, slow_k);
  StochasticSeries out{detail::warm_up_filled(close.size()), detail::sma_after(k, k_start, slow_d)};
  for (std::size_t i = k_start + static_cast<std::size_t>(slow_d - 1); i < close.size(); ++i) out.k[i] = k[i];
  return out;
}

}  // namespace octobot::sdk::indicators
