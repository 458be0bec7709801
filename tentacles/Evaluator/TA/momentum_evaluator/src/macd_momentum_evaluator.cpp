#include "macd_momentum_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <octobot_ta/config_values.hpp>
#include <octobot_ta/pattern_analysis.hpp>
#include <octobot_ta/trend_analysis.hpp>
#include <vector>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;
using ta::Pattern;

void MACDMomentumEvaluator::configure(const octobot::sdk::Config& config) {
  short_period_ = ta::period(config, "short_period_length", 12, 2);
  long_period_ = ta::period(config, "long_period_length", 26, 2);
  signal_period_ = ta::period(config, "signal_period_length", 9, 2);
  macd_ = ta::make_indicator<octobot::sdk::indicators::Macd>(short_period_, long_period_, signal_period_);
  start_over();
}

void MACDMomentumEvaluator::restart() {
  macd_.reset();
  histogram_.clear();
  crossings_.clear();
  segment_patterns_.clear();
  previous_note_.reset();
  carry_before_last_.reset();
  analysed_ = false;
  early_ = true;
  note_.reset();
}

void MACDMomentumEvaluator::on_candle(const octobot::sdk::Candles& candles, std::size_t index) {
  const std::optional<octobot::sdk::indicators::MacdPoint> point = macd_.update(candles.close()[index]);
  if (!point) return;
  histogram_.push(candles.open_time_ms()[index], point->histogram);
  crossings_.push(point->histogram);
  carry_before_last_ = previous_note_;
  analysed_ = false;
  // OctoBot analyses on every candle; the analysis carries state (previous_note_) only while the
  // histogram has crossed zero at most once, so older candles of a batch are analysed only then.
  if (early_) {
    note_ = analyse();
    analysed_ = true;
  }
}

std::optional<double> MACDMomentumEvaluator::analyse() {
  const std::span<const double> histogram = histogram_.values();
  const std::vector<std::size_t> crossings = crossings_.list();
  if (crossings.size() > 1) early_ = false;
  const std::size_t last_index = histogram.size() - 1;
  const ta::FoundPattern found = ta::find_pattern(histogram, crossings, last_index);
  previous_note_ = carry_before_last_;  // an analysis that stops early leaves the carry as it was
  if (found.pattern == Pattern::unknown) return std::nullopt;

  const bool bullish = found.pattern == Pattern::w || found.pattern == Pattern::v;
  const double sign = bullish ? -1.0 : 1.0;
  const bool double_pattern = found.pattern == Pattern::w || found.pattern == Pattern::m;
  const double move_time = double_pattern && found.end == last_index ? 2.0 : 1.0;
  const std::span<const double> pattern_values = histogram.subspan(found.start);
  const double extreme = bullish ? *std::min_element(pattern_values.begin(), pattern_values.end())
                                 : *std::max_element(pattern_values.begin(), pattern_values.end());
  const double price_weight = histogram.back() / extreme;
  if (std::isnan(price_weight)) return std::nullopt;

  const double weight = price_weight * ta::pattern_strength(found.pattern);
  double average_pattern_period = 0.7;
  if (crossings.size() > 1) {
    std::size_t double_patterns = 0;
    const auto count_double = [&double_patterns](Pattern pattern) {
      if (pattern == Pattern::w || pattern == Pattern::m) ++double_patterns;
    };
    const std::size_t offset = histogram_.dropped();
    std::size_t cursor = 0;  // into segment_patterns_; requests come in increasing order
    const auto cached_pattern = [&](std::size_t start, std::size_t end) {
      const std::size_t first = offset + start;
      const std::size_t last = offset + end;
      const auto before = [](const SegmentPattern& a, std::size_t s, std::size_t e) {
        return a.start < s || (a.start == s && a.end < e);
      };
      while (cursor < segment_patterns_.size() && before(segment_patterns_[cursor], first, last)) ++cursor;
      if (cursor < segment_patterns_.size() && segment_patterns_[cursor].start == first &&
          segment_patterns_[cursor].end == last) {
        return segment_patterns_[cursor++].pattern;
      }
      const Pattern pattern = ta::pattern_of(histogram.subspan(start, end - start));
      segment_patterns_.insert(segment_patterns_.begin() + static_cast<std::ptrdiff_t>(cursor),
                               SegmentPattern{first, last, pattern});
      ++cursor;
      return pattern;
    };
    // The move before the first crossing comes first in position order.
    if (crossings.front() != 0) count_double(cached_pattern(0, crossings.front()));
    for (std::size_t i = 0; i + 1 < crossings.size(); ++i) {
      count_double(cached_pattern(crossings[i], crossings[i + 1]));
    }
    if (last_index != crossings.back()) count_double(ta::pattern_of(histogram.subspan(crossings.back())));
    average_pattern_period = ta::move_state_estimation(crossings, histogram.size(), move_time, double_patterns);
  }
  // A young move (at most one crossing) at its extreme: 0.95 when the previous candle was one too.
  if (crossings.size() <= 1 && price_weight == 1) {
    if (carry_before_last_) average_pattern_period = 0.95;
    previous_note_ = sign * weight * average_pattern_period;
  } else {
    previous_note_.reset();
  }
  const double note = sign * weight * average_pattern_period;
  if (!std::isfinite(note)) return std::nullopt;
  return std::clamp(note, -1.0, 1.0);
}

Evaluation MACDMomentumEvaluator::current(const octobot::sdk::Candles& candles) {
  if (candles.size() <= static_cast<std::size_t>(long_period_) || histogram_.empty()) {
    return Evaluation::pending("MACD warming up");
  }
  if (!analysed_) {
    note_ = analyse();
    analysed_ = true;
  }
  if (!note_) return Evaluation::pending("no MACD histogram pattern");
  return Evaluation::of(*note_, "MACD histogram " + std::to_string(histogram_.back()));
}
