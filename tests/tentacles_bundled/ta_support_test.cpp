// The shared TA helpers' shortcuts against their definitions: the crossing summary and the
// move-state estimation from it must match the full crossing list value for value.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <octobot_ta/crossing_tracker.hpp>
#include <octobot_ta/trend_analysis.hpp>
#include <octobot_ta/window_stats.hpp>
#include <span>
#include <vector>

namespace ta = octobot::ta_support;

TEST_CASE("crossing summary and move estimation match the crossing list", "[ta_support]") {
  std::uint64_t state = 3;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<double> data(static_cast<std::size_t>(1 + next() * 60));
    // Runs of both signs, exact zeros included (zero counts as "below").
    for (double& value : data) value = next() < 0.1 ? 0.0 : next() - 0.5;
    const std::vector<std::size_t> list = ta::threshold_change_indexes(data, 0.0);
    const ta::CrossingSummary summary = ta::threshold_change_summary(data, 0.0);
    INFO("round " << round);
    REQUIRE(summary.count == list.size());
    if (list.empty()) continue;
    CHECK(summary.first == list.front());
    CHECK(summary.last == list.back());
    for (const std::size_t doubles : {0, 2}) {
      CHECK(ta::move_state_estimation(summary, data.size(), 2.0, doubles) ==
            ta::move_state_estimation(list, data.size(), 2.0, doubles));
    }
  }
}

TEST_CASE("crossing list of a known series", "[ta_support]") {
  // below: 0-1, above: 2-3, below: 4, above: 5 -> starts 0 and 4, end 1 of the first run, and
  // the first index after the last run (5).
  const std::vector<double> data = {-1, -2, 3, 4, -5, 6};
  CHECK(ta::threshold_change_indexes(data, 0.0) == std::vector<std::size_t>{0, 1, 4, 5});
}

TEST_CASE("crossing tracker follows values arriving and leaving like a scan of the kept values", "[ta_support]") {
  std::uint64_t state = 17;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
  };
  for (const double threshold : {0.0, 0.25}) {
    ta::CrossingTracker tracker(threshold);
    std::vector<double> values;
    std::size_t first_kept = 0;
    for (int step = 0; step < 5000; ++step) {
      const double value = next() < 0.1 ? threshold : next() - 0.5;
      values.push_back(value);
      tracker.push(value);
      // Drop a few values from the front now and then, sometimes all of them.
      if (next() < 0.3) first_kept = std::min(values.size(), first_kept + static_cast<std::size_t>(next() * 4));
      tracker.trim(first_kept);
      const std::span<const double> kept = std::span<const double>(values).subspan(first_kept);
      const ta::CrossingSummary expected = ta::threshold_change_summary(kept, threshold);
      const ta::CrossingSummary actual = tracker.summary();
      INFO("step " << step << " threshold " << threshold);
      REQUIRE(actual.count == expected.count);
      if (expected.count == 0) continue;
      REQUIRE(actual.first == expected.first);
      REQUIRE(actual.last == expected.last);
    }
  }
}

TEST_CASE("crossing tracker's list is the crossing list of the kept values", "[ta_support]") {
  std::uint64_t state = 29;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
  };
  ta::CrossingTracker tracker(0.0);
  std::vector<double> values;
  std::size_t first_kept = 0;
  for (int step = 0; step < 3000; ++step) {
    values.push_back(next() < 0.1 ? 0.0 : next() - 0.5);
    tracker.push(values.back());
    if (next() < 0.3) first_kept = std::min(values.size(), first_kept + static_cast<std::size_t>(next() * 4));
    tracker.trim(first_kept);
    INFO("step " << step);
    REQUIRE(tracker.list() == ta::threshold_change_indexes(std::span<const double>(values).subspan(first_kept), 0.0));
  }
}

TEST_CASE("window stats follow values arriving and leaving like a scan of the kept values", "[ta_support]") {
  std::uint64_t state = 41;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53);
  };
  ta::WindowStats stats;
  std::vector<double> values;
  std::size_t first_kept = 0;
  for (int step = 0; step < 5000; ++step) {
    values.push_back(next() - 0.5);
    stats.push(values.back());
    if (next() < 0.5) first_kept = std::min(values.size() - 1, first_kept + static_cast<std::size_t>(next() * 3));
    stats.trim(first_kept);
    double total = 0;
    double squares = 0;
    double lowest = values[first_kept];
    double highest = values[first_kept];
    for (std::size_t i = first_kept; i < values.size(); ++i) {
      total += values[i];
      squares += values[i] * values[i];
      lowest = std::min(lowest, values[i]);
      highest = std::max(highest, values[i]);
    }
    INFO("step " << step);
    REQUIRE(stats.size() == values.size() - first_kept);
    CHECK(stats.lowest() == lowest);  // extremes are exact
    CHECK(stats.highest() == highest);
    CHECK(stats.total() == Approx(total).margin(1e-9));  // prefix differences: rounding level
    CHECK(stats.total_of_squares() == Approx(squares).margin(1e-9));
  }
}
