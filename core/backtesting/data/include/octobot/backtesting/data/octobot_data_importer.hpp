// Importing OctoBot's (Python) backtesting data files, `<collector>_<date>.data`: SQLite databases
// written by OctoBot-Backtesting's ExchangeDataCollector. What we rely on (docs/data-files.md):
//   description(timestamp, version, exchange, symbols, time_frames[, start_timestamp, end_timestamp])
//     one row; version "1.0" or "1.1"; symbols and time_frames are JSON lists of strings;
//   ohlcv(timestamp, exchange_name, cryptocurrency, symbol, time_frame, candle)
//     one row per candle; `candle` is the JSON text [time, open, high, low, close, volume] with time
//     in Unix seconds (OctoBot's candles) or milliseconds; `timestamp` is the close time in seconds.
// Other tables (ticker, order_book, recent_trades, kline, funding) are not candles and are skipped.
#pragma once

#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/backtesting/data/import_report.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace octobot::backtesting::data {

struct OctoBotDataDescription {
  std::string version;
  std::string exchange;
  std::vector<std::string> symbols;
  std::vector<std::string> time_frames;
  std::int64_t start_timestamp = 0;  // seconds, 0 when absent (version 1.0) or not set
  std::int64_t end_timestamp = 0;
};

// Throws DataFileError: not SQLite, missing tables or columns, unknown version, bad JSON lists.
[[nodiscard]] OctoBotDataDescription read_octobot_description(const std::filesystem::path& file);

// True when the file is SQLite with OctoBot's description and ohlcv tables (no exception).
[[nodiscard]] bool is_octobot_data_file(const std::filesystem::path& file) noexcept;

// Appends every OHLCV series of the file. Throws DataFileError naming the `ohlcv` row for a malformed
// candle or an unknown time frame; nothing is committed then (the writer's transaction is dropped).
std::vector<ImportReport> import_octobot_data(const std::filesystem::path& file, DataFileWriter& writer);

}  // namespace octobot::backtesting::data
