#include <octobot/backtesting/data/csv_importer.hpp>
#include <octobot/backtesting/data/data_file_error.hpp>
#include <octobot/commons/candle_csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace octobot::backtesting::data {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
// Like commons::read_candle_csv, the header may follow a banner of a few lines.
constexpr int kMaxLinesBeforeHeader = 5;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  for (const char c : line) {
    if (c == ',') {
      fields.push_back(field);
      field.clear();
    } else if (c != '\r' && c != '"') {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

struct SymbolColumn {
  std::string value;  // of the first data row
  std::size_t line = 0;
};

// The `symbol` column's first value, when the file has such a column (CryptoDataDownload's exports).
std::optional<SymbolColumn> read_symbol_column(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  for (std::size_t number = 1; number <= kMaxLinesBeforeHeader && std::getline(in, line); ++number) {
    const auto fields = split_fields(line);
    const auto symbol =
        std::find_if(fields.begin(), fields.end(), [](const std::string& f) { return lower(f) == "symbol"; });
    if (symbol == fields.end()) continue;
    const auto column = static_cast<std::size_t>(symbol - fields.begin());
    if (!std::getline(in, line)) return std::nullopt;
    const auto values = split_fields(line);
    if (column >= values.size() || values[column].empty()) return std::nullopt;
    return SymbolColumn{values[column], number + 1};
  }
  return std::nullopt;
}

// CryptoDataDownload names its files <Exchange>_<PAIR>_<time frame>.csv, PAIR being the symbol column
// without its slash. Only that agreement makes the first word an exchange: "daily_prices.csv" is not.
std::string exchange_from_file_name(const std::filesystem::path& file, const std::string& symbol) {
  const std::string stem = file.stem().string();
  const auto first = stem.find('_');
  if (first == std::string::npos || first == 0) return {};
  const auto second = stem.find('_', first + 1);
  if (second == std::string::npos) return {};
  std::string pair = symbol;
  pair.erase(std::remove(pair.begin(), pair.end(), '/'), pair.end());
  if (pair.empty() || lower(stem.substr(first + 1, second - first - 1)) != lower(pair)) return {};
  return lower(stem.substr(0, first));
}

}  // namespace

std::optional<commons::TimeFrame> time_frame_of_interval(std::int64_t interval_ms) noexcept {
  for (const commons::TimeFrame time_frame : commons::all_time_frames()) {
    if (time_frame != commons::TimeFrame::one_month && commons::duration_ms(time_frame) == interval_ms)
      return time_frame;
  }
  if (interval_ms >= 28 * kDayMs && interval_ms <= 31 * kDayMs) return commons::TimeFrame::one_month;
  return std::nullopt;
}

ImportReport import_csv(const std::filesystem::path& file, const CsvImportOptions& options, DataFileWriter& writer) {
  const std::string name = file.string();
  commons::CandleCsv csv;
  try {
    csv = commons::read_candle_csv(file);
  } catch (const commons::CandleCsvError& e) {
    throw DataFileError(e.file(), e.expected(), e.found(), e.line() > 0 ? fmt::format("line {}", e.line()) : "");
  } catch (const std::runtime_error& e) {
    throw DataFileError(name, "a readable candle CSV file", e.what());
  }
  if (csv.candles.empty()) throw DataFileError(name, "at least one candle row", "none");

  ImportReport report;
  report.source_file = name;
  report.source_format = "csv (" + csv.time_format + ")";
  std::vector<std::string> origins;

  const auto symbol_column = read_symbol_column(file);

  // Exchange.
  if (!options.exchange.empty()) {
    report.key.exchange = lower(options.exchange);
    origins.emplace_back("exchange from --exchange");
  } else {
    report.key.exchange = symbol_column ? exchange_from_file_name(file, symbol_column->value) : std::string();
    if (report.key.exchange.empty()) {
      throw DataFileError(name,
                          "an exchange: pass --exchange (only CryptoDataDownload files, <Exchange>_<PAIR>_<tf>.csv "
                          "with a symbol column, name theirs)",
                          "none in the file name \"" + file.filename().string() + "\"");
    }
    origins.emplace_back("exchange from the file name");
  }

  // Symbol.
  if (!options.symbol.empty()) {
    report.key.symbol = options.symbol;
    origins.emplace_back("symbol from --symbol");
  } else if (const auto& column = symbol_column) {
    report.key.symbol = column->value;
    try {
      (void)split_symbol(report.key.symbol);
    } catch (const std::invalid_argument&) {
      throw DataFileError(name, "a symbol column value BASE/QUOTE (or pass --symbol)", "\"" + column->value + "\"",
                          fmt::format("line {}", column->line));
    }
    origins.emplace_back("symbol from the symbol column");
  } else {
    throw DataFileError(name, "a symbol: pass --symbol BASE/QUOTE (the file has no symbol column)", "none");
  }

  // Time frame: the option must agree with the candles' own interval when there is one.
  const auto inferred = time_frame_of_interval(csv.interval_ms);
  if (options.time_frame) {
    if (csv.interval_ms != 0 && inferred != options.time_frame) {
      throw DataFileError(name,
                          fmt::format("candles {} apart (--time-frame {})", commons::to_string(*options.time_frame),
                                      commons::to_string(*options.time_frame)),
                          fmt::format("a most common interval of {} ms{}", csv.interval_ms,
                                      inferred ? fmt::format(" ({})", commons::to_string(*inferred)) : ""));
    }
    report.key.time_frame = *options.time_frame;
    origins.emplace_back("time frame from --time-frame");
  } else if (inferred) {
    report.key.time_frame = *inferred;
    origins.emplace_back("time frame from the candle interval");
  } else {
    throw DataFileError(name, "candles one time frame apart, or --time-frame",
                        csv.interval_ms == 0 ? std::string("a single candle time")
                                             : fmt::format("a most common interval of {} ms", csv.interval_ms));
  }

  report.key_origin = fmt::format("{}", fmt::join(origins, ", "));
  report.rows = static_cast<std::int64_t>(csv.candles.size());
  report.first_open_time_ms = csv.candles.front().open_time_ms;
  report.last_open_time_ms = csv.candles.back().open_time_ms;
  report.duplicate_times = static_cast<std::int64_t>(csv.duplicates.size());
  report.swapped_volume_rows = static_cast<std::int64_t>(csv.swapped_volume_rows);

  try {
    report.series_id = writer.series(report.key);
  } catch (const std::invalid_argument& e) {
    throw DataFileError(name, "a valid series key", e.what());
  }
  try {
    report.inserted = writer.append(report.series_id, csv.candles).inserted;
  } catch (const DataFileError& e) {
    throw DataFileError(name, e.expected(), e.found());  // about the source's candles, so name the source
  }
  return report;
}

}  // namespace octobot::backtesting::data
