// `octobot indicator` as a user runs it: CSV output on the real candle formats, checked against
// TA-Lib's own values; every indicator documented in --help; usage mistakes exit 2 with the valid
// choices; bad candle files exit 1 naming the file and line.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.hpp"

namespace {

struct Run {
  int status;
  std::string out;  // standard output: the CSV
  std::string err;  // standard error: messages
};

Run run_indicator(const std::string& arguments) {
  static octobot::testing::TempDir dir;
  const std::string err_file = (dir / "stderr.txt").string();
  const std::string command = std::string(OCTOBOT_BINARY) + " indicator " + arguments + " 2>" + err_file;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  std::array<char, 4096> buffer{};
  while (const std::size_t count = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), count);
  const int status = pclose(pipe);
  std::ifstream err_stream(err_file);
  std::stringstream err;
  err << err_stream.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err.str()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  for (std::string field; std::getline(stream, field, ',');) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

const std::string kSource = OCTOBOT_SOURCE_DIR;
const std::string kIndicatorData = kSource + "/tests/sdk/indicators/data/";
const std::string kCandleData = kSource + "/tests/commons/data/candles/";

// One column of a reference CSV of tests/sdk/indicators/data, as text per row (empty in warm-up).
std::vector<std::string> reference_column(const std::string& file, const std::string& name) {
  std::ifstream in(kIndicatorData + file);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> names = fields_of(line);
  const auto column = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
  REQUIRE(column < names.size());
  std::vector<std::string> values;
  while (std::getline(in, line)) values.push_back(fields_of(line).at(column));
  return values;
}

}  // namespace

TEST_CASE("octobot indicator rsi prints TA-Lib's RSI 14 of a candle file as CSV", "[cli][indicator]") {
  const Run run = run_indicator("rsi --param period=14 --data " + kIndicatorData + "btcusd_1h_candles.csv");
  REQUIRE(run.status == 0);
  CHECK(run.err.empty());
  const std::vector<std::string> lines = lines_of(run.out);
  REQUIRE(lines.size() == 1001);
  CHECK(lines[0] == "time,rsi");
  CHECK(lines[1] == "2022-07-09T09:00:00Z,");  // Unix seconds 1657357200, warm-up: empty field
  CHECK(lines[14] == "2022-07-09T22:00:00Z,");
  // Every value is TA-Lib's (the reference holds 12 significant digits).
  const std::vector<std::string> talib = reference_column("btcusd_1h_talib.csv", "rsi14");
  for (std::size_t row = 0; row < talib.size(); ++row) {
    const std::vector<std::string> fields = fields_of(lines[row + 1]);
    REQUIRE(fields.size() == 2);
    INFO("row " << row << ": " << lines[row + 1] << " vs TA-Lib " << talib[row]);
    REQUIRE(fields[1].empty() == talib[row].empty());
    if (!talib[row].empty()) CHECK(std::stod(fields[1]) == Approx(std::stod(talib[row])).epsilon(1e-9));
  }
  CHECK(lines[15] == "2022-07-09T23:00:00Z,47.8534894099069");  // the first value, at candle 14
  CHECK(lines[1000] == "2022-08-20T00:00:00Z,21.29319892605496");
}

TEST_CASE("octobot indicator reads the real formats: banner and newest first, date-times", "[cli][indicator]") {
  // CryptoDataDownload: banner, newest first, unix seconds. OBV runs oldest first, starting at the
  // oldest candle's volume.
  Run run = run_indicator("obv --data " + kCandleData + "bitstamp_btcusd_1h_newest_first.csv");
  REQUIRE(run.status == 0);
  std::vector<std::string> lines = lines_of(run.out);
  REQUIRE(lines.size() == 7);
  CHECK(lines[0] == "time,obv");
  CHECK(lines[1] == "2022-08-19T19:00:00Z,147.14155041");
  // Four lower closes take their volume off, the last (higher) close adds 244.35412623.
  CHECK(lines[6] == "2022-08-20T00:00:00Z,-160.88709079000003");
  // Plain time,open,... in Unix seconds: MACD's three columns, all empty before candle 33.
  run = run_indicator("macd --data " + kIndicatorData + "btcusd_1h_candles.csv");
  REQUIRE(run.status == 0);
  lines = lines_of(run.out);
  CHECK(lines[0] == "time,macd,signal,histogram");
  CHECK(lines[33] == "2022-07-10T17:00:00Z,,,");
  CHECK(fields_of(lines[34]).size() == 4);
  CHECK_FALSE(fields_of(lines[34])[3].empty());
  // timestamp,Open,... with UTC date-times.
  run = run_indicator("sma --param period=2 --data " + kCandleData + "solusdt_1h_dates.csv");
  REQUIRE(run.status == 0);
  CHECK(lines_of(run.out) == std::vector<std::string>{"time,sma", "2024-09-20T15:00:00Z,",
                                                      "2024-09-20T16:00:00Z,147.76999999999998",
                                                      "2024-09-20T17:00:00Z,146.755", "2024-09-20T18:00:00Z,146.035",
                                                      "2024-09-20T19:00:00Z,146.445"});
}

