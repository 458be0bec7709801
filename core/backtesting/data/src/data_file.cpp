#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_error.hpp>
#include <octobot/backtesting/data/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <tuple>

#include "sqlite.hpp"

namespace octobot::backtesting::data {
namespace {

constexpr const char* kRequiredTables[] = {"meta", "series", "candles"};

FileMeta read_meta(const detail::Database& db) {
  const std::string file = db.file().string();
  FileMeta meta;
  detail::Statement statement(db, "SELECT key, value FROM meta");
  bool has_version = false;
  while (statement.step()) {
    const std::string_view key = statement.text(0);
    const std::string_view value = statement.text(1);
    if (key == "format") {
      meta.format = value;
    } else if (key == "version") {
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), meta.version);
      if (error != std::errc{} || end != value.data() + value.size()) {
        throw DataFileError(file, "an integer format version in the meta table", fmt::format("\"{}\"", value));
      }
      has_version = true;
    } else if (key == "created_at") {
      meta.created_at = value;
    } else if (key == "source") {
      meta.source = value;
    }
  }
  if (meta.format != kFormatName) {
    throw DataFileError(file, fmt::format("format \"{}\" in the meta table", kFormatName),
                        meta.format.empty() ? std::string("no format") : fmt::format("\"{}\"", meta.format));
  }
  if (!has_version) throw DataFileError(file, "a format version in the meta table", "none");
  if (meta.version < 1 || meta.version > kFormatVersion) {
    throw DataFileError(file, fmt::format("format version 1 to {} (this program's)", kFormatVersion),
                        fmt::format("version {}: update octobot to read this file", meta.version));
  }
  return meta;
}

std::vector<SeriesInfo> read_series(const detail::Database& db) {
  std::vector<SeriesInfo> all;
  detail::Statement statement(db,
                              "SELECT id, exchange, symbol, base, quote, time_frame, first_open_time_ms, "
                              "last_open_time_ms, candle_count FROM series");
  while (statement.step()) {
    SeriesInfo info;
    info.id = statement.integer(0);
    info.exchange = statement.text(1);
    info.symbol = statement.text(2);
    info.base = statement.text(3);
    info.quote = statement.text(4);
    const std::string_view time_frame = statement.text(5);
    const auto parsed = commons::parse_time_frame(time_frame);
    if (!parsed) {
      throw DataFileError(db.file().string(), "a time frame among 1m 3m 5m 15m 30m 1h 2h 3h 4h 6h 8h 12h 1d 3d 1w 1M",
                          fmt::format("\"{}\"", time_frame), fmt::format("series {}", info.id));
    }
    info.time_frame = *parsed;
    info.first_open_time_ms = statement.integer(6);
    info.last_open_time_ms = statement.integer(7);
    info.candle_count = statement.integer(8);
    all.push_back(std::move(info));
  }
  std::sort(all.begin(), all.end(), [](const SeriesInfo& a, const SeriesInfo& b) {
    return std::tie(a.exchange, a.symbol, a.time_frame, a.id) < std::tie(b.exchange, b.symbol, b.time_frame, b.id);
  });
  return all;
}

}  // namespace

DataFile::DataFile(std::unique_ptr<detail::Database> db) : db_(std::move(db)) {}
DataFile::DataFile(DataFile&&) noexcept = default;
DataFile& DataFile::operator=(DataFile&&) noexcept = default;
DataFile::~DataFile() = default;

DataFile DataFile::open(const std::filesystem::path& file) {
  DataFile data_file(std::make_unique<detail::Database>(file, detail::OpenMode::read_only));
  const detail::Database& db = *data_file.db_;
  // A small page cache: the stream reads each page once, in key order, so more cache buys nothing.
  db.exec("PRAGMA cache_size = -4096");
  for (const char* table : kRequiredTables) {
    if (!db.has_table(table)) {
      throw DataFileError(file.string(), "a native backtesting data file (tables meta, series and candles)",
                          fmt::format("no table \"{}\"", table));
    }
  }
  data_file.meta_ = read_meta(db);
  data_file.series_ = read_series(db);
  return data_file;
}

const std::filesystem::path& DataFile::path() const noexcept { return db_->file(); }

std::optional<SeriesInfo> DataFile::find(const SeriesKey& key) const {
  for (const SeriesInfo& info : series_) {
    if (info.exchange == key.exchange && info.symbol == key.symbol && info.time_frame == key.time_frame) return info;
  }
  return std::nullopt;
}

GapReport DataFile::gaps(std::int64_t series_id, std::size_t keep) const {
  const auto info =
      std::find_if(series_.begin(), series_.end(), [&](const SeriesInfo& s) { return s.id == series_id; });
  if (info == series_.end()) throw std::invalid_argument(fmt::format("no series {} in {}", series_id, path().string()));
  GapReport report;
  detail::Statement statement(*db_, "SELECT open_time_ms FROM candles WHERE series_id = ?1 ORDER BY open_time_ms");
  statement.bind(1, series_id);
  bool first = true;
  std::int64_t expected_next = 0;
  while (statement.step()) {
    const std::int64_t open = statement.integer(0);
    if (!first && open > expected_next) {
      std::int64_t missing = 0;
      if (info->time_frame == commons::TimeFrame::one_month) {
        for (std::int64_t t = expected_next; t < open; t = close_time_ms(t, info->time_frame)) ++missing;
      } else {
        missing = (open - expected_next) / commons::duration_ms(info->time_frame);
      }
      ++report.gap_count;
      report.missing_candles += missing;
      if (report.first_gaps.size() < keep) report.first_gaps.push_back({expected_next, open, missing});
    }
    first = false;
    expected_next = close_time_ms(open, info->time_frame);
  }
  return report;
}

bool is_native_data_file(const std::filesystem::path& file) noexcept {
  try {
    (void)DataFile::open(file);
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace octobot::backtesting::data
