// Helpers shared by the backtesting data tests: generated candles and native files written with them.
#pragma once

#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/commons/candle_csv.hpp>
#include <octobot/commons/time_frame.hpp>

#include <cstdint>
#include <filesystem>
#include <random>
#include <vector>

namespace octobot::backtesting::data::testing {

// `count` consecutive candles from `first_open_ms`, with prices from a seeded random walk.
inline std::vector<commons::Candle> generated_candles(std::int64_t first_open_ms, commons::TimeFrame time_frame,
                                                      std::size_t count, unsigned seed = 7) {
  std::mt19937 random(seed);
  std::normal_distribution<double> step(0.0, 1.0);
  std::vector<commons::Candle> candles;
  candles.reserve(count);
  double price = 100.0 + seed;
  std::int64_t open = first_open_ms;
  for (std::size_t i = 0; i < count; ++i) {
    const double close = std::max(1.0, price + step(random));
    candles.push_back({open, price, std::max(price, close) + 0.5, std::min(price, close) - 0.5, close,
                       10.0 + static_cast<double>(i % 17)});
    price = close;
    open = commons::candle_close_time(open, time_frame);
  }
  return candles;
}

// 2024-01-01 00:00:00 UTC, a Monday.
inline constexpr std::int64_t kJan2024Ms = 1'704'067'200'000;

}  // namespace octobot::backtesting::data::testing
