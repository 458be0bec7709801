// OctoBot's trend analyses (tentacles Evaluator/Util/trend_analysis), re-stated in C++ over spans.
// The evaluators depend on their exact behaviour, edge cases included, so each function says what
// it returns in plain words.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace octobot::ta_support {

[[nodiscard]] inline double mean(std::span<const double> values) noexcept {
  if (values.empty()) return std::nan("");
  double total = 0.0;
  for (const double value : values) total += value;
  return total / static_cast<double>(values.size());
}

// The last `count` values (all of them when there are fewer).
[[nodiscard]] inline std::span<const double> last(std::span<const double> values, std::size_t count) noexcept {
  return count >= values.size() ? values : values.subspan(values.size() - count);
}

// Where `data` changes side of `threshold` ("below" meaning <= threshold), as OctoBot lists it:
// the first index of every run of values below, the last index of every such run that ends before
// the data does, and, when the data ends above, the first index after the last run below. Empty
// when no value is below. Indexes are increasing.
[[nodiscard]] inline std::vector<std::size_t> threshold_change_indexes(std::span<const double> data, double threshold) {
  std::vector<std::size_t> indexes;
  std::size_t run_length = 1;
  std::size_t previous_below = 0;
  bool any_below = false;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (!(data[i] <= threshold)) continue;
    if (indexes.empty()) {
      indexes.push_back(i);
    } else if (indexes.back() + run_length == i) {
      ++run_length;  // the run that started at indexes.back() goes on
    } else {
      if (indexes.back() != previous_below) indexes.push_back(previous_below);
      indexes.push_back(i);
      run_length = 1;
    }
    previous_below = i;
    any_below = true;
  }
  if (any_below && data.back() > threshold) indexes.push_back(previous_below + 1);
  return indexes;
}

// The size, first and last element of threshold_change_indexes(data, threshold), computed in the
// same single pass without building the list: all the evaluators need when they do not look at
// individual moves (the list's last element only depends on the previous one pushed).
struct CrossingSummary {
  std::size_t count = 0;
  std::size_t first = 0;
  std::size_t last = 0;
};

[[nodiscard]] inline CrossingSummary threshold_change_summary(std::span<const double> data, double threshold) noexcept {
  CrossingSummary summary;
  const auto push = [&summary](std::size_t index) {
    if (summary.count == 0) summary.first = index;
    summary.last = index;
    ++summary.count;
  };
  std::size_t run_length = 1;
  std::size_t previous_below = 0;
  bool any_below = false;
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (!(data[i] <= threshold)) continue;
    if (summary.count == 0) {
      push(i);
    } else if (summary.last + run_length == i) {
      ++run_length;
    } else {
      if (summary.last != previous_below) push(previous_below);
      push(i);
      run_length = 1;
    }
    previous_below = i;
    any_below = true;
  }
  if (any_below && data.back() > threshold) push(previous_below + 1);
  return summary;
}

// Compares the means of the last n values for each n of `averages` (longest first in OctoBot's
// lists): each step to a shorter mean that is not lower adds 1/len (rounded to 2 decimals), each
// drop subtracts it. > 0: the recent values trend up.
[[nodiscard]] inline double trend_of_averages(std::span<const double> data, std::span<const int> averages) {
  const double step = std::round(100.0 / static_cast<double>(averages.size())) / 100.0;
  const auto mean_of_last = [&](int count) {
    const std::span<const double> tail = last(data, static_cast<std::size_t>(count));
    return tail.empty() ? 0.0 : mean(tail);
  };
  // Each mean is compared with the next one only: two at a time, no list (this runs per candle).
  double trend = 0.0;
  double previous = averages.empty() ? 0.0 : mean_of_last(averages[0]);
  for (std::size_t i = 0; i + 1 < averages.size(); ++i) {
    const double next = mean_of_last(averages[i + 1]);
    trend += (previous - next > 0) ? -step : step;
    previous = next;
  }
  return trend;
}

// True when the last value, scaled by 1 / 0.8, has fallen back inside the extreme on its side of
// `neutral` (below the maximum when positive, above the minimum otherwise): the move peaked.
[[nodiscard]] inline bool peak_has_been_reached_already(std::span<const double> data, double neutral = 0.0) {
  if (data.size() <= 1) return false;
  const auto [lowest, highest] = std::minmax_element(data.begin(), data.end());
  const double current = data.back() / 0.8;
  return current > neutral ? current < *highest : current > *lowest;
}

// True when the minimum of `data` is one of its last delay + 1 values and the last value divided by
// `acceptance_window` is above that minimum: a low was just made and left.
[[nodiscard]] inline bool min_has_just_been_reached(std::span<const double> data, double acceptance_window,
                                                    std::size_t delay) {
  if (data.size() <= 1) return false;
  const double lowest = *std::min_element(data.begin(), data.end());
  const std::span<const double> recent = last(data, delay + 1);
  const bool recent_low = std::find(recent.begin(), recent.end(), lowest) != recent.end();
  return recent_low && data.back() / acceptance_window > lowest;
}

// How far the current move (since the last crossing) has gone relative to half the average length
// of the previous moves: 1 when longer, else its fraction. `double_size_patterns` adds zero-length
// moves to the average (OctoBot's weighting of W/M patterns). 0 without crossings.
[[nodiscard]] inline double move_state_estimation(std::span<const std::size_t> crossings, std::size_t series_size,
                                                  double pattern_move_size = 1.0,
                                                  std::size_t double_size_patterns = 0) {
  if (crossings.empty()) return 0.0;
  std::vector<double> lengths;
  for (std::size_t i = 0; i + 1 < crossings.size(); ++i) {
    lengths.push_back(static_cast<double>(crossings[i + 1] - crossings[i]));
  }
  if (crossings.front() != 0) lengths.push_back(static_cast<double>(crossings.front()));
  lengths.insert(lengths.end(), double_size_patterns, 0.0);
  const double average = lengths.empty() ? 0.0 : mean(lengths) * pattern_move_size;
  const double current = static_cast<double>(series_size) - static_cast<double>(crossings.back());
  if (current > average / 2) return 1.0;
  return current / (average / 2);
}

// move_state_estimation from a crossing summary: the move lengths it averages (gaps between
// crossings, plus the first crossing's index when not 0) always add up to the last crossing index,
// so the average needs no list. Same result, value for value.
[[nodiscard]] inline double move_state_estimation(const CrossingSummary& crossings, std::size_t series_size,
                                                  double pattern_move_size = 1.0,
                                                  std::size_t double_size_patterns = 0) noexcept {
  if (crossings.count == 0) return 0.0;
  const std::size_t lengths = crossings.count - 1 + (crossings.first != 0 ? 1 : 0) + double_size_patterns;
  const double average =
      lengths == 0 ? 0.0 : static_cast<double>(crossings.last) / static_cast<double>(lengths) * pattern_move_size;
  const double current = static_cast<double>(series_size) - static_cast<double>(crossings.last);
  if (current > average / 2) return 1.0;
  return current / (average / 2);
}

}  // namespace octobot::ta_support
