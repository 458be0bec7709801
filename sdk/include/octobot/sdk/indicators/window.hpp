// The last N values of a stream, in a fixed ring: what the incremental windowed indicators (SMA,
// WMA, Bollinger Bands, VWMA) need to drop the value that leaves their window, in O(1).
#pragma once

#include <cstddef>
#include <vector>

namespace octobot::sdk::indicators::detail {

class Window {
 public:
  explicit Window(int capacity) : values_(static_cast<std::size_t>(capacity), 0.0) {}

  // Stores `value`, overwriting the oldest once full.
  void push(double value) noexcept {
    values_[next_] = value;
    next_ = next_ + 1 == values_.size() ? 0 : next_ + 1;
    if (count_ < values_.size()) ++count_;
  }

  // The oldest of the values held: once full, the one the next push() overwrites.
  [[nodiscard]] double oldest() const noexcept { return full() ? values_[next_] : values_[0]; }
  [[nodiscard]] bool full() const noexcept { return count_ == values_.size(); }
  [[nodiscard]] std::size_t size() const noexcept { return count_; }

  void clear() noexcept {
    next_ = 0;
    count_ = 0;
  }

 private:
  std::vector<double> values_;
  std::size_t next_ = 0;
  std::size_t count_ = 0;
};

}  // namespace octobot::sdk::indicators::detail
