// threshold_change_summary (trend_analysis.hpp) kept up to date as values arrive and leave, in O(1)
// amortized per value instead of a scan of the whole series on every candle.
//
// The crossing list is a function of the runs of values at or below the threshold: each run but the
// last contributes its start, and its end when longer than one value; the last run contributes its
// start; a series ending above the threshold adds the index after the last run. So the tracker keeps
// the runs (absolute positions), how many of them are longer than one value, and whether the last
// value is above; dropping values from the front trims or removes the first runs.
#pragma once

#include <cstddef>
#include <deque>
#include <octobot_ta/trend_analysis.hpp>
#include <vector>

namespace octobot::ta_support {

class CrossingTracker {
 public:
  explicit CrossingTracker(double threshold) noexcept : threshold_(threshold) {}

  void push(double value) {
    const bool below = value <= threshold_;
    if (below) {
      if (!runs_.empty() && runs_.back().end + 1 == next_) {
        if (runs_.back().end == runs_.back().start) ++long_runs_;
        runs_.back().end = next_;
      } else {
        runs_.push_back({next_, next_});
      }
    }
    last_above_ = !below;
    ++next_;
  }

  // Drops the values before absolute position `first_kept` (positions count pushes from 0).
  void trim(std::size_t first_kept) {
    if (first_kept <= begin_) return;
    begin_ = first_kept;
    while (!runs_.empty() && runs_.front().end < begin_) {
      if (runs_.front().end > runs_.front().start) --long_runs_;
      runs_.pop_front();
    }
    if (!runs_.empty() && runs_.front().start < begin_) {
      const bool was_long = runs_.front().end > runs_.front().start;
      runs_.front().start = begin_;
      if (was_long && runs_.front().end == runs_.front().start) --long_runs_;
    }
  }

  void clear() noexcept {
    runs_.clear();
    next_ = 0;
    begin_ = 0;
    long_runs_ = 0;
    last_above_ = false;
  }

  // threshold_change_summary of the values kept, indexes relative to the first kept value.
  [[nodiscard]] CrossingSummary summary() const noexcept {
    if (runs_.empty() || begin_ >= next_) return {};
    const Run& last = runs_.back();
    const bool last_long = last.end > last.start;
    CrossingSummary out;
    out.count = runs_.size() + (long_runs_ - (last_long ? 1 : 0)) + (last_above_ ? 1 : 0);
    out.first = runs_.front().start - begin_;
    out.last = (last_above_ ? last.end + 1 : last.start) - begin_;
    return out;
  }

  // threshold_change_indexes of the values kept, built from the runs (O(runs), not O(values)).
  [[nodiscard]] std::vector<std::size_t> list() const {
    std::vector<std::size_t> out;
    if (begin_ >= next_) return out;
    for (std::size_t i = 0; i < runs_.size(); ++i) {
      out.push_back(runs_[i].start - begin_);
      if (i + 1 < runs_.size() && runs_[i].end > runs_[i].start) out.push_back(runs_[i].end - begin_);
    }
    if (!runs_.empty() && last_above_) out.push_back(runs_.back().end + 1 - begin_);
    return out;
  }

 private:
  struct Run {
    std::size_t start;
    std::size_t end;  // inclusive
  };
  double threshold_;
  std::deque<Run> runs_;
  std::size_t next_ = 0;   // absolute position of the next value
  std::size_t begin_ = 0;  // absolute position of the first value kept
  std::size_t long_runs_ = 0;
  bool last_above_ = false;
};

}  // namespace octobot::ta_support
