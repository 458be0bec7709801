// The native file: what is written reads back exactly; existing files are extended, not replaced;
// files that are not native data files are refused with the file and the reason.
#include <catch2/catch.hpp>
#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_error.hpp>
#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/backtesting/data/format.hpp>

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "data_test_support.hpp"
#include "temp_dir.hpp"

namespace {

using namespace octobot::backtesting::data;
using octobot::commons::TimeFrame;
using testing::generated_candles;
using testing::kJan2024Ms;

void run_sql(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.string().c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  const int status = sqlite3_exec(db, sql, nullptr, nullptr, &error);
  INFO((error != nullptr ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(status == SQLITE_OK);
}

std::vector<octobot::commons::Candle> read_all(const DataFile& file, std::int64_t series_id) {
  CandleStream stream(file, {.series_ids = {series_id}});
  std::vector<octobot::commons::Candle> candles;
  for (StreamedCandle c; stream.next(c);) candles.push_back(c.candle);
  return candles;
}

bool same(const octobot::commons::Candle& a, const octobot::commons::Candle& b) {
  return a.open_time_ms == b.open_time_ms && a.open == b.open && a.high == b.high && a.low == b.low &&
         a.close == b.close && a.volume == b.volume;
}

}  // namespace

TEST_CASE("candles written to a data file read back bit for bit, with the series described", "[backtesting][data]") {
  octobot::testing::TempDir dir;
  const auto path = dir / "round_trip.sqlite";
  const auto hourly = generated_candles(kJan2024Ms, TimeFrame::one_hour, 500, 1);
  const auto daily = generated_candles(kJan2024Ms, TimeFrame::one_day, 20, 2);
  std::int64_t hourly_id = 0;
  {
    DataFileWriter writer(path, "test round trip");
    hourly_id = writer.series({"binance", "BTC/USDT", TimeFrame::one_hour});
    const auto daily_id = writer.series({"binance", "ETH/USDT", TimeFrame::one_day});
    // Out of order on purpose: the file orders by the primary key, whatever the insertion order.
    std::vector<octobot::commons::Candle> shuffled(hourly.rbegin(), hourly.rend());
    CHECK(writer.append(hourly_id, shuffled).inserted == static_cast<std::int64_t>(hourly.size()));
    CHECK(writer.append(daily_id, daily).inserted == static_cast<std::int64_t>(daily.size()));
    writer.commit();
  }
  const DataFile file = DataFile::open(path);
  CHECK(file.meta().format == kFormatName);
  CHECK(file.meta().version == kFormatVersion);
  CHECK(file.meta().source == "test round trip");
  CHECK(file.meta().created_at.size() == 20);  // 2026-11-29T10:00:00Z
  REQUIRE(file.series().size() == 2);
  const auto info = file.find({"binance", "BTC/USDT", TimeFrame::one_hour});
  REQUIRE(info);
  CHECK(info->id == hourly_id);
  CHECK(info->base == "BTC");
  CHECK(info->quote == "USDT");
  CHECK(info->candle_count == static_cast<std::int64_t>(hourly.size()));
  CHECK(info->first_open_time_ms == hourly.front().open_time_ms);
  CHECK(info->last_open_time_ms == hourly.back().open_time_ms);

  const auto back = read_all(file, hourly_id);
  REQUIRE(back.size() == hourly.size());
  CHECK(std::equal(back.begin(), back.end(), hourly.begin(), same));
  CHECK(file.gaps(hourly_id).gap_count == 0);
}

TEST_CASE("an existing data file is extended: new series are added, known candles are kept", "[backtesting][data]") {
  octobot::testing::TempDir dir;
  const auto path = dir / "extend.sqlite";
  const auto candles = generated_candles(kJan2024Ms, TimeFrame::one_hour, 100, 3);
  {
    DataFileWriter writer(path, "first import");
    writer.append(writer.series({"binance", "BTC/USDT", TimeFrame::one_hour}), std::span(candles).subspan(0, 60));
    writer.commit();
  }
  {
    DataFileWriter writer(path, "second import");
    auto changed = candles;
    changed[10].close += 1000;  // a known time with other values: the stored candle wins
    const AppendResult result = writer.append(writer.series({"binance", "BTC/USDT", TimeFrame::one_hour}), changed);
    CHECK(result.inserted == 40);
    CHECK(result.duplicates_ignored == 60);
    writer.commit();
  }
  const DataFile file = DataFile::open(path);
  CHECK(file.meta().source == "first import; second import");
  REQUIRE(file.series().size() == 1);
  CHECK(file.series()[0].candle_count == 100);
  const auto back = read_all(file, file.series()[0].id);
  CHECK(same(back[10], candles[10]));
}

TEST_CASE("a writer destroyed without commit leaves the file as it was", "[backtesting][data]") {
  octobot::testing::TempDir dir;
  const auto path = dir / "rollback.sqlite";
  const auto candles = generated_candles(kJan2024Ms, TimeFrame::one_hour, 10);
  {
    DataFileWriter writer(path, "kept");
    writer.append(writer.series({"binance", "BTC/USDT", TimeFrame::one_hour}), candles);
    writer.commit();
  }
  {
    DataFileWriter writer(path, "dropped");
    writer.append(writer.series({"binance", "ETH/USDT", TimeFrame::one_hour}), candles);
  }
  const DataFile file = DataFile::open(path);
  CHECK(file.series().size() == 1);
  CHECK(file.meta().source == "kept");
}

TEST_CASE("missing candles are reported as gaps with their span", "[backtesting][data]") {
  octobot::testing::TempDir dir;
  const auto path = dir / "gaps.sqlite";
  auto candles = generated_candles(kJan2024Ms, TimeFrame::one_hour, 48);
  // Remove hours 5..7 (three candles) and hour 20 (one).
  const auto gap_from = candles[5].open_time_ms;
  const auto gap_to = candles[8].open_time_ms;
  candles.erase(candles.begin() + 20);
  candles.erase(candles.begin() + 5, candles.begin() + 8);
  {
    DataFileWriter writer(path, "gaps");
    writer.append(writer.series({"kraken", "BTC/EUR", TimeFrame::one_hour}), candles);
    writer.commit();
  }
  const DataFile file = DataFile::open(path);
  const GapReport gaps = file.gaps(file.series()[0].id, 1);
  CHECK(gaps.gap_count == 2);
  CHECK(gaps.missing_candles == 4);
  REQUIRE(gaps.first_gaps.size() == 1);
  CHECK(gaps.first_gaps[0].from_ms == gap_from);
  CHECK(gaps.first_gaps[0].to_ms == gap_to);
  CHECK(gaps.first_gaps[0].missing == 3);
}

TEST_CASE("candles off their time frame's boundaries or with non-finite values are refused", "[backtesting][data]") {
  octobot::testing::TempDir dir;
  DataFileWriter writer(dir / "bad.sqlite", "bad");
  const auto id = writer.series({"binance", "BTC/USDT", TimeFrame::one_hour});
  octobot::commons::Candle off{kJan2024Ms + 60'000, 1, 2, 0.5, 1.5, 10};
  try {
    writer.append(id, std::span(&off, 1));
    FAIL("expected DataFileError");
  } catch (const DataFileError& e) {
    CHECK(e.expected() == "candle open times on 1h boundaries");
    CHECK(e.found().find("2024-01-01 00:01:00") != std::string::npos);
    CHECK(e.where() == "series binance BTC/USDT 1h");
  }
  octobot::commons::Candle nan{kJan2024Ms, 1, 2, 0.5, std::nan(""), 10};
  CHECK_THROWS_AS(writer.append(id, std::span(&nan, 1)), DataFileError);
  CHECK_THROWS_WITH(writer.series({"binance", "BTCUSDT", TimeFrame::one_hour}),
                    Catch::Contains("expected a symbol BASE/QUOTE") && Catch::Contains("\"BTCUSDT\""));
}

TEST_CASE("files that are not native data files are refused, naming the file and what was found",
          "[backtesting][data]") {
  octobot::testing::TempDir dir;

  SECTION("missing file") {
    CHECK_THROWS_WITH(DataFile::open(dir / "absent.sqlite"),
                      Catch::Contains("absent.sqlite") && Catch::Contains("found no such file"));
  }
  SECTION("a text file") {
    const auto path = dir.write("notes.sqlite", "unix,open,high\n1,2,3\n");
    CHECK_THROWS_WITH(DataFile::open(path),
                      Catch::Contains("notes.sqlite: expected a SQLite database, found a file that is not one"));
  }
  SECTION("SQLite without the format's tables") {
    const auto path = dir / "other.sqlite";
    run_sql(path, "CREATE TABLE things (x INTEGER)");
    CHECK_THROWS_WITH(DataFile::open(path), Catch::Contains("other.sqlite") &&
                                                Catch::Contains("expected a native backtesting data file") &&
                                                Catch::Contains("found no table \"meta\""));
  }
  SECTION("another format name or a newer version") {
    const auto path = dir / "versions.sqlite";
    {
      DataFileWriter writer(path, "v");
      writer.commit();
    }
    run_sql(path, "UPDATE meta SET value = '99' WHERE key = 'version'");
    CHECK_THROWS_WITH(DataFile::open(path), Catch::Contains("found version 99: update octobot"));
    run_sql(path, "UPDATE meta SET value = 'something-else' WHERE key = 'format'");
    CHECK_THROWS_WITH(DataFile::open(path), Catch::Contains("found \"something-else\""));
    // A writer refuses to extend it too, rather than mixing formats.
    CHECK_THROWS_AS(DataFileWriter(path, "again"), DataFileError);
  }
}
