// Streaming candles in the order a live bot sees them close, within a window, in bounded memory.
#include <catch2/catch.hpp>
#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_writer.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <tuple>

#include "data_test_support.hpp"
#include "temp_dir.hpp"

namespace {

using namespace octobot::backtesting::data;
using octobot::commons::TimeFrame;
using testing::generated_candles;
using testing::kJan2024Ms;

constexpr std::int64_t kHourMs = 3'600'000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

struct Seen {
  std::int64_t close_time_ms;
  TimeFrame time_frame;
  std::string symbol;
  std::int64_t open_time_ms;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> stream_all(const DataFile& file, StreamOptions options = {}) {
  CandleStream stream(file, options);
  std::vector<Seen> seen;
  for (StreamedCandle c; stream.next(c);) {
    seen.push_back({c.close_time_ms, c.series->time_frame, c.series->symbol, c.candle.open_time_ms});
  }
  return seen;
}

// Three days of BTC/USDT and ETH/USDT 1h, and BTC/USDT 1d: written once, read by several tests.
std::filesystem::path write_multi_series(const octobot::testing::TempDir& dir) {
  const auto path = dir / "multi.sqlite";
  DataFileWriter writer(path, "multi");
  writer.append(writer.series({"binance", "BTC/USDT", TimeFrame::one_hour}),
                generated_candles(kJan2024Ms, TimeFrame::one_hour, 72, 1));
  writer.append(writer.series({"binance", "ETH/USDT", TimeFrame::one_hour}),
                generated_candles(kJan2024Ms, TimeFrame::one_hour, 72, 2));
  writer.append(writer.series({"binance", "BTC/USDT", TimeFrame::one_day}),
                generated_candles(kJan2024Ms, TimeFrame::one_day, 3, 3));
  writer.commit();
  return path;
}

// The expected order computed independently: every candle in memory, sorted by the documented key.
std::vector<Seen> expected_order(const DataFile& file, std::int64_t start_ms, std::int64_t end_ms) {
  std::vector<Seen> all;
  for (const SeriesInfo& info : file.series()) {
    CandleStream stream(file, {.series_ids = {info.id}});
    for (StreamedCandle c; stream.next(c);) {
      if (c.candle.open_time_ms < start_ms || c.candle.open_time_ms >= end_ms) continue;
      all.push_back({c.candle.open_time_ms + octobot::commons::duration_ms(info.time_frame), info.time_frame,
                     info.symbol, c.candle.open_time_ms});
    }
  }
  std::sort(all.begin(), all.end(), [](const Seen& a, const Seen& b) {
    return std::tie(a.close_time_ms, a.time_frame, a.symbol) < std::tie(b.close_time_ms, b.time_frame, b.symbol);
  });
  return all;
}

}  // namespace

TEST_CASE("merged series come in close order: a day's candle right after that day's 23:00 hourly candles",
          "[backtesting][data][stream]") {
  octobot::testing::TempDir dir;
  const DataFile file = DataFile::open(write_multi_series(dir));
  const auto seen = stream_all(file, {.chunk_size = 5});  // small chunks: many refills on the way
  REQUIRE(seen.size() == 72 + 72 + 3);
  CHECK(seen == expected_order(file, INT64_MIN, INT64_MAX));

  for (int day = 0; day < 3; ++day) {
    const auto daily = std::find_if(seen.begin(), seen.end(), [&](const Seen& s) {
      return s.time_frame == TimeFrame::one_day && s.open_time_ms == kJan2024Ms + day * kDayMs;
    });
    REQUIRE(daily != seen.end());
    REQUIRE(daily - seen.begin() >= 2);
    // Just before it: the 23:00 hourly candles of that day (BTC then ETH), closing at the same instant.
    const auto& eth = *(daily - 1);
    const auto& btc = *(daily - 2);
    CHECK(btc.time_frame == TimeFrame::one_hour);
    CHECK(btc.symbol == "BTC/USDT");
    CHECK(btc.open_time_ms == kJan2024Ms + day * kDayMs + 23 * kHourMs);
    CHECK(eth.symbol == "ETH/USDT");
    CHECK(eth.open_time_ms == btc.open_time_ms);
    CHECK(daily->close_time_ms == btc.close_time_ms);
    // And the next candle is the following day's 00:00 hourly one (closing an hour later).
    if (daily + 1 != seen.end()) CHECK((daily + 1)->close_time_ms == daily->close_time_ms + kHourMs);
  }
}

TEST_CASE("a window keeps the candles opening from its start, up to its end excluded", "[backtesting][data][stream]") {
  octobot::testing::TempDir dir;
  const DataFile file = DataFile::open(write_multi_series(dir));
  const std::int64_t start = kJan2024Ms + kDayMs;              // day 2, 00:00 included
  const std::int64_t end = kJan2024Ms + kDayMs + 6 * kHourMs;  // day 2, 06:00 excluded
  const auto seen = stream_all(file, {.start_ms = start, .end_ms = end, .chunk_size = 4});
  CHECK(seen == expected_order(file, start, end));
  REQUIRE(seen.size() == 6 + 6 + 1);
  for (const Seen& s : seen) {
    CHECK(s.open_time_ms >= start);
    CHECK(s.open_time_ms < end);
  }
  CHECK(stream_all(file, {.start_ms = end, .end_ms = end}).empty());
}

TEST_CASE("selected series only, and an unknown series id is refused", "[backtesting][data][stream]") {
  octobot::testing::TempDir dir;
  const DataFile file = DataFile::open(write_multi_series(dir));
  const auto daily = file.find({"binance", "BTC/USDT", TimeFrame::one_day});
  REQUIRE(daily);
  CandleStream stream(file, {.series_ids = {daily->id}});
  std::size_t count = 0;
  for (StreamedCandle c; stream.next(c);) {
    CHECK(c.series->id == daily->id);
    ++count;
  }
  CHECK(count == 3);
  CHECK_THROWS_AS(CandleStream(file, {.series_ids = {12345}}), std::invalid_argument);
}

TEST_CASE("monthly candles close on the first day of the next calendar month", "[backtesting][data][stream]") {
  octobot::testing::TempDir dir;
  const auto path = dir / "monthly.sqlite";
  {
    DataFileWriter writer(path, "monthly");
    writer.append(writer.series({"binance", "BTC/USDT", TimeFrame::one_month}),
                  generated_candles(kJan2024Ms, TimeFrame::one_month, 3));
    writer.commit();
  }
  const DataFile file = DataFile::open(path);
  CandleStream stream(file);
  StreamedCandle c;
  REQUIRE(stream.next(c));  // January 2024: 31 days
  CHECK(c.close_time_ms == kJan2024Ms + 31 * kDayMs);
  REQUIRE(stream.next(c));  // February 2024: 29 days
  CHECK(c.close_time_ms == kJan2024Ms + 60 * kDayMs);
  CHECK(file.gaps(file.series()[0].id).gap_count == 0);
}

namespace {

// Resident memory of this process, in KiB (Linux).
long resident_kib() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

}  // namespace

TEST_CASE("a 1M-candle file streams in bounded memory: one chunk per series, flat resident size",
          "[backtesting][data][stream][slow]") {
  octobot::testing::TempDir dir;
  const auto path = dir / "million.sqlite";
  constexpr std::size_t kCandles = 1'000'000;
  {
    DataFileWriter writer(path, "generated");
    const auto id = writer.series({"binance", "BTC/USDT", TimeFrame::one_minute});
    // Written in slices so that the test itself never holds the whole series.
    constexpr std::size_t kSlice = 100'000;
    for (std::size_t first = 0; first < kCandles; first += kSlice) {
      const auto open = kJan2024Ms + static_cast<std::int64_t>(first) * 60'000;
      writer.append(id, generated_candles(open, TimeFrame::one_minute, kSlice, static_cast<unsigned>(first)));
    }
    writer.commit();
  }
  const DataFile file = DataFile::open(path);
  constexpr std::size_t kChunk = 1024;
  CandleStream stream(file, {.chunk_size = kChunk});
  std::size_t count = 0;
  std::int64_t previous = INT64_MIN;
  long rss_after_warm_up = 0;
  for (StreamedCandle c; stream.next(c);) {
    REQUIRE(c.close_time_ms > previous);
    previous = c.close_time_ms;
    if (++count == 50'000) rss_after_warm_up = resident_kib();
  }
  const long rss_at_end = resident_kib();
  CHECK(count == kCandles);
  CHECK(stream.max_buffered() <= kChunk);
  // The whole series in memory would be 1M * 48 bytes = 46 MiB; the stream must stay far below.
  INFO("resident KiB after 50k candles: " << rss_after_warm_up << ", at the end: " << rss_at_end);
  CHECK(rss_at_end - rss_after_warm_up < 8 * 1024);
}
