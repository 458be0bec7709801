// Total, total of squares, minimum and maximum of a window of values that grows at the back and
// shrinks at the front (the values of a ViewSeries), each in O(1) amortized per value.
//
// Totals are differences of running prefix sums, and extremes come from monotonic queues: neither
// depends on how values were batched between calls (the prefix sums add values in arrival order,
// whatever the trims in between), so an evaluator's note stays the same whether it consumed its
// candles one by one or in one call. Prefix sums grow with the history; with the zero-centred
// oscillator differences they serve here, the cancellation this costs stays at rounding level.
#pragma once

#include <cstddef>
#include <deque>
#include <utility>

namespace octobot::ta_support {

class WindowStats {
 public:
  WindowStats() { clear(); }

  void push(double value) {
    prefix_.push_back(prefix_.back() + value);
    prefix_squares_.push_back(prefix_squares_.back() + value * value);
    while (!lowest_.empty() && lowest_.back().second > value) lowest_.pop_back();
    lowest_.emplace_back(next_, value);
    while (!highest_.empty() && highest_.back().second < value) highest_.pop_back();
    highest_.emplace_back(next_, value);
    ++next_;
  }

  // Drops the values before absolute position `first_kept` (positions count pushes from 0).
  void trim(std::size_t first_kept) {
    while (begin_ < first_kept && begin_ < next_) {
      prefix_.pop_front();
      prefix_squares_.pop_front();
      ++begin_;
    }
    while (!lowest_.empty() && lowest_.front().first < begin_) lowest_.pop_front();
    while (!highest_.empty() && highest_.front().first < begin_) highest_.pop_front();
  }

  void clear() {
    prefix_.assign(1, 0.0);
    prefix_squares_.assign(1, 0.0);
    lowest_.clear();
    highest_.clear();
    next_ = 0;
    begin_ = 0;
  }

  [[nodiscard]] std::size_t size() const noexcept { return next_ - begin_; }
  [[nodiscard]] double total() const noexcept { return prefix_.back() - prefix_.front(); }
  [[nodiscard]] double total_of_squares() const noexcept { return prefix_squares_.back() - prefix_squares_.front(); }
  // Defined when size() > 0.
  [[nodiscard]] double lowest() const noexcept { return lowest_.front().second; }
  [[nodiscard]] double highest() const noexcept { return highest_.front().second; }

 private:
  std::deque<double> prefix_;                           // prefix_[i]: total of the values before position begin_ + i
  std::deque<double> prefix_squares_;                   // the same for the squares
  std::deque<std::pair<std::size_t, double>> lowest_;   // increasing values: candidates for the minimum
  std::deque<std::pair<std::size_t, double>> highest_;  // decreasing values: candidates for the maximum
  std::size_t next_ = 0;
  std::size_t begin_ = 0;
};

}  // namespace octobot::ta_support
