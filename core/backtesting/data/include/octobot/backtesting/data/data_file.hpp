// Opening a native data file for reading: its description and the series it holds. Candles are read
// with CandleStream (candle_stream.hpp), written with DataFileWriter (data_file_writer.hpp).
#pragma once

#include <octobot/backtesting/data/series.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace octobot::backtesting::data {

namespace detail {
class Database;
}

struct FileMeta {
  std::string format;      // kFormatName
  int version = 0;         // kFormatVersion of the writer
  std::string created_at;  // ISO 8601 UTC, "2026-11-29T10:00:00Z"
  std::string source;      // free text: what the candles were imported from
};

// A missing candle run inside a series: candles opening at from_ms, from_ms + tf, ... < to_ms are absent.
struct SeriesGap {
  std::int64_t from_ms = 0;  // open time of the first missing candle
  std::int64_t to_ms = 0;    // open time of the next present candle
  std::int64_t missing = 0;  // candles missing
};

struct GapReport {
  std::int64_t gap_count = 0;
  std::int64_t missing_candles = 0;
  std::vector<SeriesGap> first_gaps;  // at most the `keep` asked for, oldest first
};

class DataFile {
 public:
  // Opens read-only. Throws DataFileError when the file is missing, not SQLite, lacks the format's
  // tables, or has another format name or a newer version than this reader.
  static DataFile open(const std::filesystem::path& file);

  DataFile(DataFile&&) noexcept;
  DataFile& operator=(DataFile&&) noexcept;
  ~DataFile();

  [[nodiscard]] const std::filesystem::path& path() const noexcept;
  [[nodiscard]] const FileMeta& meta() const noexcept { return meta_; }
  // Ordered by exchange, symbol, then time frame (shortest first).
  [[nodiscard]] const std::vector<SeriesInfo>& series() const noexcept { return series_; }
  [[nodiscard]] std::optional<SeriesInfo> find(const SeriesKey& key) const;

  // Scans one series (streaming, bounded memory) for missing candles; keeps the first `keep` gaps.
  [[nodiscard]] GapReport gaps(std::int64_t series_id, std::size_t keep = 10) const;

  // For CandleStream; the connection stays owned by this object.
  [[nodiscard]] const detail::Database& database() const noexcept { return *db_; }

 private:
  explicit DataFile(std::unique_ptr<detail::Database> db);
  std::unique_ptr<detail::Database> db_;
  FileMeta meta_;
  std::vector<SeriesInfo> series_;
};

// True when the file is a SQLite database with the native format's `meta` row (no exception).
[[nodiscard]] bool is_native_data_file(const std::filesystem::path& file) noexcept;

}  // namespace octobot::backtesting::data
