// The octobot sub-commands. Each registers itself on the CLI11 app and runs when selected.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace octobot::app {

// Options every command accepts.
struct GlobalOptions {
  std::string tentacles_dir;
  std::string user_dir;
  std::string profile = "daily_trading";
  std::string log_level = "warning";
  double probe_timeout_seconds = 10.0;
};

// `octobot tentacles [--json]`: the host's load report. Returns the command's exit status holder.
void register_tentacles_command(CLI::App& app, const GlobalOptions& global, int& exit_status);

// `octobot indicator NAME [--param KEY=VALUE ...] --data FILE [--output FILE]`: an SDK indicator over a
// candle file, as CSV.
void register_indicator_command(CLI::App& app, int& exit_status);

// `octobot data import|list|info`: backtesting data files (docs/data-files.md).
void register_data_command(CLI::App& app, const GlobalOptions& global, int& exit_status);

// `octobot backtest [--data FILE] [--start T] [--end T] [--symbol S] [--report-dir DIR] [--json]`.
void register_backtest_command(CLI::App& app, const GlobalOptions& global, int& exit_status);

// `octobot optimize --param Class.key=a..b:step ... [--random N] [--jobs N] [--rank-by STAT]`: many backtests
// over one loaded copy of the data, ranked (docs/optimizer.md).
void register_optimize_command(CLI::App& app, const GlobalOptions& global, int& exit_status);

// `octobot config show|get|set|unset|set-key|encrypt`: config.json, credentials encrypted (docs/configuration.md).
void register_config_command(CLI::App& app, const GlobalOptions& global, int& exit_status);

// `octobot run [--log-file F] [--for SECONDS]`: the bot on live market data, paper trading by default;
// SIGINT/SIGTERM stop it, SIGHUP restarts it in process (docs/live-trading.md).
void register_run_command(CLI::App& app, const GlobalOptions& global, int& exit_status);

}  // namespace octobot::app
