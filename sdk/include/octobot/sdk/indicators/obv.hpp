// On-balance volume (TA-Lib OBV): starts at the first candle's volume, then adds the volume of a
// candle that closes higher than the previous one and subtracts that of one that closes lower.
// No warm-up (lookback 0).
#pragma once

#include <octobot/sdk/indicators/common.hpp>

#include <span>
#include <vector>

namespace octobot::sdk::indicators {

class Obv {
 public:
  // O(1). Every candle has a value.
  double update(double close, double volume) noexcept {
    if (!started_) {
      started_ = true;
      balance_ = volume;
    } else if (close > previous_close_) {
      balance_ += volume;
    } else if (close < previous_close_) {
      balance_ -= volume;
    }
    previous_close_ = close;
    return balance_;
  }

  [[nodiscard]] bool ready() const noexcept { return started_; }
  [[nodiscard]] int lookback() const noexcept { return 0; }
  void reset() noexcept {
    started_ = false;
    balance_ = 0.0;
    previous_close_ = 0.0;
  }

 private:
  bool started_ = false;
  double balance_ = 0.0;
  double previous_close_ = 0.0;
};

[[nodiscard]] inline std::vector<double> obv(std::span<const double> close, std::span<const double> volume) {
  detail::check_same_length("obv", close, volume);
  std::vector<double> out(close.size());
  if (close.empty()) return out;
  double balance = volume[0];
  out[0] = balance;
  for (std::size_t i = 1; i < close.size(); ++i) {
    if (close[i] > close[i - 1]) {
      balance += volume[i];
    } else if (close[i] < close[i - 1]) {
      balance -= volume[i];
    }
    out[i] = balance;
  }
  return out;
}

}  // namespace octobot::sdk::indicators
