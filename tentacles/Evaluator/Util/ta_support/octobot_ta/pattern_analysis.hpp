// OctoBot's pattern analysis (tentacles Evaluator/Util/pattern_analysis), re-stated in C++: the
// shape of a move of an oscillator (MACD histogram) between threshold crossings.
//   W: two lows below zero (bullish)   M: two highs above zero (bearish)
//   V: one low below zero              N: one high above zero            ?: no data
#pragma once

#include <cmath>
#include <cstddef>
#include <octobot_ta/trend_analysis.hpp>
#include <span>
#include <vector>

namespace octobot::ta_support {

enum class Pattern { unknown, w, m, n, v };

// Counts the gaps (> 3 candles) between the values that stay on the zero side of 70% of the mean:
// more than one gap means two extremes (W or M), else one (V or N).
[[nodiscard]] inline Pattern pattern_of(std::span<const double> data) {
  if (data.empty()) return Pattern::unknown;
  const double reference = mean(data) * 0.7;
  if (std::isnan(reference)) return Pattern::unknown;
  const bool below = reference < 0;
  std::size_t gaps = 0;
  bool has_previous = false;
  std::size_t previous = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const bool inside = below ? data[i] > reference : data[i] < reference;
    if (!inside) continue;
    if (has_previous && i - previous > 3) ++gaps;
    previous = i;
    has_previous = true;
  }
  if (gaps > 1) return below ? Pattern::w : Pattern::m;
  return below ? Pattern::v : Pattern::n;
}

[[nodiscard]] inline double pattern_strength(Pattern pattern) noexcept {
  switch (pattern) {
    case Pattern::w:
    case Pattern::m:
      return 1.0;
    case Pattern::n:
    case Pattern::v:
      return 0.75;
    case Pattern::unknown:
      break;
  }
  return 0.0;
}

struct FoundPattern {
  Pattern pattern;
  std::size_t start;
  std::size_t end;
};

// The pattern of the last move (from the last crossing). A V or N whose previous moves were short
// (< 4 candles apart) is looked at again from further back: if that longer stretch is a W or M with
// both ends on the same side of zero, that is the pattern.
[[nodiscard]] inline FoundPattern find_pattern(std::span<const double> data, std::span<const std::size_t> crossings,
                                               std::size_t last_index) {
  if (crossings.size() <= 1) {
    const std::size_t start = crossings.empty() ? 0 : crossings.front();
    return {pattern_of(data.subspan(start)), start, last_index};
  }
  const std::size_t count = crossings.size();
  const Pattern shape = pattern_of(data.subspan(crossings.back()));
  if (shape == Pattern::n || shape == Pattern::v) {
    std::size_t back = 2;  // crossings[count - back] is the start of the extended stretch
    while (back < count && crossings[count - back] - crossings[count - back - 1] < 4) ++back;
    const std::size_t extended_start = crossings[count - back];
    const Pattern extended = pattern_of(data.subspan(extended_start));
    if (extended == Pattern::w || extended == Pattern::m) {
      const double first_part = mean(data.subspan(extended_start, crossings[count - back + 1] - extended_start));
      const double second_part = mean(data.subspan(crossings.back()));
      if (first_part * second_part > 0) return {extended, extended_start, crossings.back()};
    }
  }
  return {shape, crossings.back(), last_index};
}

}  // namespace octobot::ta_support
