#include <octobot/backtesting/report/bounded_series.hpp>

#include <algorithm>

namespace octobot::backtesting::report {

namespace {

// Merges adjacent pairs in place; an odd last element stays alone. Returns whether it did.
template <typename T, typename Merge>
bool merge_pairs(std::vector<T>& items, Merge merge) {
  const std::size_t n = items.size();
  for (std::size_t i = 0; 2 * i < n; ++i) {
    T item = items[2 * i];
    if (2 * i + 1 < n) merge(item, items[2 * i + 1]);
    items[i] = item;
  }
  items.resize((n + 1) / 2);
  return n % 2 == 1;
}

}  // namespace

void merge_candle(Candle& earlier, const Candle& later) {
  earlier.high = max(earlier.high, later.high);
  earlier.low = min(earlier.low, later.low);
  earlier.close = later.close;
  earlier.volume += later.volume;
}

// Even: the first merging then leaves exactly max_points / 2 buckets of two points at most.
BoundedEquity::BoundedEquity(std::size_t max_points)
    : max_points_(std::max<std::size_t>(max_points - max_points % 2, 4)) {}

void BoundedEquity::add(const EquityPoint& point) {
  if (points_ == 0) first_ = point;
  ++points_;
  last_ = point;
  // One point per bucket until the limit; then each bucket gives up to two (its low and high).
  const std::size_t max_buckets = per_bucket_ == 1 ? max_points_ : max_points_ / 2;
  if (in_last_ == per_bucket_ && buckets_.size() >= max_buckets) {
    const bool odd = merge_pairs(buckets_, [](Bucket& bucket, const Bucket& later) {
      if (later.low.value < bucket.low.value) bucket.low = later.low;
      if (later.high.value > bucket.high.value) bucket.high = later.high;
    });
    in_last_ = odd ? per_bucket_ : 2 * per_bucket_;
    per_bucket_ *= 2;
  }
  if (!buckets_.empty() && in_last_ < per_bucket_) {
    auto& bucket = buckets_.back();
    if (point.value < bucket.low.value) bucket.low = point;
    if (point.value > bucket.high.value) bucket.high = point;
    ++in_last_;
    return;
  }
  buckets_.push_back({point, point});
  in_last_ = 1;
}

std::vector<EquityPoint> BoundedEquity::curve() const {
  std::vector<EquityPoint> curve;
  if (points_ == 0) return curve;
  curve.reserve(2 * buckets_.size() + 2);
  for (const auto& bucket : buckets_) {
    const bool low_first = bucket.low.time_ms <= bucket.high.time_ms;
    curve.push_back(low_first ? bucket.low : bucket.high);
    if (bucket.low.time_ms != bucket.high.time_ms) curve.push_back(low_first ? bucket.high : bucket.low);
  }
  // The run's first and last values stay where they are, whatever the merging kept.
  if (curve.front().time_ms != first_.time_ms) curve.insert(curve.begin(), first_);
  if (curve.back().time_ms != last_.time_ms) curve.push_back(last_);
  return curve;
}

BoundedCandles::BoundedCandles(std::size_t max_candles) : max_candles_(std::max<std::size_t>(max_candles, 2)) {}

void BoundedCandles::add(const Candle& candle) {
  ++candles_;
  if (in_last_ == per_candle_ && kept_.size() >= max_candles_) {
    const bool odd = merge_pairs(kept_, merge_candle);
    in_last_ = odd ? per_candle_ : 2 * per_candle_;
    per_candle_ *= 2;
  }
  if (!kept_.empty() && in_last_ < per_candle_) {
    merge_candle(kept_.back(), candle);
    ++in_last_;
    return;
  }
  kept_.push_back(candle);
  in_last_ = 1;
}

}  // namespace octobot::backtesting::report
