// Importing OctoBot's .data files. The fixtures are built here with the schema and the value
// formatting of OctoBot-Backtesting's collector (every value quoted, `candle` as json.dumps text,
// `timestamp` = the candle's close time in seconds), so no binary fixture hides what is tested.
#include <catch2/catch.hpp>
#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_error.hpp>
#include <octobot/backtesting/data/octobot_data_importer.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <string>

#include "data_test_support.hpp"
#include "temp_dir.hpp"

namespace {

using namespace octobot::backtesting::data;
using octobot::commons::TimeFrame;
using testing::generated_candles;
using testing::kJan2024Ms;

class OctoBotDataFile {
 public:
  explicit OctoBotDataFile(const std::filesystem::path& path, bool with_span_columns = true) : path_(path) {
    REQUIRE(sqlite3_open(path.string().c_str(), &db_) == SQLITE_OK);
    // As SQLiteDatabase.__create_table: `timestamp datetime`, then every column `text`.
    exec(with_span_columns ? "CREATE TABLE description (timestamp datetime, version text, exchange text, symbols "
                             "text, time_frames text, start_timestamp text, end_timestamp text)"
                           : "CREATE TABLE description (timestamp datetime, version text, exchange text, symbols "
                             "text, time_frames text)");
    exec("CREATE INDEX index_description_timestamp ON description (timestamp)");
    exec(
        "CREATE TABLE ohlcv (timestamp datetime, exchange_name text, cryptocurrency text, symbol text, "
        "time_frame text, candle text)");
    exec("CREATE INDEX index_ohlcv_timestamp ON ohlcv (timestamp)");
  }
  ~OctoBotDataFile() { sqlite3_close(db_); }

  void exec(const std::string& sql) {
    char* error = nullptr;
    const int status = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    INFO(sql << ": " << (error != nullptr ? error : ""));
    sqlite3_free(error);
    REQUIRE(status == SQLITE_OK);
  }

  void describe(const std::string& version, const std::string& symbols, const std::string& time_frames) {
    exec(fmt::format("INSERT INTO description VALUES (1732870000.25, '{}', 'binance', '{}', '{}'{})", version, symbols,
                     time_frames, version == "1.0" ? "" : ", '1704067200', '1704326400'"));
  }

  // One row per candle, as ExchangeDataCollector.save_ohlcv(multiple=True) writes them.
  void add(const std::string& symbol, TimeFrame time_frame, const std::vector<octobot::commons::Candle>& candles,
           bool milliseconds = false) {
    exec("BEGIN");
    for (const auto& c : candles) {
      const std::int64_t open_s = c.open_time_ms / 1000;
      const std::string candle = fmt::format("[{}, {}, {}, {}, {}, {}]", milliseconds ? c.open_time_ms : open_s, c.open,
                                             c.high, c.low, c.close, c.volume);
      exec(fmt::format("INSERT INTO ohlcv VALUES ({}, 'binance', 'Bitcoin', '{}', '{}', '{}')",
                       open_s + octobot::commons::duration_minutes(time_frame) * 60, symbol,
                       octobot::commons::to_string(time_frame), candle));
    }
    exec("COMMIT");
  }

 private:
  std::filesystem::path path_;
  sqlite3* db_ = nullptr;
};

std::vector<octobot::commons::Candle> stored(const DataFile& file, const SeriesKey& key) {
  const auto info = file.find(key);
  REQUIRE(info);
  CandleStream stream(file, {.series_ids = {info->id}});
  std::vector<octobot::commons::Candle> candles;
  for (StreamedCandle c; stream.next(c);) candles.push_back(c.candle);
  return candles;
}

std::vector<ImportReport> import_file(const std::filesystem::path& data, const std::filesystem::path& output) {
  DataFileWriter writer(output, "test");
  auto reports = import_octobot_data(data, writer);
  writer.commit();
  return reports;
}

void check_same(const std::vector<octobot::commons::Candle>& a, const std::vector<octobot::commons::Candle>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].open_time_ms == b[i].open_time_ms);
    CHECK(a[i].open == b[i].open);
    CHECK(a[i].high == b[i].high);
    CHECK(a[i].low == b[i].low);
    CHECK(a[i].close == b[i].close);
    CHECK(a[i].volume == b[i].volume);
  }
}

}  // namespace

