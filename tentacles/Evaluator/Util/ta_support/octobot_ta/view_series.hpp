// A series derived from the candles (one value per candle, e.g. an indicator's output) kept aligned
// with the candle view: values of candles that left the view (the host's buffer rolls once full)
// are dropped, so analyses that OctoBot runs over the whole series (threshold crossings, patterns,
// normalisation) see exactly the candles of the current view. Contiguous, so analyses take a span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace octobot::ta_support {

class ViewSeries {
 public:
  void push(std::int64_t open_time, double value) {
    times_.push_back(open_time);
    values_.push_back(value);
  }

  // Drops the values of candles opened before `first_open_time` (the view's first candle). True
  // when some value was dropped.
  bool trim(std::int64_t first_open_time) {
    const std::size_t before = begin_;
    while (begin_ < times_.size() && times_[begin_] < first_open_time) ++begin_;
    const bool dropped = begin_ != before;
    dropped_ += begin_ - before;
    // Compact once the dropped prefix outweighs the live values: amortised O(1) per value.
    if (begin_ >= kCompactAfter && begin_ * 2 >= times_.size()) {
      times_.erase(times_.begin(), times_.begin() + static_cast<std::ptrdiff_t>(begin_));
      values_.erase(values_.begin(), values_.begin() + static_cast<std::ptrdiff_t>(begin_));
      begin_ = 0;
    }
    return dropped;
  }

  // Keeps the values of the view's candles from index `lookback` on: the values a computation over
  // the view alone would have (its first `lookback` candles are its warm-up), which is what OctoBot's
  // analyses see after dropping the NaN warm-up of an indicator computed over the view.
  bool trim_to_view(std::span<const std::int64_t> view_open_times, std::size_t lookback) {
    if (lookback >= view_open_times.size()) {
      const bool dropped = !empty();
      dropped_ += size();
      times_.clear();
      values_.clear();
      begin_ = 0;
      return dropped;
    }
    return trim(view_open_times[lookback]);
  }

  void clear() noexcept {
    times_.clear();
    values_.clear();
    begin_ = 0;
    dropped_ = 0;
  }

  // How many values were dropped from the front since the last clear(): the absolute position
  // (counting pushes) of the first value kept.
  [[nodiscard]] std::size_t dropped() const noexcept { return dropped_; }

  [[nodiscard]] std::span<const double> values() const noexcept {
    return std::span<const double>(values_).subspan(begin_);
  }
  [[nodiscard]] std::size_t size() const noexcept { return values_.size() - begin_; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  [[nodiscard]] double back() const noexcept { return values_.back(); }

 private:
  static constexpr std::size_t kCompactAfter = 1024;
  std::vector<std::int64_t> times_;
  std::vector<double> values_;
  std::size_t begin_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace octobot::ta_support