TEST_CASE("octobot indicator --output writes the CSV to a file", "[cli][indicator]") {
  octobot::testing::TempDir dir;
  const std::string output = (dir / "atr.csv").string();
  const Run run = run_indicator("atr --data " + kCandleData + "solusdt_1h_dates.csv --output " + output);
  REQUIRE(run.status == 0);
  CHECK(run.out.empty());
  std::ifstream in(output);
  std::string header;
  std::getline(in, header);
  CHECK(header == "time,atr");
}

TEST_CASE("octobot indicator --help documents every indicator and its parameters", "[cli][indicator]") {
  const Run run = run_indicator("--help");
  CHECK(run.status == 0);
  for (const char* text : {"sma ",
                           "ema ",
                           "wma ",
                           "vwma ",
                           "rsi ",
                           "macd ",
                           "bbands ",
                           "atr ",
                           "adx ",
                           "stoch ",
                           "stochf ",
                           "stochrsi ",
                           "supertrend ",
                           "klinger ",
                           "obv ",
                           "params: period=30",
                           "params: fast=12 slow=26 signal=9",
                           "params: period=5 deviations_up=2 deviations_down=2",
                           "params: fast_k=5 slow_k=3 slow_d=3",
                           "params: fast_k=5 fast_d=3",
                           "params: period=14 fast_k=5 fast_d=3",
                           "params: period=10 multiplier=3",
                           "params: fast=34 slow=55 signal=13",
                           "params: (none)",
                           "columns: time,adx,plus_di,minus_di",
                           "--param",
                           "--data",
                           "--output"}) {
    INFO(text);
    CHECK_THAT(run.out, Catch::Contains(text));
  }
}

TEST_CASE("octobot indicator: unknown names and parameters exit 2 listing the valid ones", "[cli][indicator]") {
  const std::string data = " --data " + kCandleData + "solusdt_1h_dates.csv";
  Run run = run_indicator("rsj" + data);
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK_THAT(run.err, Catch::Contains("unknown indicator \"rsj\"; valid names: sma, ema, wma, vwma, rsi, macd, "
                                      "bbands, atr, adx, stoch, stochf, stochrsi, supertrend, klinger, obv"));
  run = run_indicator("macd --param fats=3" + data);
  CHECK(run.status == 2);
  CHECK_THAT(run.err, Catch::Contains("macd has no parameter \"fats\"; valid parameters (with their defaults): "
                                      "fast=12 slow=26 signal=9"));
  run = run_indicator("obv --param period=3" + data);
  CHECK(run.status == 2);
  CHECK_THAT(run.err, Catch::Contains("obv has no parameter \"period\"; it takes no parameters"));
  run = run_indicator("rsi --param period=14.5" + data);
  CHECK(run.status == 2);
  CHECK_THAT(run.err, Catch::Contains("--param period=14.5: expected an integer, found \"14.5\""));
  run = run_indicator("rsi --param period=1" + data);
  CHECK(run.status == 2);
  CHECK_THAT(run.err, Catch::Contains("rsi: period must be in [2, 100000], got 1"));
  run = run_indicator("macd --param fast=30" + data);
  CHECK(run.status == 2);
  CHECK_THAT(run.err, Catch::Contains("macd: the fast period (30) must not be longer than the slow period (26)"));
}

TEST_CASE("octobot indicator: unreadable candle files exit 1 naming file and line", "[cli][indicator]") {
  octobot::testing::TempDir dir;
  const std::string header = "time,open,high,low,close,volume\n";
  const auto malformed = dir.write("malformed.csv", header + "1700000000,1,2,0.5,1.5,3\n1700000060,1,2,0.5,x,3\n");
  Run run = run_indicator("rsi --data " + malformed.string());
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Catch::Contains(malformed.string() + ":3: expected a number in column \"close\", found \"x\""));

  const auto duplicated = dir.write("duplicated.csv", header + "1700000000,1,2,0.5,1.5,3\n1700000000,1,2,0.5,1.5,3\n");
  run = run_indicator("rsi --data " + duplicated.string());
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Catch::Contains("1 duplicate candle time (first: 2023-11-14T22:13:20Z on lines 2 and 3)"));

  run = run_indicator("rsi --data " + (dir / "missing.csv").string());
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Catch::Contains("cannot read"));

  // Gaps are a warning on stderr; the CSV still comes out.
  const auto gapped = dir.write("gapped.csv", header +
                                                  "0,1,2,0.5,1.5,3\n60,1,2,0.5,1.5,3\n120,1,2,0.5,1.5,3\n"
                                                  "300,1,2,0.5,1.5,3\n");
  run = run_indicator("obv --data " + gapped.string());
  CHECK(run.status == 0);
  CHECK(lines_of(run.out).size() == 5);
  CHECK_THAT(run.err, Catch::Contains("warning: " + gapped.string() +
                                      ": 1 gap in candles 60 s apart (first: from 1970-01-01T00:02:00Z to "
                                      "1970-01-01T00:05:00Z)"));
}
