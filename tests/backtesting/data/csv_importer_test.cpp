// Importing candle CSV files: the series key from the file or the options, the quirks of real files
// reported (gaps, duplicates, swapped volumes), and files that cannot be imported refused with the line.
#include <catch2/catch.hpp>
#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/backtesting/data/csv_importer.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_error.hpp>
#include <octobot/commons/candle_csv.hpp>

#include <string>

#include "temp_dir.hpp"

namespace {

using namespace octobot::backtesting::data;
using octobot::commons::TimeFrame;

const std::filesystem::path kFixtures = std::filesystem::path(OCTOBOT_SOURCE_DIR) / "tests/backtesting/data/fixtures";

struct Imported {
  ImportReport report;
  std::vector<octobot::commons::Candle> stored;
};

Imported import_into(const std::filesystem::path& output, const std::string& fixture, const CsvImportOptions& options) {
  Imported result;
  {
    DataFileWriter writer(output, "test");
    result.report = import_csv(kFixtures / fixture, options, writer);
    writer.commit();
  }
  const DataFile file = DataFile::open(output);
  CandleStream stream(file, {.series_ids = {result.report.series_id}});
  for (StreamedCandle c; stream.next(c);) result.stored.push_back(c.candle);
  return result;
}

}  // namespace

TEST_CASE("a CryptoDataDownload file gives its own key and its quirks are reported", "[backtesting][data][csv]") {
  octobot::testing::TempDir dir;
  const auto fixture = "Bitstamp_BTCUSD_1h_quirks.csv";
  const auto imported = import_into(dir / "out.sqlite", fixture, {});
  const ImportReport& report = imported.report;
  CHECK(report.key.exchange == "bitstamp");
  CHECK(report.key.symbol == "BTC/USD");
  CHECK(report.key.time_frame == TimeFrame::one_hour);
  CHECK(report.key_origin ==
        "exchange from the file name, symbol from the symbol column, time frame from the candle interval");
  CHECK(report.source_format == "csv (unix seconds)");

  // What the commons reader finds in the file is what the report says.
  const auto csv = octobot::commons::read_candle_csv(kFixtures / fixture);
  CHECK(report.rows == static_cast<std::int64_t>(csv.candles.size()));
  CHECK(report.duplicate_times == 1);
  CHECK(report.swapped_volume_rows == 1);
  CHECK(report.first_open_time_ms == csv.candles.front().open_time_ms);
  CHECK(report.last_open_time_ms == csv.candles.back().open_time_ms);

  // Stored: oldest first, one candle per time, the swapped volumes fixed (base volume, not USD).
  CHECK(report.inserted == report.rows - 1);
  REQUIRE(imported.stored.size() == static_cast<std::size_t>(report.rows - 1));
  for (std::size_t i = 1; i < imported.stored.size(); ++i) {
    CHECK(imported.stored[i].open_time_ms > imported.stored[i - 1].open_time_ms);
  }
  for (const auto& candle : imported.stored) CHECK(candle.volume < 1000);

  const DataFile file = DataFile::open(dir / "out.sqlite");
  const GapReport gaps = file.gaps(report.series_id);
  CHECK(gaps.gap_count == 1);
  CHECK(gaps.missing_candles == 2);
}

TEST_CASE("times in seconds and in milliseconds give the same candles", "[backtesting][data][csv]") {
  octobot::testing::TempDir dir;
  const CsvImportOptions options{"Binance", "BTC/USDT", std::nullopt};
  const auto ms = import_into(dir / "ms.sqlite", "daily_ms.csv", options);
  const auto seconds = import_into(dir / "s.sqlite", "daily_seconds.csv", options);
  CHECK(ms.report.source_format == "csv (unix milliseconds)");
  CHECK(seconds.report.source_format == "csv (unix seconds)");
  CHECK(ms.report.key.exchange == "binance");  // exchange names are lower case
  CHECK(ms.report.key.time_frame == TimeFrame::one_day);
  REQUIRE(ms.stored.size() == seconds.stored.size());
  REQUIRE(ms.stored.size() == 4);
  for (std::size_t i = 0; i < ms.stored.size(); ++i) {
    CHECK(ms.stored[i].open_time_ms == seconds.stored[i].open_time_ms);
    CHECK(ms.stored[i].close == seconds.stored[i].close);
    CHECK(ms.stored[i].volume == seconds.stored[i].volume);
  }
}

TEST_CASE("key parts missing from the file must come from the options, and agree with the file",
          "[backtesting][data][csv]") {
  octobot::testing::TempDir dir;
  SECTION("no symbol column") {
    CHECK_THROWS_WITH(import_into(dir / "a.sqlite", "dates_no_symbol.csv", {"binance", "", std::nullopt}),
                      Catch::Contains("dates_no_symbol.csv") && Catch::Contains("pass --symbol"));
  }
  SECTION("no exchange in the file name") {
    CHECK_THROWS_WITH(import_into(dir / "a.sqlite", "dates_no_symbol.csv", {"", "SOL/USDT", std::nullopt}),
                      Catch::Contains("pass --exchange"));
  }
  SECTION("a time frame that contradicts the candles") {
    CHECK_THROWS_WITH(
        import_into(dir / "a.sqlite", "dates_no_symbol.csv", {"binance", "SOL/USDT", TimeFrame::four_hours}),
        Catch::Contains("expected candles 4h apart") &&
            Catch::Contains("found a most common interval of 3600000 ms (1h)"));
  }
  SECTION("all given") {
    const auto imported =
        import_into(dir / "a.sqlite", "dates_no_symbol.csv", {"binance", "SOL/USDT", TimeFrame::one_hour});
    CHECK(imported.report.source_format == "csv (date-time)");
    CHECK(imported.stored.size() == 3);
    CHECK(imported.report.key_origin == "exchange from --exchange, symbol from --symbol, time frame from --time-frame");
  }
}

TEST_CASE("unimportable CSV files are refused with the file, the line, what was expected and found",
          "[backtesting][data][csv]") {
  octobot::testing::TempDir dir;
  const CsvImportOptions options{"binance", "BTC/USDT", std::nullopt};
  try {
    (void)import_into(dir / "a.sqlite", "bad_number.csv", options);
    FAIL("expected DataFileError");
  } catch (const DataFileError& e) {
    CHECK(e.file().find("bad_number.csv") != std::string::npos);
    CHECK(e.where() == "line 3");
    CHECK(e.found().find("two") != std::string::npos);
  }
  CHECK_THROWS_WITH(
      import_into(dir / "b.sqlite", "misaligned_1h.csv", options),
      Catch::Contains("misaligned_1h.csv") && Catch::Contains("expected candle open times on 1h boundaries"));
  CHECK_THROWS_WITH(import_into(dir / "c.sqlite", "absent.csv", options), Catch::Contains("absent.csv"));
}

TEST_CASE("intervals map to time frames, months by their calendar length", "[backtesting][data][csv]") {
  CHECK(time_frame_of_interval(60'000) == TimeFrame::one_minute);
  CHECK(time_frame_of_interval(4 * 3'600'000) == TimeFrame::four_hours);
  CHECK(time_frame_of_interval(7 * 86'400'000LL) == TimeFrame::one_week);
  CHECK(time_frame_of_interval(31 * 86'400'000LL) == TimeFrame::one_month);
  CHECK(time_frame_of_interval(28 * 86'400'000LL) == TimeFrame::one_month);
  CHECK_FALSE(time_frame_of_interval(2 * 60'000));
  CHECK_FALSE(time_frame_of_interval(0));
}
