// Optimizer speed-up from 1 to 2 threads.
//
//   bench_optimizer [--months N] [--runs N]
//
// The default profile (daily_trading: RSI + double moving average -> SimpleStrategyEvaluator ->
// DailyTradingMode, loaded from the build's tentacles tree) over the bundled Bitstamp BTC/USD 1h+1d
// data, N months from 2020-01-01 (default 12), loaded once. The same grid of runs (default 16: RSI period
// x moving-average length) is searched with --jobs 1, then --jobs 2, on one host.
//
// Figures: optimizer.jobs1.runs_per_s, optimizer.jobs2.runs_per_s and optimizer.speedup (jobs 2 over
// jobs 1; the ideal is 2 on two idle cores). Each search also checks that both rankings agree.
#include <octobot/bot/optimizer.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "bench_report.hpp"

namespace {

using namespace octobot;
namespace fs = std::filesystem;

constexpr std::int64_t kJan2020 = 1'577'836'800'000;  // 2020-01-01 00:00 UTC
constexpr std::int64_t kMonthMs = 2'592'000'000;      // 30 days

}  // namespace

int main(int argc, char** argv) {
  std::int64_t months = 12;
  int runs = 16;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--months") {
      months = std::atoll(argv[i + 1]);
    } else if (option == "--runs") {
      runs = std::atoi(argv[i + 1]);
    } else {
      std::cerr << "usage: bench_optimizer [--months N] [--runs N]\n";
      return 2;
    }
  }
  commons::set_log_level(commons::LogLevel::off);
  const fs::path source = OCTOBOT_SOURCE_DIR;
  bot::OptimizeConfig config;
  config.base.profile = commons::load_profile(source / "profiles" / "daily_trading");
  config.base.start_ms = kJan2020;
  config.base.end_ms = kJan2020 + months * kMonthMs;
  config.base.candles =
      bot::load_candles({source / "data" / "bitstamp-btcusd.sqlite"}, config.base.start_ms, config.base.end_ms);
  // runs / 2 RSI periods x 2 moving-average lengths.
  config.params = {
      bot::parse_param("RSIMomentumEvaluator.period_length=8.." + std::to_string(8 + (runs / 2 - 1) * 2) + ":2"),
      bot::parse_param("DoubleMovingAverageTrendEvaluator.short_period_length=3,5")};

  tentacles::HostOptions options;
  options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
  options.probe = false;
  options.profile_folder = config.base.profile.folder;
  options.active_classes = config.base.profile.active_classes();
  tentacles::TentacleHost host(options);
  host.load();

  double rates[2] = {0, 0};
  std::string tables[2];
  for (unsigned jobs = 1; jobs <= 2; ++jobs) {
    config.jobs = jobs;
    const bench::Stopwatch watch;
    const bot::OptimizeResult result = bot::optimize(host, config);
    const double seconds = watch.seconds();
    rates[jobs - 1] = static_cast<double>(result.runs.size()) / seconds;
    tables[jobs - 1] = bot::render_optimize_table(config, result, result.runs.size());
    bench::report("optimizer.jobs" + std::to_string(jobs) + ".runs_per_s", "runs/s", rates[jobs - 1]);
  }
  bench::report("optimizer.speedup", "x", rates[1] / rates[0]);
  if (tables[0] != tables[1]) {
    std::cerr << "bench_optimizer: the rankings of --jobs 1 and --jobs 2 differ\n";
    return 1;
  }
  return 0;
}
