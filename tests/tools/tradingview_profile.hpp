// What the `octobot run` TradingView tests share: the bundled tradingview_signals profile copied into a
// RunSetup's user dir, and the web API's port read from the bot's output (its webhook takes the alerts).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "run_setup.hpp"

namespace octobot::testing::run {

// The port `octobot run` printed for its web API (started with interfaces.web.port 0); 0 when absent.
inline std::uint16_t web_port(const std::string& output) {
  std::smatch match;
  if (!std::regex_search(output, match, std::regex(R"(web API on http://127\.0\.0\.1:(\d+)/)"))) return 0;
  return static_cast<std::uint16_t>(std::stoi(match[1].str()));
}

// The bundled profile, copied into the user dir as "test_tv", trading `pair` on `exchange`; with
// `real_trading` its trader is enabled (the simulator's portfolio then unused).
inline void add_tradingview_profile(const RunSetup& setup, const std::string& exchange = "testexchange",
                                    const std::string& pair = "BTC/USDT", bool real_trading = false) {
  const std::filesystem::path profile = setup.user / "profiles" / "test_tv";
  std::filesystem::copy(std::filesystem::path(OCTOBOT_SOURCE_DIR) / "profiles" / "tradingview_signals", profile,
                        std::filesystem::copy_options::recursive);
  std::string json = read_file(profile / "profile.json");
  json = std::regex_replace(json, std::regex("\"binance\""), "\"" + exchange + "\"");
  json = std::regex_replace(json, std::regex("\"BTC/USDT\""), "\"" + pair + "\"");
  json = std::regex_replace(json, std::regex("\"id\": \"tradingview_signals\""), "\"id\": \"test_tv\"");
  if (real_trading) {
    json =
        std::regex_replace(json, std::regex("\"trader\": \\{\\s*\"enabled\": false"), "\"trader\": {\"enabled\": true");
  }
  std::ofstream(profile / "profile.json") << json;
}

}  // namespace octobot::testing::run
