// Klinger volume oscillator (not in TA-Lib). Defaults: fast 34, slow 55, signal 13.
// Definition: Stephen J. Klinger, "Identifying trends with volume analysis", Technical Analysis of
// Stocks & Commodities V15:12 (December 1997), as in its published TradeStation listing:
//   trend[i] = +1 if high + low + close > the previous candle's, else -1 (a tie is -1)
//   dm[i]    = high - low
//   cm[i]    = cm[i-1] + dm[i] while the trend holds, dm[i-1] + dm[i] when it changes (and on
//              candle 1, which has no previous trend)
//   VF[i]    = volume * |2 * dm / cm - 1| * trend * 100, from candle 1 on; when cm is 0 (two candles
//              without range) dm / cm is taken as 0
//   KO       = EMA(fast) of VF - EMA(slow) of VF,  signal = EMA(signal) of KO
// Some references (StockCharts) print |2 * (dm / cm - 1)|; we follow Klinger's listing. The EMAs are
// the SDK's (TA-Lib's: seeded with the SMA of their first `period` inputs, each on its own), so KO
// exists from candle `slow`; both outputs start together at the lookback slow + signal - 1 (67).
#pragma once

#include <octobot/sdk/indicators/common.hpp>
#include <octobot/sdk/indicators/ema.hpp>

#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace octobot::sdk::indicators {

struct KlingerPoint {
  double oscillator;
  double signal;
};

struct KlingerSeries {
  std::vector<double> oscillator;
  std::vector<double> signal;
};

namespace detail {

inline void check_klinger(int fast, int slow, int signal) {
  check_period("klinger", "fast period", fast, 2);
  check_period("klinger", "slow period", slow, 2);
  check_period("klinger", "signal period", signal, 2);
  if (fast > slow) {
    throw std::invalid_argument("klinger: the fast period (" + std::to_string(fast) +
                                ") must not be longer than the slow period (" + std::to_string(slow) + ")");
  }
}

// Klinger's volume force, one candle at a time (shared by both forms); std::nullopt on candle 0.
class VolumeForce {
 public:
  std::optional<double> update(double high, double low, double close, double volume) noexcept {
    const double typical_sum = high + low + close;
    const double range = high - low;
    if (!started_) {
      started_ = true;
      remember(typical_sum, range);
      return std::nullopt;
    }
    const double trend = typical_sum > previous_sum_ ? 1.0 : -1.0;
    cumulative_range_ = trend == trend_ ? cumulative_range_ + range : previous_range_ + range;
    trend_ = trend;
    remember(typical_sum, range);
    const double ratio = cumulative_range_ == 0.0 ? 0.0 : range / cumulative_range_;
    return volume * std::fabs(2 * ratio - 1) * trend * 100;
  }
  void reset() noexcept {
    started_ = false;
    trend_ = 0.0;
    cumulative_range_ = 0.0;
  }

 private:
  void remember(double typical_sum, double range) noexcept {
    previous_sum_ = typical_sum;
    previous_range_ = range;
  }

  bool started_ = false;
  double trend_ = 0.0;  // 0 until candle 1 sets it, so that candle 1 counts as a trend change
  double cumulative_range_ = 0.0;
  double previous_sum_ = 0.0;
  double previous_range_ = 0.0;
};

}  // namespace detail

class Klinger {
 public:
  static constexpr int kDefaultFast = 34;
  static constexpr int kDefaultSlow = 55;
  static constexpr int kDefaultSignal = 13;

  explicit Klinger(int fast = kDefaultFast, int slow = kDefaultSlow, int signal = kDefaultSignal)
      : fast_(checked(fast, slow, signal)), slow_(slow), signal_(signal) {}

  // O(1). std::nullopt for the first lookback() candles.
  std::optional<KlingerPoint> update(double high, double low, double close, double volume) noexcept {
    const std::optional<double> force = force_.update(high, low, close, volume);
    if (!force) return std::nullopt;
    const std::optional<double> fast = fast_.update(*force);
    const std::optional<double> slow = slow_.update(*force);
    if (!slow) return std::nullopt;  // the fast EMA is ready by then (fast <= slow)
    const double oscillator = *fast - *slow;
    const std::optional<double> signal = signal_.update(oscillator);
    if (!signal) return std::nullopt;
    return KlingerPoint{oscillator, *signal};
  }

  [[nodiscard]] bool ready() const noexcept { return signal_.ready(); }
  [[nodiscard]] int lookback() const noexcept { return 1 + slow_.lookback() + signal_.lookback(); }
  void reset() noexcept {
    force_.reset();
    fast_.reset();
    slow_.reset();
    signal_.reset();
  }

 private:
  static int checked(int fast, int slow, int signal) {
    detail::check_klinger(fast, slow, signal);
    return fast;
  }

  detail::VolumeForce force_;
  Ema fast_;
  Ema slow_;
  Ema signal_;
};

// oscillator and signal NaN-padded to the input length, from index slow + signal - 1 on.
[[nodiscard]] inline KlingerSeries klinger(std::span<const double> high, std::span<const double> low,
                                           std::span<const double> close, std::span<const double> volume,
                                           int fast = Klinger::kDefaultFast, int slow = Klinger::kDefaultSlow,
                                           int signal = Klinger::kDefaultSignal) {
  detail::check_klinger(fast, slow, signal);
  detail::check_hlc("klinger", high, low, close);
  detail::check_same_length("klinger", close, volume);
  const std::size_t size = close.size();
  KlingerSeries out{detail::warm_up_filled(size), detail::warm_up_filled(size)};
  const std::size_t oscillator_start = static_cast<std::size_t>(slow);  // candle 1 + (slow - 1)
  const std::size_t lookback = oscillator_start + static_cast<std::size_t>(signal - 1);
  if (size <= lookback) return out;

  std::vector<double> force(size - 1);  // force[j] is candle j + 1's
  detail::VolumeForce volume_force;
  volume_force.update(high[0], low[0], close[0], volume[0]);
  for (std::size_t i = 1; i < size; ++i) force[i - 1] = *volume_force.update(high[i], low[i], close[i], volume[i]);
  const std::vector<double> fast_average = ema(force, fast);
  const std::vector<double> slow_average = ema(force, slow);
  std::vector<double> oscillator(size - oscillator_start);  // oscillator[j] is candle oscillator_start + j's
  for (std::size_t j = 0; j < oscillator.size(); ++j) {
    oscillator[j] = fast_average[j + oscillator_start - 1] - slow_average[j + oscillator_start - 1];
  }
  const std::vector<double> signal_line = ema(oscillator, signal);
  for (std::size_t i = lookback; i < size; ++i) {
    out.oscillator[i] = oscillator[i - oscillator_start];
    out.signal[i] = signal_line[i - oscillator_start];
  }
  return out;
}

}  // namespace octobot::sdk::indicators
