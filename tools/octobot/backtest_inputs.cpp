#include "backtest_inputs.hpp"

#include <ctime>

#include "date_option.hpp"

namespace octobot::app {

void add_replay_options(CLI::App& command, ReplayOptions& options) {
  command
      .add_option("--data", options.data,
                  "Data file (repeatable: the files' candles merge in time; default: the bundled Bitstamp BTC/USD "
                  "1h+1d set)")
      ->type_name("FILE");
  command.add_option("--start", options.start, "First candle time: YYYY-MM-DD[ HH:MM[:SS]] UTC or Unix ms")
      ->type_name("TIME");
  command.add_option("--end", options.end, "End (exclusive), same formats")->type_name("TIME");
  command
      .add_option("--symbol", options.symbols,
                  "Symbol to trade (repeatable; default: the profile's pairs the data holds)")
      ->type_name("SYMBOL");
  command.add_option("--warmup", options.warmup, "Time steps that feed indicators before trading starts (default 0)")
      ->type_name("STEPS");
}

void apply_replay_options(const ReplayOptions& options, bot::BacktestConfig& config) {
  if (!options.start.empty()) config.start_ms = parse_date_option("--start", options.start);
  if (!options.end.empty()) config.end_ms = parse_date_option("--end", options.end);
  config.symbols = options.symbols;
  config.warmup_steps = options.warmup;
}

std::vector<std::filesystem::path> data_files(const AppPaths& paths, const std::vector<std::string>& options) {
  if (options.empty()) return {paths.share_dir / "data" / "bitstamp-btcusd.sqlite"};
  return {options.begin(), options.end()};
}

std::filesystem::path default_report_dir(const AppPaths& paths, const commons::Profile& profile,
                                         const std::string& kind) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &utc);
  return paths.user_dir / "backtesting" / kind / (profile.id.empty() ? profile.name : profile.id) / stamp;
}

}  // namespace octobot::app
