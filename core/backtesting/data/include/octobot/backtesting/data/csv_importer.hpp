// Importing candle CSV files (the formats commons::read_candle_csv reads) into a native data file.
// The series key comes from the options when given, otherwise from the file: the `symbol` column
// (CryptoDataDownload files), the exchange from a CryptoDataDownload file name (`Bitstamp_BTCUSD_1h.csv`
// gives "bitstamp"), and the time frame from the most common step between candles.
#pragma once

#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/backtesting/data/import_report.hpp>
#include <octobot/commons/time_frame.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace octobot::backtesting::data {

struct CsvImportOptions {
  std::string exchange;                          // empty: from the file name
  std::string symbol;                            // empty: from the symbol column
  std::optional<commons::TimeFrame> time_frame;  // nullopt: from the candles' interval
};

// The time frame whose duration is `interval_ms` (28 to 31 days is 1M); nullopt for any other step.
[[nodiscard]] std::optional<commons::TimeFrame> time_frame_of_interval(std::int64_t interval_ms) noexcept;

// Reads, checks and appends one CSV file. Throws DataFileError (with the file and line) for a file
// that cannot be read as candles, or when a key part is neither given nor found in the file (the
// message names the option to pass).
ImportReport import_csv(const std::filesystem::path& file, const CsvImportOptions& options, DataFileWriter& writer);

}  // namespace octobot::backtesting::data
