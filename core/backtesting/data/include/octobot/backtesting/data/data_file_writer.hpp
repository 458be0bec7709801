// Creating or extending a native data file. Candles are appended per series inside one transaction
// that commit() ends; a writer destroyed without commit() leaves the file as it was before.
#pragma once

#include <octobot/backtesting/data/series.hpp>
#include <octobot/commons/candle_csv.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

namespace octobot::backtesting::data {

namespace detail {
class Database;
class Statement;
class Transaction;
}  // namespace detail

struct AppendResult {
  std::int64_t inserted = 0;
  // Candles whose open time the series already had (the first one written is kept).
  std::int64_t duplicates_ignored = 0;
};

class DataFileWriter {
 public:
  // Creates the file, or opens an existing native file to add series and candles to it (throws
  // DataFileError for an existing file of another kind). `source` describes where the data came from
  // and is appended to the file's description.
  DataFileWriter(const std::filesystem::path& file, const std::string& source);
  ~DataFileWriter();
  DataFileWriter(const DataFileWriter&) = delete;
  DataFileWriter& operator=(const DataFileWriter&) = delete;

  // The id of the series, created when new. Throws std::invalid_argument for a symbol that is not
  // BASE/QUOTE or an empty exchange.
  std::int64_t series(const SeriesKey& key);

  // Candles in any order; times must lie on the time frame's boundaries (DataFileError otherwise).
  AppendResult append(std::int64_t series_id, std::span<const commons::Candle> candles);

  // Updates each series' first/last open time and count, then commits.
  void commit();

 private:
  std::unique_ptr<detail::Database> db_;
  std::unique_ptr<detail::Statement> insert_;
  std::unique_ptr<detail::Transaction> transaction_;
};

}  // namespace octobot::backtesting::data
