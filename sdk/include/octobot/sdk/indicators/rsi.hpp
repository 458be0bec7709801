// Relative strength index, Wilder's (TA-Lib RSI, default compatibility). Lookback `period`:
//   - the first average gain / loss is the simple mean of the first `period` changes, so the first
//     RSI is at index `period`;
//   - then average = (average * (period - 1) + today's gain or loss) / period (Wilder's smoothing);
//   - RSI = 100 * gain / (gain + loss); when gain + loss is TA-Lib's zero (|x| < 1e-14) -- a flat
//     market -- the RSI is 0, as TA-Lib returns (not 50).
#pragma once

#include <octobot/sdk/indicators/common.hpp>

#include <optional>
#include <span>
#include <vector>

namespace octobot::sdk::indicators {
namespace detail {

// Average gain and loss, in TA-Lib's order of operations (shared by both forms and by STOCHRSI).
struct WilderGainLoss {
  double gain = 0.0;
  double loss = 0.0;

  void add(double change) noexcept {
    if (change < 0) {
      loss -= change;
    } else {
      gain += change;
    }
  }
  void finish_seed(int period) noexcept {
    loss /= period;
    gain /= period;
  }
  void smooth(double change, int period) noexcept {
    loss *= (period - 1);
    gain *= (period - 1);
    add(change);
    loss /= period;
    gain /= period;
  }
  [[nodiscard]] double rsi() const noexcept {
    const double total = gain + loss;
    return ta_is_zero(total) ? 0.0 : 100.0 * (gain / total);
  }
};

}  // namespace detail

class Rsi {
 public:
  static constexpr int kDefaultPeriod = 14;

  explicit Rsi(int period = kDefaultPeriod) : period_(checked(period)) {}

  // O(1). std::nullopt for the first `period` values.
  std::optional<double> update(double value) noexcept {
    if (seen_ == 0) {
      previous_ = value;
      seen_ = 1;
      return std::nullopt;
    }
    const double change = value - previous_;
    previous_ = value;
    if (seen_ <= period_) {
      averages_.add(change);
      if (++seen_ <= period_) return std::nullopt;
      averages_.finish_seed(period_);
      return averages_.rsi();
    }
    averages_.smooth(change, period_);
    return averages_.rsi();
  }

  [[nodiscard]] bool ready() const noexcept { return seen_ > period_; }
  [[nodiscard]] int period() const noexcept { return period_; }
  [[nodiscard]] int lookback() const noexcept { return period_; }
  void reset() noexcept {
    seen_ = 0;
    previous_ = 0.0;
    averages_ = {};
  }

 private:
  static int checked(int period) {
    detail::check_period("rsi", "period", period, 2);
    return period;
  }

  int period_;
  int seen_ = 0;
  double previous_ = 0.0;
  detail::WilderGainLoss averages_;
};

// NaN-padded to values.size(); the first value is at index `period`.
[[nodiscard]] inline std::vector<double> rsi(std::span<const double> values, int period = Rsi::kDefaultPeriod) {
  detail::check_period("rsi", "period", period, 2);
  std::vector<double> out = detail::warm_up_filled(values.size());
  const std::size_t length = static_cast<std::size_t>(period);
  if (values.size() <= length) return out;
  detail::WilderGainLoss averages;
  for (std::size_t i = 1; i <= length; ++i) averages.add(values[i] - values[i - 1]);
  averages.finish_seed(period);
  out[length] = averages.rsi();
  for (std::size_t i = length + 1; i < values.size(); ++i) {
    averages.smooth(values[i] - values[i - 1], period);
    out[i] = averages.rsi();
  }
  return out;
}

}  // namespace octobot::sdk::indicators
