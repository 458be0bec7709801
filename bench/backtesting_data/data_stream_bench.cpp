// Backtesting data: how fast candles go into a native file and come back out of CandleStream, next to
// a plain SELECT loop over the same table (the floor any SQLite reader pays).
// Usage: bench_backtesting_data [CANDLES]   (default 2,000,000 one-minute candles)
#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_writer.hpp>

#include <sqlite3.h>

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_report.hpp"

namespace {

namespace bd = octobot::backtesting::data;
using octobot::bench::report;
using octobot::bench::Stopwatch;
using octobot::commons::TimeFrame;

constexpr std::int64_t kJan2024Ms = 1'704'067'200'000;

std::vector<octobot::commons::Candle> candles_from(std::int64_t first_open_ms, std::size_t count) {
  std::vector<octobot::commons::Candle> candles(count);
  double price = 100;
  for (std::size_t i = 0; i < count; ++i) {
    const double close = price + ((i * 7919) % 13 - 6) * 0.1;
    candles[i] = {first_open_ms + static_cast<std::int64_t>(i) * 60'000,
                  price,
                  price + 1,
                  close - 1,
                  close,
                  static_cast<double>(i % 100)};
    price = close;
  }
  return candles;
}

// Writes `series` one-minute series of `per_series` candles each; returns candles written per second.
double write_file(const std::filesystem::path& path, int series, std::size_t per_series) {
  constexpr std::size_t kSlice = 100'000;
  const Stopwatch clock;
  bd::DataFileWriter writer(path, "bench");
  for (int s = 0; s < series; ++s) {
    const auto id = writer.series({"binance", "S" + std::to_string(s) + "/USDT", TimeFrame::one_minute});
    for (std::size_t first = 0; first < per_series; first += kSlice) {
      const auto slice =
          candles_from(kJan2024Ms + static_cast<std::int64_t>(first) * 60'000, std::min(kSlice, per_series - first));
      writer.append(id, slice);
    }
  }
  writer.commit();
  return static_cast<double>(series * per_series) / clock.seconds();
}

double stream_rate(const std::filesystem::path& path, std::size_t chunk) {
  const bd::DataFile file = bd::DataFile::open(path);
  const Stopwatch clock;
  bd::CandleStream stream(file, {.chunk_size = chunk});
  std::size_t count = 0;
  double checksum = 0;
  for (bd::StreamedCandle c; stream.next(c);) {
    checksum += c.candle.close;
    ++count;
  }
  octobot::bench::do_not_optimize(checksum);
  return static_cast<double>(count) / clock.seconds();
}

// The reference: one prepared SELECT stepped to the end, every column read, nothing else.
double select_loop_rate(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_exec(db, "PRAGMA cache_size = -4096", nullptr, nullptr, nullptr);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT open_time_ms, open, high, low, close, volume FROM candles WHERE series_id = 1 "
                     "ORDER BY open_time_ms",
                     -1, &statement, nullptr);
  const Stopwatch clock;
  std::size_t count = 0;
  double checksum = 0;
  while (sqlite3_step(statement) == SQLITE_ROW) {
    checksum += static_cast<double>(sqlite3_column_int64(statement, 0)) + sqlite3_column_double(statement, 1) +
                sqlite3_column_double(statement, 2) + sqlite3_column_double(statement, 3) +
                sqlite3_column_double(statement, 4) + sqlite3_column_double(statement, 5);
    ++count;
  }
  const double rate = static_cast<double>(count) / clock.seconds();
  octobot::bench::do_not_optimize(checksum);
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t candles = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 2'000'000;
  std::string pattern = (std::filesystem::temp_directory_path() / "octobot-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return 1;
  const std::filesystem::path dir = pattern;

  const auto single = dir / "single.sqlite";
  report("backtesting_data.write", "candles/s", write_file(single, 1, candles));
  report("backtesting_data.file_size", "bytes/candle",
         static_cast<double>(std::filesystem::file_size(single)) / static_cast<double>(candles));
  report("backtesting_data.select_loop_reference", "candles/s", select_loop_rate(single));
  for (const std::size_t chunk : {256UL, 4096UL, 65536UL}) {
    report("backtesting_data.stream_1_series.chunk_" + std::to_string(chunk), "candles/s", stream_rate(single, chunk));
  }
  const auto merged = dir / "merged.sqlite";
  write_file(merged, 4, candles / 4);
  report("backtesting_data.stream_4_series_merged.chunk_4096", "candles/s", stream_rate(merged, 4096));

  std::filesystem::remove_all(dir);
  return 0;
}
