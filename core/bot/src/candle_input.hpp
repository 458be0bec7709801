// What a backtest replays, whatever it comes from: one data file, several merged, or candles already
// loaded in memory (candle_data.hpp). Every input gives the same series list (ids unique across
// files) and the same candle order as CandleStream: close time, then time frame (shortest first),
// symbol, exchange — so a run gives the same report from the files and from memory.
#pragma once

#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/bot/candle_data.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace octobot::bot::detail {

using backtesting::data::SeriesInfo;
using backtesting::data::StreamedCandle;

class CandleCursor {
 public:
  virtual ~CandleCursor() = default;
  // The next candle in close order (its series points into the input's series()); false at the end.
  virtual bool next(StreamedCandle& out) = 0;
};

class CandleInput {
 public:
  virtual ~CandleInput() = default;
  // Ordered by exchange, symbol, then time frame.
  [[nodiscard]] virtual const std::vector<SeriesInfo>& series() const = 0;
  // The files, for messages: "a.sqlite" or "a.sqlite + b.sqlite".
  [[nodiscard]] virtual std::string describe() const = 0;
  // Candles of the given series opening in [start_ms, end_ms).
  [[nodiscard]] virtual std::unique_ptr<CandleCursor> open(const std::vector<std::int64_t>& series_ids,
                                                           std::int64_t start_ms, std::int64_t end_ms) const = 0;
};

// Opens the files (DataFileError for one that cannot be read). The same (exchange, symbol, time frame)
// in two files is a std::runtime_error naming both files.
[[nodiscard]] std::unique_ptr<CandleInput> open_data_files(const std::vector<std::filesystem::path>& files);
[[nodiscard]] std::unique_ptr<CandleInput> memory_input(std::shared_ptr<const LoadedCandles> candles);

[[nodiscard]] std::string describe_files(const std::vector<std::filesystem::path>& files);

}  // namespace octobot::bot::detail
