#include <octobot/commons/candle_csv.hpp>
#include <octobot/commons/files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <utility>

namespace octobot::commons {

CandleCsvError::CandleCsvError(std::string file, std::size_t line, std::string expected, std::string found)
    : std::runtime_error(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": expected " + expected +
                         ", found " + found),
      file_(std::move(file)),
      line_(line),
      expected_(std::move(expected)),
      found_(std::move(found)) {}

namespace {

// A banner (CryptoDataDownload puts its URL first) may precede the header; more than this many
// lines before it means the file is not a candle file.
constexpr std::size_t kMaxLinesBeforeHeader = 5;
// Unix times from 10^11 are milliseconds (10^11 s is the year 5138, 10^11 ms is March 1973).
constexpr std::int64_t kFirstMillisecondTime = 100'000'000'000;
// Base volume * close and quote volume of one row agree within this factor unless swapped.
constexpr double kVolumeAgreementFactor = 2.0;

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Fields of one line, trimmed, surrounding double quotes removed (no field holds a comma).
std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    std::string_view field = trim(line.substr(start, comma == std::string_view::npos ? line.npos : comma - start));
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"') field = field.substr(1, field.size() - 2);
    fields.push_back(field);
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

struct Columns {
  std::size_t count = 0;
  std::size_t time = 0;
  std::size_t open = 0;
  std::size_t high = 0;
  std::size_t low = 0;
  std::size_t close = 0;
  std::size_t volume = 0;
  std::optional<std::size_t> quote_volume;  // a second "volume ..." column, for the swap check
  std::string header;                       // the header line, for messages
};

std::optional<std::size_t> find_column(const std::vector<std::string>& names, std::string_view name) {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) return std::nullopt;
  return static_cast<std::size_t>(found - names.begin());
}

// The header's columns, or nullopt when the line is not a candle header (no open/high/low/close).
std::optional<Columns> match_header(const std::vector<std::string_view>& fields, std::string_view line,
                                    const std::string& file, std::size_t line_number) {
  std::vector<std::string> names;
  for (const std::string_view field : fields) names.push_back(lower(field));
  const auto open = find_column(names, "open");
  const auto high = find_column(names, "high");
  const auto low = find_column(names, "low");
  const auto close = find_column(names, "close");
  if (!open || !high || !low || !close) return std::nullopt;

  Columns columns;
  columns.count = names.size();
  columns.open = *open;
  columns.high = *high;
  columns.low = *low;
  columns.close = *close;
  columns.header = std::string(line);
  std::optional<std::size_t> time;
  for (const char* name : {"unix", "timestamp", "time", "open_time", "date", "datetime"}) {
    if ((time = find_column(names, name))) break;
  }
  if (!time) {
    throw CandleCsvError(file, line_number, "a time column (unix, timestamp, time, open_time, date or datetime)",
                         "the header " + quoted(line));
  }
  columns.time = *time;
  std::vector<std::size_t> volumes;
  if (const auto plain = find_column(names, "volume")) volumes.push_back(*plain);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] != "volume" && names[i].rfind("volume", 0) == 0) volumes.push_back(i);
  }
  if (volumes.empty()) {
    throw CandleCsvError(file, line_number, "a volume column (volume, or a name starting with \"volume\")",
                         "the header " + quoted(line));
  }
  columns.volume = volumes[0];
  if (volumes.size() > 1) columns.quote_volume = volumes[1];
  return columns;
}

enum class TimeFormat { unix_seconds, unix_milliseconds, date_time };

std::string_view describe(TimeFormat format) {
  switch (format) {
    case TimeFormat::unix_seconds:
      return "unix seconds";
    case TimeFormat::unix_milliseconds:
      return "unix milliseconds";
    case TimeFormat::date_time:
      return "date-time";
  }
  return "";
}

template <typename Integer>
bool parse_integer(std::string_view text, Integer& out) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size();
}

