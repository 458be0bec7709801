// What the `octobot run` process tests share: a user dir with a copy of the DailyTrading profile trading
// on a chosen exchange, and a tentacles tree holding the bundled tentacles plus TestExchange.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "shell_run.hpp"
#include "temp_dir.hpp"

namespace octobot::testing::run {

namespace fs = std::filesystem;
using octobot::testing::shell_run;

inline std::string read_file(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

// A user dir with the test profile and a tentacles tree: the bundled tentacles plus TestExchange.
struct RunSetup {
  octobot::testing::TempDir dir;
  fs::path user = dir / "user";
  fs::path tentacles = dir / "tentacles";
  fs::path log = dir / "octobot.log";

  explicit RunSetup(const std::string& exchange = "testexchange", bool trader = false) {
    fs::copy(OCTOBOT_BUNDLED_TENTACLES, tentacles, fs::copy_options::recursive);
    fs::create_directories(tentacles / "Trading" / "Exchange");
    fs::copy(fs::path(OCTOBOT_EXCHANGES_TEST_TREE) / "Trading" / "Exchange" / "test_connector",
             tentacles / "Trading" / "Exchange" / "test_connector", fs::copy_options::recursive);
    const fs::path profile = user / "profiles" / "test_daily";
    fs::create_directories(profile.parent_path());
    fs::copy(fs::path(OCTOBOT_SOURCE_DIR) / "profiles" / "daily_trading", profile, fs::copy_options::recursive);
    std::string json = read_file(profile / "profile.json");
    json = std::regex_replace(json, std::regex("\"binance\""), "\"" + exchange + "\"");
    json = std::regex_replace(json, std::regex("\"id\": \"daily_trading\""), "\"id\": \"test_daily\"");
    if (trader) {
      json = std::regex_replace(json, std::regex("\"trader\": \\{\\s*\"enabled\": false"),
                                "\"trader\": {\"enabled\": true");
    }
    std::ofstream(profile / "profile.json") << json;
  }

  [[nodiscard]] std::string octobot(const std::string& arguments) const {
    return std::string(OCTOBOT_BINARY) + " " + arguments + " --user-dir " + user.string() + " --tentacles-dir " +
           tentacles.string();
  }
  void config_set(const std::string& path, const std::string& value) const {
    const auto run = shell_run(octobot("config set " + path + " '" + value + "'") + " 2>&1");
    REQUIRE(run.status == 0);
  }
  [[nodiscard]] std::vector<std::string> run_arguments(const std::string& extra = {}) const {
    std::vector<std::string> arguments{OCTOBOT_BINARY, "run",         "--profile",       "test_daily",
                                       "--user-dir",   user.string(), "--tentacles-dir", tentacles.string(),
                                       "--log-file",   log.string()};
    if (!extra.empty()) arguments.push_back(extra);
    return arguments;
  }
};

}  // namespace octobot::testing::run
