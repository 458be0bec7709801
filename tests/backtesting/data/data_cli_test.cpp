// `octobot data import|list|info` as users run them: reports in text and JSON, the bundled data found
// next to the executable, and exit status 1 with the file named for bad input, 2 for usage mistakes.
#include <catch2/catch.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/commons/json_rapidjson.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "temp_dir.hpp"

namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run run_octobot(const octobot::testing::TempDir& dir, const std::string& arguments) {
  const std::string err_file = (dir / "stderr.txt").string();
  // A private user folder, so the test never reads or writes the real ~/.octobot.
  const std::string command = "OCTOBOT_USER_DIR=" + (dir / "user").string() + " " + std::string(OCTOBOT_BINARY) +
                              " data " + arguments + " 2>" + err_file;
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

const std::string kFixtures = std::string(OCTOBOT_SOURCE_DIR) + "/tests/backtesting/data/fixtures/";

}  // namespace

TEST_CASE("octobot data import writes a data file and reports what it found, in text and JSON", "[cli][data]") {
  octobot::testing::TempDir dir;
  const std::string output = (dir / "out.sqlite").string();
  const Run text = run_octobot(dir, "import " + kFixtures + "Bitstamp_BTCUSD_1h_quirks.csv --output " + output);
  INFO(text.err);
  REQUIRE(text.status == 0);
  CHECK(text.out.find("bitstamp BTC/USD 1h") != std::string::npos);
  CHECK(text.out.find("1 duplicate times, 1 swapped-volume rows fixed") != std::string::npos);
  CHECK(text.out.find("1 gaps (2 missing candles)") != std::string::npos);
  CHECK(text.out.find("wrote " + output) != std::string::npos);

  // A second file into the same output, as JSON.
  const Run json = run_octobot(
      dir, "import " + kFixtures + "daily_ms.csv --exchange binance --symbol BTC/USDT --output " + output + " --json");
  REQUIRE(json.status == 0);
  const auto document = octobot::commons::parse_json(json.out, "import --json");
  REQUIRE(document["series"].Size() == 1);
  const auto& series = document["series"][0];
  CHECK(std::string(series["time_frame"].GetString()) == "1d");
  CHECK(series["rows"].GetInt64() == 4);
  CHECK(series["inserted"].GetInt64() == 4);
  CHECK(std::string(series["first_open_time"].GetString()) == "2023-11-15T00:00:00Z");

  const auto file = octobot::backtesting::data::DataFile::open(output);
  CHECK(file.series().size() == 2);
}

TEST_CASE("octobot data import without --output writes into the user's data folder", "[cli][data]") {
  octobot::testing::TempDir dir;
  const Run run = run_octobot(dir, "import " + kFixtures + "Bitstamp_BTCUSD_1h_quirks.csv");
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(std::filesystem::exists(dir / "user/backtesting/data/Bitstamp_BTCUSD_1h_quirks.sqlite"));
  const Run list = run_octobot(dir, "list --json");
  REQUIRE(list.status == 0);
  const auto document = octobot::commons::parse_json(list.out, "list --json");
  bool found_import = false;
  bool found_bundled = false;
  for (const auto& entry : document["files"].GetArray()) {
    const std::string path = entry["path"].GetString();
    if (path.find("Bitstamp_BTCUSD_1h_quirks.sqlite") != std::string::npos) found_import = true;
    if (path.find("share/octobot/data/bitstamp-btcusd.sqlite") != std::string::npos) found_bundled = true;
  }
  CHECK(found_import);
  CHECK(found_bundled);  // the bundled set, found next to the executable
}

TEST_CASE("octobot data info describes series, spans, counts and gaps", "[cli][data]") {
  octobot::testing::TempDir dir;
  const std::string output = (dir / "out.sqlite").string();
  REQUIRE(run_octobot(dir, "import " + kFixtures + "Bitstamp_BTCUSD_1h_quirks.csv --output " + output).status == 0);
  const Run json = run_octobot(dir, "info " + output + " --json");
  INFO(json.err);
  REQUIRE(json.status == 0);
  const auto document = octobot::commons::parse_json(json.out, "info --json");
  CHECK(std::string(document["format"].GetString()) == "octobot-cpp-candles");
  REQUIRE(document["series"].Size() == 1);
  const auto& series = document["series"][0];
  CHECK(series["candles"].GetInt64() == 4);
  CHECK(series["gaps"].GetInt64() == 1);
  CHECK(std::string(series["first_gaps"][0]["from"].GetString()) == "2020-10-12T08:00:00Z");
  CHECK(std::string(series["first_gaps"][0]["to"].GetString()) == "2020-10-12T10:00:00Z");

  const Run text = run_octobot(dir, "info " + output);
  REQUIRE(text.status == 0);
  CHECK(text.out.find("missing 2020-10-12T08:00:00Z .. 2020-10-12T10:00:00Z (2 candles)") != std::string::npos);
}

TEST_CASE("octobot data: bad files exit 1 naming the file, usage mistakes exit 2", "[cli][data]") {
  octobot::testing::TempDir dir;
  const std::string output = (dir / "out.sqlite").string();

  const Run bad_row =
      run_octobot(dir, "import " + kFixtures + "bad_number.csv --exchange x --symbol A/B --output " + output);
  CHECK(bad_row.status == 1);
  CHECK(bad_row.err.find("bad_number.csv: line 3: expected") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(output));  // no half-made file left behind

  const Run no_symbol =
      run_octobot(dir, "import " + kFixtures + "dates_no_symbol.csv --exchange binance --output " + output);
  CHECK(no_symbol.status == 1);
  CHECK(no_symbol.err.find("pass --symbol") != std::string::npos);

  const Run bad_time_frame =
      run_octobot(dir, "import " + kFixtures + "daily_ms.csv --time-frame 2d --output " + output);
  CHECK(bad_time_frame.status == 2);
  CHECK(bad_time_frame.err.find("found \"2d\"") != std::string::npos);

  const Run info_text = run_octobot(dir, "info " + kFixtures + "daily_ms.csv");
  CHECK(info_text.status == 1);
  CHECK(info_text.err.find("daily_ms.csv: expected a SQLite database") != std::string::npos);

  const Run list_missing = run_octobot(dir, "list " + (dir / "nowhere").string());
  CHECK(list_missing.status == 2);
}