// "YYYY-MM-DD", optionally followed by [ T]HH:MM[:SS] and "Z" or "+00:00": UTC only.
std::optional<std::int64_t> parse_date_time(std::string_view text) {
  if (text.size() >= 1 && text.back() == 'Z') text.remove_suffix(1);
  if (text.size() >= 6 && text.substr(text.size() - 6) == "+00:00") text.remove_suffix(6);
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !parse_integer(text.substr(0, 4), year) ||
      !parse_integer(text.substr(5, 2), month) || !parse_integer(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  if (text.size() > 10) {
    if ((text[10] != ' ' && text[10] != 'T') || (text.size() != 16 && text.size() != 19) || text[13] != ':' ||
        !parse_integer(text.substr(11, 2), hour) || !parse_integer(text.substr(14, 2), minute)) {
      return std::nullopt;
    }
    if (text.size() == 19 && (text[16] != ':' || !parse_integer(text.substr(17, 2), second))) return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return ((static_cast<std::int64_t>(days) * 24 + hour) * 60 + minute) * 60'000 + second * 1000;
}

// Reads one row's cells, checking each against the file's conventions.
class RowReader {
 public:
  RowReader(const std::string& file, const Columns& columns) : file_(file), columns_(columns) {}

  // The candle of one row; `line` is its 1-based line number. Corrects swapped volumes.
  Candle read(const std::vector<std::string_view>& fields, std::size_t line) {
    if (fields.size() != columns_.count) {
      throw CandleCsvError(file_, line, fmt::format("{} fields ({})", columns_.count, columns_.header),
                           fmt::format("{} field{}", fields.size(), fields.size() == 1 ? "" : "s"));
    }
    Candle candle;
    candle.open_time_ms = read_time(fields[columns_.time], line);
    candle.open = number(fields, columns_.open, line);
    candle.high = number(fields, columns_.high, line);
    candle.low = number(fields, columns_.low, line);
    candle.close = number(fields, columns_.close, line);
    candle.volume = number(fields, columns_.volume, line);
    if (!(candle.low <= candle.open && candle.open <= candle.high && candle.low <= candle.close &&
          candle.close <= candle.high)) {
      throw CandleCsvError(file_, line, "low <= open, close <= high",
                           fmt::format("open {}, high {}, low {}, close {}", fields[columns_.open],
                                       fields[columns_.high], fields[columns_.low], fields[columns_.close]));
    }
    if (candle.volume < 0) {
      throw CandleCsvError(file_, line, "a volume >= 0", quoted(fields[columns_.volume]));
    }
    if (columns_.quote_volume) correct_swapped_volume(candle, number(fields, *columns_.quote_volume, line));
    return candle;
  }

  [[nodiscard]] std::optional<TimeFormat> time_format() const noexcept { return format_; }
  [[nodiscard]] std::size_t swapped_volume_rows() const noexcept { return swapped_; }

 private:
  double number(const std::vector<std::string_view>& fields, std::size_t column, std::size_t line) const {
    const std::string_view text = fields[column];
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      throw CandleCsvError(file_, line, fmt::format("a number in column \"{}\"", column_name(column)),
                           text.empty() ? "an empty field" : quoted(text));
    }
    return value;
  }

  std::string column_name(std::size_t column) const { return std::string(split_fields(columns_.header)[column]); }

  std::int64_t read_time(std::string_view text, std::size_t line) {
    std::int64_t unix_time = 0;
    TimeFormat format = TimeFormat::date_time;
    std::int64_t time_ms = 0;
    if (parse_integer(text, unix_time) && unix_time >= 0) {
      format = unix_time < kFirstMillisecondTime ? TimeFormat::unix_seconds : TimeFormat::unix_milliseconds;
      time_ms = format == TimeFormat::unix_seconds ? unix_time * 1000 : unix_time;
    } else if (const auto parsed = parse_date_time(text)) {
      time_ms = *parsed;
    } else {
      throw CandleCsvError(file_, line,
                           fmt::format("a time in column \"{}\" (Unix seconds or milliseconds, or a UTC date-time "
                                       "YYYY-MM-DD HH:MM:SS)",
                                       column_name(columns_.time)),
                           text.empty() ? "an empty field" : quoted(text));
    }
    if (!format_) format_ = format;
    if (format != *format_) {
      throw CandleCsvError(file_, line, fmt::format("a time in {} like the rows above", describe(*format_)),
                           fmt::format("{} ({})", quoted(text), describe(format)));
    }
    return time_ms;
  }

  void correct_swapped_volume(Candle& candle, double quote_volume) {
    if (candle.volume <= 0 || quote_volume <= 0 || candle.close <= 0) return;
    const auto agrees = [](double ratio) {
      return ratio >= 1 / kVolumeAgreementFactor && ratio <= kVolumeAgreementFactor;
    };
    const bool as_labelled = agrees(quote_volume / (candle.volume * candle.close));
    const bool swapped = agrees(candle.volume / (quote_volume * candle.close));
    if (!as_labelled && swapped) {
      candle.volume = quote_volume;
      ++swapped_;
    }
  }

  const std::string& file_;
  const Columns& columns_;
  std::optional<TimeFormat> format_;
  std::size_t swapped_ = 0;
};

struct NumberedCandle {
  Candle candle;
  std::size_t line;
};

// Sorts oldest first and fills the report: duplicates, interval, gaps.
void order_and_check_times(std::vector<NumberedCandle>& rows, CandleCsv& out) {
  std::stable_sort(rows.begin(), rows.end(), [](const NumberedCandle& a, const NumberedCandle& b) {
    return a.candle.open_time_ms < b.candle.open_time_ms;
  });
  std::map<std::int64_t, std::size_t> step_counts;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::int64_t step = rows[i].candle.open_time_ms - rows[i - 1].candle.open_time_ms;
    if (step == 0) {
      out.duplicates.push_back({rows[i].candle.open_time_ms, rows[i - 1].line, rows[i].line});
    } else {
      ++step_counts[step];
    }
  }
  for (const auto& [step, count] : step_counts) {
    if (out.interval_ms == 0 || count > step_counts[out.interval_ms]) out.interval_ms = step;
  }
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const std::int64_t step = rows[i].candle.open_time_ms - rows[i - 1].candle.open_time_ms;
    if (step != 0 && step != out.interval_ms) {
      out.gaps.push_back({rows[i - 1].candle.open_time_ms, rows[i].candle.open_time_ms});
    }
  }
  out.candles.reserve(rows.size());
  for (const NumberedCandle& row : rows) out.candles.push_back(row.candle);
}

}  // namespace

