#include <octobot/backtesting/data/data_file_error.hpp>
#include <octobot/backtesting/data/octobot_data_importer.hpp>
#include <octobot/commons/time_frame.hpp>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "sqlite.hpp"

namespace octobot::backtesting::data {
namespace {

constexpr std::int64_t kMillisecondsFrom = 100'000'000'000;  // as commons::read_candle_csv: 10^11
// Candles are appended in batches so that memory stays bounded whatever the file's size.
constexpr std::size_t kBatchSize = 16384;

constexpr const char* kDescriptionColumns[] = {"version", "exchange", "symbols", "time_frames"};
constexpr const char* kOhlcvColumns[] = {"timestamp", "exchange_name", "symbol", "time_frame", "candle"};

std::string clip(std::string_view text) {
  return text.size() > 80 ? std::string(text.substr(0, 77)) + "..." : std::string(text);
}

void require_table(const detail::Database& db, const char* table, std::span<const char* const> columns) {
  const std::string file = db.file().string();
  const std::string expected = "an OctoBot data file (tables description and ohlcv)";
  if (!db.has_table(table)) throw DataFileError(file, expected, fmt::format("no table \"{}\"", table));
  const auto present = db.columns_of(table);
  for (const char* column : columns) {
    if (std::find(present.begin(), present.end(), column) == present.end()) {
      throw DataFileError(file, fmt::format("a column \"{}\" in table {}", column, table),
                          fmt::format("columns {}", fmt::join(present, ", ")));
    }
  }
}

std::vector<std::string> json_strings(const std::string& file, std::string_view column, std::string_view text) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  const std::string expected = "a JSON list of strings";
  const std::string where = fmt::format("description.{}", column);
  if (document.HasParseError() || !document.IsArray()) throw DataFileError(file, expected, clip(text), where);
  std::vector<std::string> values;
  for (const auto& item : document.GetArray()) {
    if (!item.IsString()) throw DataFileError(file, expected, clip(text), where);
    values.emplace_back(item.GetString(), item.GetStringLength());
  }
  return values;
}

std::int64_t integer_of(const detail::Statement& statement, int column) {
  // OctoBot writes every value quoted, so numbers may come back as text ("1600000000").
  if (statement.type(column) == SQLITE_TEXT) {
    try {
      return static_cast<std::int64_t>(std::stod(std::string(statement.text(column))));
    } catch (const std::exception&) {
      return 0;
    }
  }
  return static_cast<std::int64_t>(statement.real(column));
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// [time, open, high, low, close, volume] -> a candle; DataFileError naming the row otherwise.
commons::Candle parse_candle(const std::string& file, const std::string& where, std::string_view text) {
  rapidjson::Document document;
  // Full precision: the default parser may be off by an ulp, and prices must read back as written.
  document.Parse<rapidjson::kParseFullPrecisionFlag>(text.data(), text.size());
  const std::string expected = "a JSON array [time, open, high, low, close, volume] of 6 numbers";
  if (document.HasParseError() || !document.IsArray() || document.Size() != 6) {
    throw DataFileError(file, expected, "\"" + clip(text) + "\"", where);
  }
  double values[6];
  for (rapidjson::SizeType i = 0; i < 6; ++i) {
    if (!document[i].IsNumber()) throw DataFileError(file, expected, "\"" + clip(text) + "\"", where);
    values[i] = document[i].GetDouble();
  }
  if (!std::isfinite(values[0]) || values[0] < 0 || values[0] != std::floor(values[0])) {
    throw DataFileError(file, "a whole non-negative Unix time in seconds or milliseconds",
                        fmt::format("{} in \"{}\"", values[0], clip(text)), where);
  }
  const auto time = static_cast<std::int64_t>(values[0]);
  return {time < kMillisecondsFrom ? time * 1000 : time, values[1], values[2], values[3], values[4], values[5]};
}

}  // namespace

OctoBotDataDescription read_octobot_description(const std::filesystem::path& file) {
  const detail::Database db(file, detail::OpenMode::read_only);
  return [&] {
    require_table(db, "description", kDescriptionColumns);
    const std::string name = file.string();
    const auto columns = db.columns_of("description");
    const bool has_span = std::find(columns.begin(), columns.end(), "start_timestamp") != columns.end() &&
                          std::find(columns.begin(), columns.end(), "end_timestamp") != columns.end();
    detail::Statement statement(db, has_span ? "SELECT version, exchange, symbols, time_frames, start_timestamp, "
                                               "end_timestamp FROM description ORDER BY timestamp DESC LIMIT 1"
                                             : "SELECT version, exchange, symbols, time_frames FROM description "
                                               "ORDER BY timestamp DESC LIMIT 1");
    if (!statement.step()) throw DataFileError(name, "one row in table description", "none");
    OctoBotDataDescription description;
    description.version = statement.text(0);
    if (description.version != "1.0" && description.version != "1.1") {
      throw DataFileError(name, "data file version 1.0 or 1.1", "\"" + description.version + "\"", "description");
    }
    description.exchange = statement.text(1);
    description.symbols = json_strings(name, "symbols", statement.text(2));
    description.time_frames = json_strings(name, "time_frames", statement.text(3));
    for (const std::string& time_frame : description.time_frames) {
      if (!commons::parse_time_frame(time_frame)) {
        throw DataFileError(name, "time frames among 1m 3m 5m 15m 30m 1h 2h 3h 4h 6h 8h 12h 1d 3d 1w 1M",
                            "\"" + time_frame + "\"", "description.time_frames");
      }
    }
    if (has_span && description.version != "1.0") {
      description.start_timestamp = integer_of(statement, 4);
      description.end_timestamp = integer_of(statement, 5);
    }
    return description;
  }();
}

bool is_octobot_data_file(const std::filesystem::path& file) noexcept {
  try {
    const detail::Database db(file, detail::OpenMode::read_only);
    return db.has_table("description") && db.has_table("ohlcv");
  } catch (...) {
    return false;
  }
}

std::vector<ImportReport> import_octobot_data(const std::filesystem::path& file, DataFileWriter& writer) {
  const std::string name = file.string();
  const OctoBotDataDescription description = read_octobot_description(file);
  const detail::Database db(file, detail::OpenMode::read_only);
  require_table(db, "ohlcv", kOhlcvColumns);

  std::vector<ImportReport> reports;
  std::vector<commons::Candle> batch;
  batch.reserve(kBatchSize);
  ImportReport* current = nullptr;
  std::string current_exchange, current_symbol, current_time_frame;

  const auto flush = [&] {
    if (current == nullptr || batch.empty()) return;
    try {
      const AppendResult result = writer.append(current->series_id, batch);
      current->inserted += result.inserted;
      current->duplicate_times += result.duplicates_ignored;
    } catch (const DataFileError& e) {
      throw DataFileError(name, e.expected(), e.found(), "table ohlcv, " + e.where());
    }
    batch.clear();
  };

  // Grouped by series so that each series' candles go out in batches; rowid orders a series' rows
  // as the collector wrote them, which keeps the first of duplicate rows.
  detail::Statement rows(db,
                         "SELECT rowid, exchange_name, symbol, time_frame, candle FROM ohlcv "
                         "ORDER BY exchange_name, symbol, time_frame, rowid");
  while (rows.step()) {
    const std::string where = fmt::format("table ohlcv, row {}", rows.integer(0));
    const std::string_view exchange = rows.text(1);
    const std::string_view symbol = rows.text(2);
    const std::string_view time_frame_text = rows.text(3);
    if (current == nullptr || exchange != current_exchange || symbol != current_symbol ||
        time_frame_text != current_time_frame) {
      flush();
      const auto time_frame = commons::parse_time_frame(time_frame_text);
      if (!time_frame) {
        throw DataFileError(name, "a time frame among 1m 3m 5m 15m 30m 1h 2h 3h 4h 6h 8h 12h 1d 3d 1w 1M",
                            "\"" + std::string(time_frame_text) + "\"", where);
      }
      ImportReport report;
      report.source_file = name;
      report.source_format = "OctoBot data " + description.version;
      report.key = {lower(exchange.empty() ? description.exchange : exchange), std::string(symbol), *time_frame};
      report.key_origin = "exchange, symbol and time frame from the ohlcv rows";
      try {
        report.series_id = writer.series(report.key);
      } catch (const std::invalid_argument& e) {
        throw DataFileError(name, "a symbol BASE/QUOTE", "\"" + std::string(symbol) + "\"", where);
      }
      reports.push_back(std::move(report));
      current = &reports.back();
      current_exchange = exchange;
      current_symbol = symbol;
      current_time_frame = time_frame_text;
    }
    const commons::Candle candle = parse_candle(name, where, rows.text(4));
    if (current->rows == 0 || candle.open_time_ms < current->first_open_time_ms) {
      current->first_open_time_ms = candle.open_time_ms;
    }
    current->last_open_time_ms =
        std::max(current->rows == 0 ? candle.open_time_ms : current->last_open_time_ms, candle.open_time_ms);
    ++current->rows;
    batch.push_back(candle);
    if (batch.size() == kBatchSize) flush();
  }
  flush();
  if (reports.empty()) throw DataFileError(name, "candles in table ohlcv", "no row");
  return reports;
}

}  // namespace octobot::backtesting::data
