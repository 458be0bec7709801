// What `octobot backtest` and `octobot optimize` both need: the data files (the bundled set when none
// is given) and a default report folder.
#pragma once

#include <octobot/bot/backtest.hpp>
#include <octobot/commons/profile.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app_paths.hpp"

namespace octobot::app {

// --data, --start, --end, --symbol, --warmup: what is replayed, the same for both commands.
struct ReplayOptions {
  std::vector<std::string> data;
  std::string start;
  std::string end;
  std::vector<std::string> symbols;
  std::uint64_t warmup = 0;
};

void add_replay_options(CLI::App& command, ReplayOptions& options);

// Sets the window, symbols and warm-up of `config` (throws for a bad date, naming the option).
void apply_replay_options(const ReplayOptions& options, bot::BacktestConfig& config);

// The --data files as given, or the bundled Bitstamp BTC/USD set (share/octobot/data).
[[nodiscard]] std::vector<std::filesystem::path> data_files(const AppPaths& paths,
                                                            const std::vector<std::string>& options);

// <user-dir>/backtesting/<kind>/<profile>/<UTC time>, kind "reports" or "optimizer".
[[nodiscard]] std::filesystem::path default_report_dir(const AppPaths& paths, const commons::Profile& profile,
                                                       const std::string& kind);

}  // namespace octobot::app