CandleCsv parse_candle_csv(std::string_view text, const std::string& source_name) {
  std::optional<Columns> columns;
  std::optional<RowReader> reader;
  std::vector<NumberedCandle> rows;
  std::size_t lines_before_header = 0;
  std::size_t line_number = 0;
  std::string_view first_line;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;
    const std::vector<std::string_view> fields = split_fields(line);
    if (!columns) {
      if (first_line.empty()) first_line = line;
      columns = match_header(fields, line, source_name, line_number);
      if (columns) {
        reader.emplace(source_name, *columns);
      } else if (++lines_before_header >= kMaxLinesBeforeHeader) {
        break;
      }
      continue;
    }
    rows.push_back({reader->read(fields, line_number), line_number});
  }
  if (!columns) {
    throw CandleCsvError(source_name, 0,
                         fmt::format("a header line with open, high, low and close columns in the first {} lines",
                                     kMaxLinesBeforeHeader),
                         first_line.empty() ? "an empty file" : "first line " + quoted(first_line));
  }
  CandleCsv out;
  if (const auto format = reader->time_format()) out.time_format = std::string(describe(*format));
  out.swapped_volume_rows = reader->swapped_volume_rows();
  order_and_check_times(rows, out);
  return out;
}

CandleCsv read_candle_csv(const std::filesystem::path& file) {
  return parse_candle_csv(read_text_file(file), file.string());
}

}  // namespace octobot::commons