TEST_CASE("an OctoBot .data file imports every OHLCV series with its candles", "[backtesting][data][octobot]") {
  octobot::testing::TempDir dir;
  const auto data = dir / "ExchangeHistoryDataCollector_1732870000.data";
  const auto btc_1h = generated_candles(kJan2024Ms, TimeFrame::one_hour, 72, 1);
  const auto eth_1h = generated_candles(kJan2024Ms, TimeFrame::one_hour, 72, 2);
  const auto btc_1d = generated_candles(kJan2024Ms, TimeFrame::one_day, 3, 3);
  {
    OctoBotDataFile file(data);
    file.describe("1.1", R"(["BTC/USDT", "ETH/USDT"])", R"(["1h", "1d"])");
    file.add("BTC/USDT", TimeFrame::one_hour, btc_1h);
    file.add("ETH/USDT", TimeFrame::one_hour, eth_1h);
    file.add("BTC/USDT", TimeFrame::one_day, btc_1d);
  }
  CHECK(is_octobot_data_file(data));
  const OctoBotDataDescription description = read_octobot_description(data);
  CHECK(description.version == "1.1");
  CHECK(description.exchange == "binance");
  CHECK(description.symbols == std::vector<std::string>{"BTC/USDT", "ETH/USDT"});
  CHECK(description.time_frames == std::vector<std::string>{"1h", "1d"});
  CHECK(description.start_timestamp == 1704067200);
  CHECK(description.end_timestamp == 1704326400);

  const auto output = dir / "out.sqlite";
  const auto reports = import_file(data, output);
  REQUIRE(reports.size() == 3);
  for (const auto& report : reports) {
    CHECK(report.source_format == "OctoBot data 1.1");
    CHECK(report.rows == report.inserted);
    CHECK(report.duplicate_times == 0);
  }
  const DataFile file = DataFile::open(output);
  CHECK(file.series().size() == 3);
  check_same(stored(file, {"binance", "BTC/USDT", TimeFrame::one_hour}), btc_1h);
  check_same(stored(file, {"binance", "ETH/USDT", TimeFrame::one_hour}), eth_1h);
  check_same(stored(file, {"binance", "BTC/USDT", TimeFrame::one_day}), btc_1d);
}

TEST_CASE("OctoBot candles with millisecond times and version 1.0 files import too", "[backtesting][data][octobot]") {
  octobot::testing::TempDir dir;
  const auto data = dir / "old.data";
  const auto candles = generated_candles(kJan2024Ms, TimeFrame::four_hours, 30, 4);
  {
    OctoBotDataFile file(data, /*with_span_columns=*/false);
    file.describe("1.0", R"(["BTC/USDT"])", R"(["4h"])");
    file.add("BTC/USDT", TimeFrame::four_hours, candles, /*milliseconds=*/true);
    // A repeated row (collectors can write an overlapping fetch twice): kept once, counted.
    file.add("BTC/USDT", TimeFrame::four_hours, {candles[5]}, true);
  }
  CHECK(read_octobot_description(data).start_timestamp == 0);
  const auto reports = import_file(data, dir / "out.sqlite");
  REQUIRE(reports.size() == 1);
  CHECK(reports[0].rows == 31);
  CHECK(reports[0].duplicate_times == 1);
  check_same(stored(DataFile::open(dir / "out.sqlite"), {"binance", "BTC/USDT", TimeFrame::four_hours}), candles);
}

