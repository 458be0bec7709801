// The highest (or lowest) of the last `period` values, for the incremental stochastic oscillators.
// A monotonic queue in a fixed ring: each value enters and leaves it once, so an update costs O(1)
// amortized (O(period) at worst, on the update that evicts a long run).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace octobot::sdk::indicators::detail {

// Better(a, b) is true when a beats b and must stay ahead of it (std::greater: maximum).
template <typename Better>
class SlidingExtremum {
 public:
  explicit SlidingExtremum(int period)
      : period_(static_cast<std::uint64_t>(period)), ring_(static_cast<std::size_t>(period)) {}

  // Adds the next value; returns the extremum of the last `period` values (fewer during warm-up).
  double push(double value) noexcept {
    if (size_ > 0 && front().index + period_ <= next_index_) pop_front();  // leaves the window now
    while (size_ > 0 && !Better{}(back().value, value)) pop_back();        // can never win again
    ring_[wrap(head_ + size_)] = {next_index_++, value};
    ++size_;
    return front().value;
  }

  void clear() noexcept {
    head_ = 0;
    size_ = 0;
    next_index_ = 0;
  }

 private:
  struct Entry {
    std::uint64_t index;
    double value;
  };

  [[nodiscard]] const Entry& front() const noexcept { return ring_[head_]; }
  [[nodiscard]] const Entry& back() const noexcept { return ring_[wrap(head_ + size_ - 1)]; }
  void pop_front() noexcept {
    head_ = wrap(head_ + 1);
    --size_;
  }
  // position % ring size for position < 2 * ring size, without a division (this runs per candle).
  [[nodiscard]] std::size_t wrap(std::size_t position) const noexcept {
    return position >= ring_.size() ? position - ring_.size() : position;
  }
  void pop_back() noexcept { --size_; }

  std::uint64_t period_;
  std::vector<Entry> ring_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::uint64_t next_index_ = 0;
};

}  // namespace octobot::sdk::indicators::detail
