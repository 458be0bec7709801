// exchanges::BanFile: an exchange's IP ban remembered across restarts (ban_file.hpp).
#include <catch2/catch.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/exchanges/ban_file.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "live_test_support.hpp"

using namespace octobot::exchanges;
using octobot::exchanges::testing::TempDir;

namespace {

// Every warning logged while alive (whatever level the test runner set); the previous sink and level
// come back afterwards.
class Warnings {
 public:
  Warnings() : previous_level_(octobot::commons::log_level()) {
    octobot::commons::set_log_level(octobot::commons::LogLevel::warning);
    previous_ = octobot::commons::set_log_sink([this](const octobot::commons::LogRecord& record) {
      if (record.level == octobot::commons::LogLevel::warning) lines.emplace_back(record.message);
    });
  }
  ~Warnings() {
    octobot::commons::set_log_sink(std::move(previous_));
    octobot::commons::set_log_level(previous_level_);
  }
  Warnings(const Warnings&) = delete;
  Warnings& operator=(const Warnings&) = delete;
  std::vector<std::string> lines;

 private:
  octobot::commons::LogLevel previous_level_;
  octobot::commons::LogSink previous_;
};

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("ban file: a ban is active until its end, per exchange, and no file is no ban") {
  TempDir dir;
  const BanFile bans(dir.path / "trading" / "exchange-bans.json");
  CHECK_FALSE(bans.active("binance", 1'000));  // no file yet
  bans.record("binance", {5'000, "IP banned until 5000"});
  const auto ban = bans.active("binance", 4'999);
  REQUIRE(ban);
  CHECK(ban->until_ms == 5'000);
  CHECK(ban->reason == "IP banned until 5000");
  CHECK_FALSE(bans.active("binance", 5'000));  // ended
  CHECK_FALSE(bans.active("kraken", 1'000));   // another exchange's IP standing is its own
}

TEST_CASE("ban file: a shorter ban never shortens a longer one; other exchanges' entries are kept") {
  TempDir dir;
  const BanFile bans(dir.path / "exchange-bans.json");
  bans.record("binance", {9'000, "long"});
  bans.record("kraken", {7'000, "other"});
  bans.record("binance", {6'000, "short"});
  CHECK(bans.active("binance", 8'000)->reason == "long");
  bans.record("binance", {12'000, "longer"});
  CHECK(bans.active("binance", 10'000)->reason == "longer");
  CHECK(bans.active("kraken", 6'000)->until_ms == 7'000);
}

TEST_CASE("ban file: a malformed file is reported and read as no ban, then replaced by the next ban") {
  TempDir dir;
  const std::filesystem::path path = dir.path / "exchange-bans.json";
  const BanFile bans(path);
  Warnings warnings;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"binance\": ", "line"},                                  // bad syntax: where it broke
      {"[1, 2]", "an object with one member per exchange"},        // not an object
      {"{\"binance\": 5}", "an object with until_ms and reason"},  // an entry that is not an object
      {"{\"binance\": {\"until_ms\": \"soon\"}}", "milliseconds since the epoch"},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    write(path, text);
    warnings.lines.clear();
    CHECK_FALSE(bans.active("binance", 0));
    REQUIRE(warnings.lines.size() == 1);
    CHECK(warnings.lines.front().find(path.string()) != std::string::npos);
    CHECK(warnings.lines.front().find(expected) != std::string::npos);
  }
  // Recording over a broken file replaces it (and says so): the ban is not lost.
  warnings.lines.clear();
  bans.record("binance", {3'000, "banned"});
  CHECK(warnings.lines.size() == 1);
  CHECK(bans.active("binance", 2'000)->until_ms == 3'000);
}

TEST_CASE("ban file: a malformed entry is replaced, the other exchanges' entries are kept") {
  TempDir dir;
  const std::filesystem::path path = dir.path / "exchange-bans.json";
  write(path, R"({"binance": {"until_ms": "soon"}, "kraken": {"until_ms": 7000, "reason": "theirs"}})");
  const BanFile bans(path);
  Warnings warnings;
  bans.record("binance", {3'000, "banned"});
  REQUIRE(warnings.lines.size() == 1);
  CHECK(warnings.lines.front().find("the entry of binance is replaced") != std::string::npos);
  CHECK(bans.active("binance", 2'000)->until_ms == 3'000);
  const auto kraken = bans.active("kraken", 6'000);
  REQUIRE(kraken);
  CHECK(kraken->reason == "theirs");
}

TEST_CASE("ban file: a folder that cannot be made is an error naming the file") {
  TempDir dir;
  // Its folder's place is taken by a file: no folder can be made there, whoever runs the test.
  write(dir.path / "taken", "a file, not a folder");
  const BanFile bans(dir.path / "taken" / "exchange-bans.json");
  CHECK_THROWS_WITH(bans.record("binance", {3'000, "banned"}),
                    Catch::Contains((dir.path / "taken" / "exchange-bans.json").string()));
}
