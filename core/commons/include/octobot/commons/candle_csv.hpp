// Candle files as exchanges and data vendors publish them, read into candles oldest first. Used by
// `octobot indicator` and meant for the backtesting importer.
//
// Accepted layouts (recognised by the header line, whatever the column order):
//   - CryptoDataDownload's exports (the project's Bitstamp files): a banner line before the header
//     `unix,date,symbol,open,high,low,close,Volume BTC,Volume USD`, newest first, `unix` in seconds;
//   - `timestamp,Open,High,Low,Close,Volume` with `YYYY-MM-DD HH:MM:SS` UTC times, oldest first;
//   - plain `time,open,high,low,close,volume`, time in Unix seconds or milliseconds.
// Column names are matched without regard to case. The time column is the first present of unix,
// timestamp, time, open_time, date, datetime; it holds either Unix time (seconds below 10^11, which
// is the year 5138; milliseconds from 10^11, which is 1973) or a UTC date-time. The volume is the
// `volume` column, or the first whose name starts with "volume" (the base currency's).
//
// The reader never guesses silently: a malformed row is an error naming the file, the line, what
// was expected and what was found; duplicate times and gaps are reported, not dropped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::commons {

struct Candle {
  std::int64_t open_time_ms = 0;  // Unix milliseconds, UTC
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;
};

// Two rows with the same time (both are kept in `candles`; the caller decides).
struct DuplicateCandleTime {
  std::int64_t time_ms;
  std::size_t first_line;  // 1-based lines of the file
  std::size_t second_line;
};

// Two consecutive candles (oldest first) whose times are not one interval apart: further apart
// means missing candles, closer means misaligned times.
struct CandleTimeGap {
  std::int64_t from_ms;
  std::int64_t to_ms;
};

struct CandleCsv {
  std::vector<Candle> candles;  // oldest first; rows with equal times keep the file's order
  // The most common step between consecutive candles (0 with fewer than two distinct times).
  std::int64_t interval_ms = 0;
  std::string time_format;  // "unix seconds", "unix milliseconds" or "date-time"
  std::vector<DuplicateCandleTime> duplicates;
  std::vector<CandleTimeGap> gaps;
  // Rows whose base and quote volume columns held each other's value (older CryptoDataDownload
  // rows do): detected by volume * close matching the other column, and corrected.
  std::size_t swapped_volume_rows = 0;
};

// A file that cannot be read as candles. what() is "<file>:<line>: expected <...>, found <...>"
// (without ":<line>" when the problem is not on one line).
class CandleCsvError : public std::runtime_error {
 public:
  CandleCsvError(std::string file, std::size_t line, std::string expected, std::string found);

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }  // 0 when not about one line
  [[nodiscard]] const std::string& expected() const noexcept { return expected_; }
  [[nodiscard]] const std::string& found() const noexcept { return found_; }

 private:
  std::string file_;
  std::size_t line_;
  std::string expected_;
  std::string found_;
};

// Throws CandleCsvError for malformed content, std::runtime_error when the file cannot be read.
[[nodiscard]] CandleCsv read_candle_csv(const std::filesystem::path& file);

// The same on text already in memory; `source_name` names it in errors.
[[nodiscard]] CandleCsv parse_candle_csv(std::string_view text, const std::string& source_name);

}  // namespace octobot::commons
