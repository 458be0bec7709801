#include <octobot/backtesting/report/downsample.hpp>

#include <algorithm>

namespace octobot::backtesting::report {

namespace {

// Consecutive buckets of ceil(n / max) elements: the count never exceeds `max`.
std::size_t bucket_size(std::size_t n, std::size_t max) { return (n + max - 1) / max; }

}  // namespace

std::vector<Candle> aggregate_candles(std::span<const Candle> candles, std::size_t max_candles) {
  max_candles = std::max<std::size_t>(max_candles, 1);
  if (candles.size() <= max_candles) return {candles.begin(), candles.end()};
  const std::size_t size = bucket_size(candles.size(), max_candles);
  std::vector<Candle> result;
  result.reserve(max_candles);
  for (std::size_t begin = 0; begin < candles.size(); begin += size) {
    const std::size_t end = std::min(begin + size, candles.size());
    Candle bucket = candles[begin];
    for (std::size_t i = begin + 1; i < end; ++i) {
      bucket.high = max(bucket.high, candles[i].high);
      bucket.low = min(bucket.low, candles[i].low);
      bucket.volume += candles[i].volume;
    }
    bucket.close = candles[end - 1].close;
    result.push_back(bucket);
  }
  return result;
}

std::vector<SeriesPoint> downsample_min_max(std::span<const SeriesPoint> points, std::size_t max_points) {
  max_points = std::max<std::size_t>(max_points, 2);
  if (points.size() <= max_points) return {points.begin(), points.end()};
  const std::size_t size = bucket_size(points.size(), max_points / 2);
  std::vector<SeriesPoint> result;
  result.reserve(max_points);
  for (std::size_t begin = 0; begin < points.size(); begin += size) {
    const std::size_t end = std::min(begin + size, points.size());
    std::size_t lowest = begin;
    std::size_t highest = begin;
    for (std::size_t i = begin + 1; i < end; ++i) {
      if (points[i].value < points[lowest].value) lowest = i;
      if (points[i].value > points[highest].value) highest = i;
    }
    result.push_back(points[std::min(lowest, highest)]);
    if (lowest != highest) result.push_back(points[std::max(lowest, highest)]);
  }
  return result;
}

}  // namespace octobot::backtesting::report
