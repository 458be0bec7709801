// Stochastic RSI (TA-Lib STOCHRSI): STOCHF applied to the RSI, the RSI standing in for high, low
// and close. Defaults: RSI period 14, fast_k 5, fast_d 3 (SMA). Lookback = period + (fast_k - 1) +
// (fast_d - 1): 20 with the defaults. Outputs %K and %D, both from the lookback on.
#pragma once

#include <octobot/sdk/indicators/common.hpp>
#include <octobot/sdk/indicators/rsi.hpp>
#include <octobot/sdk/indicators/stochastic.hpp>

#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {
namespace detail {

inline void check_stochastic_rsi(int period, int fast_k, int fast_d) {
  check_period("stochrsi", "period", period, 2);
  check_stochastic_fast("stochrsi", fast_k, fast_d);
}

}  // namespace detail

class StochasticRsi {
 public:
  static constexpr int kDefaultPeriod = 14;
  static constexpr int kDefaultFastK = 5;
  static constexpr int kDefaultFastD = 3;

  explicit StochasticRsi(int period = kDefaultPeriod, int fast_k = kDefaultFastK, int fast_d = kDefaultFastD)
      : rsi_(checked(period, fast_k, fast_d)), stochastic_(fast_k, fast_d) {}

  // O(1) amortized. std::nullopt for the first lookback() values.
  std::optional<StochasticPoint> update(double value) noexcept {
    const std::optional<double> strength = rsi_.update(value);
    if (!strength) return std::nullopt;
    return stochastic_.update(*strength, *strength, *strength);
  }

  [[nodiscard]] bool ready() const noexcept { return stochastic_.ready(); }
  [[nodiscard]] int lookback() const noexcept { return rsi_.lookback() + stochastic_.lookback(); }
  void reset() noexcept {
    rsi_.reset();
    stochastic_.reset();
  }

 private:
  static int checked(int period, int fast_k, int fast_d) {
    detail::check_stochastic_rsi(period, fast_k, fast_d);
    return period;
  }

  Rsi rsi_;
  StochasticFast stochastic_;
};

// %K and %D NaN-padded to values.size(), from index lookback on.
[[nodiscard]] inline StochasticSeries stochastic_rsi(std::span<const double> values,
                                                     int period = StochasticRsi::kDefaultPeriod,
                                                     int fast_k = StochasticRsi::kDefaultFastK,
                                                     int fast_d = StochasticRsi::kDefaultFastD) {
  detail::check_stochastic_rsi(period, fast_k, fast_d);
  StochasticSeries out{detail::warm_up_filled(values.size()), detail::warm_up_filled(values.size())};
  const std::vector<double> strength = rsi(values, period);
  const std::size_t start = static_cast<std::size_t>(period);
  const std::span<const double> defined = detail::after_warm_up(strength, start);
  const StochasticSeries stochastic = stochastic_fast(defined, defined, defined, fast_k, fast_d);
  detail::place(stochastic.k, start, out.k);
  detail::place(stochastic.d, start, out.d);
  return out;
}

}  // namespace octobot::sdk::indicators
