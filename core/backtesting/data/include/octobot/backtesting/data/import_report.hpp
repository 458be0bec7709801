// What an importer found in one source series and what it wrote: printed by `octobot data import`.
#pragma once

#include <octobot/backtesting/data/series.hpp>

#include <cstdint>
#include <string>

namespace octobot::backtesting::data {

struct ImportReport {
  std::string source_file;
  std::string source_format;  // "csv (unix seconds)", "OctoBot data 1.1", ...
  SeriesKey key;
  std::int64_t series_id = 0;           // in the output file
  std::int64_t rows = 0;                // candles read from the source
  std::int64_t first_open_time_ms = 0;  // span of the candles read
  std::int64_t last_open_time_ms = 0;
  std::int64_t duplicate_times = 0;      // rows whose time another row already had (first one kept)
  std::int64_t swapped_volume_rows = 0;  // CSV rows whose base/quote volumes were swapped and fixed
  std::int64_t inserted = 0;             // candles new to the output file
  // Filled from the output file once written (the series as stored, merged with what it held):
  std::int64_t gap_count = 0;
  std::int64_t missing_candles = 0;
  std::string key_origin;  // where exchange/symbol/time frame came from, e.g. "symbol column, interval"
};

}  // namespace octobot::backtesting::data
