#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_error.hpp>
#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/backtesting/data/format.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <stdexcept>

#include "schema.hpp"
#include "sqlite.hpp"

namespace octobot::backtesting::data {
namespace {

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void put_meta(const detail::Database& db, std::string_view key, std::string_view value) {
  detail::Statement statement(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
  statement.bind(1, key).bind(2, value);
  statement.step();
}

std::string describe_time(std::int64_t time_ms) {
  const std::time_t seconds = static_cast<std::time_t>(time_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &utc);
  return fmt::format("{} ({} UTC)", time_ms, text);
}

}  // namespace

DataFileWriter::DataFileWriter(const std::filesystem::path& file, const std::string& source) {
  const bool existed = std::filesystem::exists(file) && std::filesystem::file_size(file) > 0;
  if (existed) (void)DataFile::open(file);  // refuses anything that is not a native data file
  if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path());
  db_ = std::make_unique<detail::Database>(file, detail::OpenMode::read_write_create);
  // The import is one transaction; a crash leaves the previous file, so the journal is enough safety.
  db_->exec("PRAGMA foreign_keys = ON");
  transaction_ = std::make_unique<detail::Transaction>(*db_);
  db_->exec(detail::kSchema);
  if (!existed) {
    put_meta(*db_, "format", kFormatName);
    put_meta(*db_, "version", std::to_string(kFormatVersion));
    put_meta(*db_, "created_at", utc_now_iso8601());
    put_meta(*db_, "source", source);
  } else {
    detail::Statement previous(*db_, "SELECT value FROM meta WHERE key = 'source'");
    const std::string before = previous.step() ? std::string(previous.text(0)) : std::string();
    put_meta(*db_, "source", before.empty() ? source : before + "; " + source);
  }
  insert_ = std::make_unique<detail::Statement>(
      *db_,
      "INSERT OR IGNORE INTO candles (series_id, open_time_ms, open, high, low, close, volume) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
}

DataFileWriter::~DataFileWriter() {
  insert_.reset();  // a statement must be finalized before its connection closes
  transaction_.reset();
}

std::int64_t DataFileWriter::series(const SeriesKey& key) {
  if (key.exchange.empty()) throw std::invalid_argument("expected an exchange name, found an empty one");
  const BaseQuote parts = split_symbol(key.symbol);
  const std::string time_frame(commons::to_string(key.time_frame));
  detail::Statement find(*db_, "SELECT id FROM series WHERE exchange = ?1 AND symbol = ?2 AND time_frame = ?3");
  find.bind(1, key.exchange).bind(2, key.symbol).bind(3, time_frame);
  if (find.step()) return find.integer(0);
  detail::Statement insert(
      *db_, "INSERT INTO series (exchange, symbol, base, quote, time_frame) VALUES (?1, ?2, ?3, ?4, ?5)");
  insert.bind(1, key.exchange).bind(2, key.symbol).bind(3, parts.base).bind(4, parts.quote).bind(5, time_frame);
  insert.step();
  return sqlite3_last_insert_rowid(db_->handle());
}

AppendResult DataFileWriter::append(std::int64_t series_id, std::span<const commons::Candle> candles) {
  detail::Statement find(*db_, "SELECT time_frame, exchange, symbol FROM series WHERE id = ?1");
  find.bind(1, series_id);
  if (!find.step()) throw std::invalid_argument(fmt::format("no series {} in {}", series_id, db_->file().string()));
  const auto time_frame = commons::parse_time_frame(find.text(0)).value();
  const std::string where = fmt::format("series {} {} {}", find.text(1), find.text(2), find.text(0));

  AppendResult result;
  for (const commons::Candle& candle : candles) {
    if (commons::floor_to_time_frame(candle.open_time_ms, time_frame) != candle.open_time_ms) {
      throw DataFileError(db_->file().string(),
                          fmt::format("candle open times on {} boundaries", commons::to_string(time_frame)),
                          describe_time(candle.open_time_ms), where);
    }
    for (const double value : {candle.open, candle.high, candle.low, candle.close, candle.volume}) {
      if (!std::isfinite(value)) {
        throw DataFileError(db_->file().string(), "finite prices and volumes",
                            fmt::format("{} in the candle at {}", value, describe_time(candle.open_time_ms)), where);
      }
    }
    insert_->reset();
    insert_->bind(1, series_id)
        .bind(2, candle.open_time_ms)
        .bind(3, candle.open)
        .bind(4, candle.high)
        .bind(5, candle.low)
        .bind(6, candle.close)
        .bind(7, candle.volume);
    insert_->step();
    if (sqlite3_changes(db_->handle()) == 1) {
      ++result.inserted;
    } else {
      ++result.duplicates_ignored;
    }
  }
  return result;
}

void DataFileWriter::commit() {
  if (!transaction_) throw std::logic_error("DataFileWriter::commit called twice");
  db_->exec(
      "UPDATE series SET "
      "first_open_time_ms = (SELECT MIN(open_time_ms) FROM candles WHERE series_id = series.id), "
      "last_open_time_ms = (SELECT MAX(open_time_ms) FROM candles WHERE series_id = series.id), "
      "candle_count = (SELECT COUNT(*) FROM candles WHERE series_id = series.id)");
  insert_->reset();
  transaction_->commit();
  transaction_.reset();
}

}  // namespace octobot::backtesting::data
