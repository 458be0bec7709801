// Candle CSV reader: the real formats of the project's market data, seconds vs milliseconds,
// oldest-first ordering, duplicate and missing times reported, and malformed rows rejected with the
// file, the line, what was expected and what was found.
#include <catch2/catch.hpp>
#include <octobot/commons/candle_csv.hpp>

#include <string>

namespace {

namespace commons = octobot::commons;

const std::string kData = std::string(OCTOBOT_TEST_DATA_DIR) + "/candles/";

constexpr std::int64_t kHour = 3'600'000;

// The error message of parsing `text` as "test.csv" (empty when it parses).
std::string error_of(const std::string& text) {
  try {
    (void)commons::parse_candle_csv(text, "test.csv");
  } catch (const commons::CandleCsvError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a CryptoDataDownload export: banner, newest first, unix seconds", "[candle_csv]") {
  const commons::CandleCsv csv = commons::read_candle_csv(kData + "bitstamp_btcusd_1h_newest_first.csv");
  REQUIRE(csv.candles.size() == 6);
  CHECK(csv.time_format == "unix seconds");
  CHECK(csv.interval_ms == kHour);
  CHECK(csv.duplicates.empty());
  CHECK(csv.gaps.empty());
  CHECK(csv.swapped_volume_rows == 0);
  // Oldest first: the file's last row (2022-08-19 19:00 UTC) comes first.
  const commons::Candle& first = csv.candles.front();
  CHECK(first.open_time_ms == 1660935600000);
  CHECK(first.open == 21383);
  CHECK(first.high == 21458);
  CHECK(first.low == 21156);
  CHECK(first.close == 21334);
  CHECK(first.volume == 147.14155041);  // "Volume BTC": the base currency
  CHECK(csv.candles.back().open_time_ms == 1660953600000);
  for (std::size_t i = 1; i < csv.candles.size(); ++i) {
    CHECK(csv.candles[i].open_time_ms - csv.candles[i - 1].open_time_ms == kHour);
  }
}

TEST_CASE("swapped volume columns of older CryptoDataDownload rows are detected and corrected", "[candle_csv]") {
  const commons::CandleCsv csv = commons::read_candle_csv(kData + "bitstamp_btcusd_1h_swapped_volumes.csv");
  REQUIRE(csv.candles.size() == 6);
  CHECK(csv.swapped_volume_rows == 3);
  // 2020-10-12 08:00 UTC reads "Volume BTC" 1589362.32 and "Volume USD" 139.7 at a close of 11360:
  // 139.7 BTC is the volume (139.7 * 11360 = 1.587M USD).
  CHECK(csv.candles[2].open_time_ms == 1602489600000);
  CHECK(csv.candles[2].volume == 139.7);
  // Rows as labelled are left alone.
  CHECK(csv.candles.back().volume == 274.74713142);
}

TEST_CASE("timestamp,Open,...: UTC date-times, oldest first", "[candle_csv]") {
  const commons::CandleCsv csv = commons::read_candle_csv(kData + "solusdt_1h_dates.csv");
  REQUIRE(csv.candles.size() == 5);
  CHECK(csv.time_format == "date-time");
  CHECK(csv.interval_ms == kHour);
  CHECK(csv.candles[0].open_time_ms == 1726844400000);  // 2024-09-20 15:00:00 UTC
  CHECK(csv.candles[0].close == 147.88);
  CHECK(csv.candles[0].volume == 197950.322);
  CHECK(csv.candles[4].open_time_ms == 1726844400000 + 4 * kHour);
}

TEST_CASE("plain time,open,high,low,close,volume in seconds or milliseconds", "[candle_csv]") {
  const std::string rows = "1,2,0.5,1.5,10\n";
  const auto seconds =
      commons::parse_candle_csv("time,open,high,low,close,volume\n1700000060," + rows + "1700000000," + rows, "s.csv");
  CHECK(seconds.time_format == "unix seconds");
  CHECK(seconds.candles.front().open_time_ms == 1700000000000);
  CHECK(seconds.interval_ms == 60'000);
  const auto milliseconds = commons::parse_candle_csv(
      "TIME,Open,High,Low,Close,Volume\r\n1700000000000," + rows + "1700000060000," + rows + "\n", "ms.csv");
  CHECK(milliseconds.time_format == "unix milliseconds");
  CHECK(milliseconds.candles.front().open_time_ms == 1700000000000);
  CHECK(milliseconds.candles.back().open_time_ms == 1700000060000);
  // Columns in any order; ISO 8601 with T and Z.
  const auto reordered =
      commons::parse_candle_csv("volume,close,low,high,open,date\n10,1.5,0.5,2,1,2024-01-01T00:00:00Z\n", "r.csv");
  REQUIRE(reordered.candles.size() == 1);
  CHECK(reordered.candles[0].open_time_ms == 1704067200000);
  CHECK(reordered.candles[0].high == 2);
  CHECK(reordered.candles[0].volume == 10);
}

TEST_CASE("duplicate times and gaps are reported, not dropped", "[candle_csv]") {
  const std::string header = "time,open,high,low,close,volume\n";
  const std::string row = ",1,2,0.5,1.5,10\n";
  const auto csv = commons::parse_candle_csv(
      header + "0" + row + "3600" + row + "3600" + row + "7200" + row + "18000" + row + "19800" + row, "d.csv");
  CHECK(csv.candles.size() == 6);  // nothing dropped
  CHECK(csv.interval_ms == kHour);
  REQUIRE(csv.duplicates.size() == 1);
  CHECK(csv.duplicates[0].time_ms == kHour);
  CHECK(csv.duplicates[0].first_line == 3);
  CHECK(csv.duplicates[0].second_line == 4);
  REQUIRE(csv.gaps.size() == 2);
  CHECK(csv.gaps[0].from_ms == 2 * kHour);  // 03:00 and 04:00 are missing
  CHECK(csv.gaps[0].to_ms == 5 * kHour);
  CHECK(csv.gaps[1].from_ms == 5 * kHour);  // 05:30 is off the hourly grid
  CHECK(csv.gaps[1].to_ms == 5 * kHour + kHour / 2);
}

TEST_CASE("malformed content is rejected with file, line, expectation and finding", "[candle_csv]") {
  const std::string header = "time,open,high,low,close,volume\n";
  CHECK(error_of(header + "1700000000,1,2,0.5,1.5\n") ==
        "test.csv:2: expected 6 fields (time,open,high,low,close,volume), found 5 fields");
  CHECK(error_of(header + "1700000000,1,2,0.5,abc,3\n") ==
        "test.csv:2: expected a number in column \"close\", found \"abc\"");
  CHECK(error_of(header + "1700000000,1,2,0.5,,3\n") ==
        "test.csv:2: expected a number in column \"close\", found an empty field");
  CHECK(error_of(header + "1700000000,1,2,0.5,nan,3\n") ==
        "test.csv:2: expected a number in column \"close\", found \"nan\"");
  CHECK(error_of(header + "1700000000,1,0.5,2,1.5,3\n") ==
        "test.csv:2: expected low <= open, close <= high, found open 1, high 0.5, low 2, close 1.5");
  CHECK(error_of(header + "1700000000,1,2,0.5,1.5,-3\n") == "test.csv:2: expected a volume >= 0, found \"-3\"");
  CHECK_THAT(error_of(header + "yesterday,1,2,0.5,1.5,3\n"),
             Catch::StartsWith("test.csv:2: expected a time in column \"time\" (Unix seconds or milliseconds"));
  CHECK_THAT(error_of(header + "2024-02-30 00:00:00,1,2,0.5,1.5,3\n"),
             Catch::EndsWith("found \"2024-02-30 00:00:00\""));
  CHECK(error_of(header + "1700000000,1,2,0.5,1.5,3\n\n1700000060000,1,2,0.5,1.5,3\n") ==
        "test.csv:4: expected a time in unix seconds like the rows above, found \"1700000060000\" (unix milliseconds)");
  CHECK(error_of("a,b,c\n1,2,3\n") ==
        "test.csv: expected a header line with open, high, low and close columns in the first 5 lines, found first "
        "line \"a,b,c\"");
  CHECK(error_of("") ==
        "test.csv: expected a header line with open, high, low and close columns in the first 5 lines, found an "
        "empty file");
  CHECK(error_of("open,high,low,close,volume\n") ==
        "test.csv:1: expected a time column (unix, timestamp, time, open_time, date or datetime), found the header "
        "\"open,high,low,close,volume\"");
  CHECK(error_of("time,open,high,low,close\n") ==
        "test.csv:1: expected a volume column (volume, or a name starting with \"volume\"), found the header "
        "\"time,open,high,low,close\"");
  CHECK_THROWS_WITH(commons::read_candle_csv("/nonexistent/candles.csv"),
                    Catch::StartsWith("cannot read /nonexistent/candles.csv"));
}

TEST_CASE("a header without rows gives no candles", "[candle_csv]") {
  const auto csv = commons::parse_candle_csv("https://example.com\ntime,open,high,low,close,volume\n", "e.csv");
  CHECK(csv.candles.empty());
  CHECK(csv.interval_ms == 0);
  CHECK(csv.time_format.empty());
}
