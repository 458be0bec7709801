// What the `octobot run` process tests share: a user dir with a copy of the DailyTrading profile trading
// on a chosen exchange, and a tentacles tree holding the bundled tentacles plus TestExchange.
#pragma once

#include <catch2/catch.hpp>
#include <octobot/trading/trading_store.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.hpp"
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

// The store files of `kind` ("paper-" or "real-") in a profile's trading folder, oldest first.
inline std::vector<fs::path> store_files(const fs::path& folder, const std::string& kind) {
  std::vector<fs::path> files;
  if (!fs::is_directory(folder)) return files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kind, 0) == 0 && name.size() > 7 && name.substr(name.size() - 7) == ".sqlite") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A store's first or last portfolio snapshot of the account: its time and balances.
struct Snapshot {
  std::int64_t time_ms = 0;
  std::map<std::string, octobot::trading::Balance> balances;
};
inline Snapshot snapshot_of(const fs::path& store_file, bool last) {
  const octobot::trading::TradingStore store(store_file.string());
  std::map<std::int64_t, std::map<std::string, octobot::trading::Balance>> by_time;
  for (const auto& row : store.load_portfolio_history()) {
    if (row.portfolio == "main") by_time[row.time_ms][row.asset] = row.balance;
  }
  if (by_time.empty()) return {};
  const auto& [time_ms, balances] = last ? *by_time.rbegin() : *by_time.begin();
  return {time_ms, balances};
}

// Waits until `bot`'s output matches `pattern`, reading what came meanwhile.
inline bool wait_for_match(octobot::testing::ChildProcess& bot, const std::regex& pattern, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!std::regex_search(bot.output(), pattern)) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(100));
  }
  return true;
}

}  // namespace octobot::testing::run