TEST_CASE("bad OctoBot files are refused naming the file, the row, what was expected and found",
          "[backtesting][data][octobot]") {
  octobot::testing::TempDir dir;
  const auto data = dir / "bad.data";
  const auto output = dir / "out.sqlite";

  SECTION("not SQLite") {
    const auto text = dir.write("legacy.data", "\x1f\x8b gzip json of OctoBot 0.3");
    CHECK_FALSE(is_octobot_data_file(text));
    CHECK_THROWS_WITH(import_file(text, output),
                      Catch::Contains("legacy.data: expected a SQLite database, found a file that is not one"));
  }
  SECTION("no ohlcv table") {
    {
      OctoBotDataFile file(data);
      file.describe("1.1", R"(["BTC/USDT"])", R"(["1h"])");
      file.exec("DROP TABLE ohlcv");
    }
    CHECK_THROWS_WITH(import_file(data, output), Catch::Contains("bad.data: expected an OctoBot data file") &&
                                                     Catch::Contains("found no table \"ohlcv\""));
  }
  SECTION("malformed JSON candle") {
    {
      OctoBotDataFile file(data);
      file.describe("1.1", R"(["BTC/USDT"])", R"(["1h"])");
      file.add("BTC/USDT", TimeFrame::one_hour, generated_candles(kJan2024Ms, TimeFrame::one_hour, 3));
      file.exec(
          "INSERT INTO ohlcv VALUES (1704081600, 'binance', 'Bitcoin', 'BTC/USDT', '1h', '[1704078000, 1.0, 2.0')");
    }
    try {
      import_file(data, output);
      FAIL("expected DataFileError");
    } catch (const DataFileError& e) {
      CHECK(e.where() == "table ohlcv, row 4");
      CHECK(e.expected() == "a JSON array [time, open, high, low, close, volume] of 6 numbers");
      CHECK(e.found() == "\"[1704078000, 1.0, 2.0\"");
    }
    // The failed import committed nothing: no series in the output, if it exists at all.
    const bool has_series =
        std::filesystem::exists(output) && is_native_data_file(output) && !DataFile::open(output).series().empty();
    CHECK_FALSE(has_series);
  }
  SECTION("a candle with a text value") {
    {
      OctoBotDataFile file(data);
      file.describe("1.1", R"(["BTC/USDT"])", R"(["1h"])");
      file.exec(
          "INSERT INTO ohlcv VALUES (1704070800, 'binance', 'Bitcoin', 'BTC/USDT', '1h', '[1704067200, \"1\", 2, 0.5, "
          "1.5, 3]')");
    }
    CHECK_THROWS_WITH(import_file(data, output), Catch::Contains("table ohlcv, row 1"));
  }
  SECTION("unknown time frame") {
    {
      OctoBotDataFile file(data);
      file.describe("1.1", R"(["BTC/USDT"])", R"(["1h"])");
      file.exec(
          "INSERT INTO ohlcv VALUES (1704070800, 'binance', 'Bitcoin', 'BTC/USDT', '2w', '[1704067200, 1, 2, 0.5, 1.5, "
          "3]')");
    }
    CHECK_THROWS_WITH(import_file(data, output), Catch::Contains("table ohlcv, row 1: expected a time frame among") &&
                                                     Catch::Contains("found \"2w\""));
  }
  SECTION("unknown time frame in the description") {
    {
      OctoBotDataFile file(data);
      file.describe("1.1", R"(["BTC/USDT"])", R"(["1h", "10m"])");
    }
    CHECK_THROWS_WITH(read_octobot_description(data),
                      Catch::Contains("description.time_frames") && Catch::Contains("found \"10m\""));
  }
  SECTION("unknown version") {
    {
      OctoBotDataFile file(data);
      file.describe("2.0", R"(["BTC/USDT"])", R"(["1h"])");
    }
    CHECK_THROWS_WITH(read_octobot_description(data),
                      Catch::Contains("expected data file version 1.0 or 1.1, found \"2.0\""));
  }
  SECTION("symbols that are not a JSON list") {
    {
      OctoBotDataFile file(data);
      file.describe("1.1", "BTC/USDT", R"(["1h"])");
    }
    CHECK_THROWS_WITH(read_octobot_description(data),
                      Catch::Contains("description.symbols: expected a JSON list of strings, found BTC/USDT"));
  }
}
