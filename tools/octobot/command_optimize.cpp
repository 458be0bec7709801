// `octobot optimize`: a grid or random search over tentacle configuration values, every run a full
// backtest of the profile over one loaded copy of the data, in parallel; ranked, printed as a table
// and written as optimize.json and optimize.html (docs/optimizer.md).
#include <octobot/bot/optimizer.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app_paths.hpp"
#include "backtest_inputs.hpp"
#include "commands.hpp"
#include "progress_bar.hpp"
#include "tentacle_host_setup.hpp"

namespace octobot::app {
namespace {

struct OptimizeOptions {
  std::vector<std::string> params;
  std::optional<std::uint64_t> random;
  std::uint64_t seed = 0;
  unsigned jobs = 0;
  std::string rank_by = "total_return";
  std::size_t top = 10;
  ReplayOptions replay;
  std::string report_dir;
  bool json = false;
  bool quiet = false;
};

int run(const GlobalOptions& global, const OptimizeOptions& options) {
  // The parameter syntax and the statistic first: a typo fails before anything loads.
  bot::OptimizeConfig config;
  try {
    for (const auto& text : options.params) config.params.push_back(bot::parse_param(text));
    (void)bot::find_rank_statistic(options.rank_by);
  } catch (const bot::ParamError& e) {
    std::cerr << "octobot: optimize: " << e.what() << "\n";
    return 2;
  }
  const AppPaths paths = resolve_app_paths(global.tentacles_dir, global.user_dir);
  const commons::Profile profile = commons::load_profile(commons::find_profile(global.profile, paths.profile_roots()));
  config.base.profile = profile;
  apply_replay_options(options.replay, config.base);
  config.random_samples = options.random;
  config.seed = options.seed;
  config.jobs = options.jobs;
  config.rank_by = options.rank_by;

  tentacles::TentacleHost host(make_host_options(paths, profile, global));
  host.load();
  try {
    bot::check_params(host, profile, config.params);
  } catch (const bot::ParamError& e) {
    std::cerr << "octobot: optimize: " << e.what() << "\n";
    return 2;
  }
  // One copy of the candles for every run.
  config.base.candles =
      bot::load_candles(data_files(paths, options.replay.data), config.base.start_ms, config.base.end_ms);

  const bool tty = isatty(STDERR_FILENO) != 0;
  std::optional<ProgressBar> bar;
  if (tty && !options.quiet && !options.json) {
    bar.emplace(std::cerr, "runs");
    config.progress = [&bar](const bot::OptimizeProgress& progress) {
      bar->update(progress.runs_done, progress.runs_total, progress.elapsed_seconds);
    };
  }
  const bot::OptimizeResult result = bot::optimize(host, config);
  if (bar) bar->finish();

  const std::filesystem::path report_dir = options.report_dir.empty() ? default_report_dir(paths, profile, "optimizer")
                                                                      : std::filesystem::path(options.report_dir);
  std::filesystem::create_directories(report_dir);
  const std::string json = bot::render_optimize_json(config, result);
  commons::write_file_atomically(report_dir / "optimize.json", json);
  commons::write_file_atomically(report_dir / "optimize.html", bot::render_optimize_html(config, result));

  if (options.json) {
    std::cout << json;
    return 0;
  }
  for (const auto& warning : result.warnings) std::cerr << "octobot: note: " << warning << "\n";
  std::size_t failed = 0;
  for (const auto& run : result.runs) failed += run.statistics ? 0 : 1;
  if (!options.quiet) {
    std::cout << fmt::format(
        "{} runs ({} of {} combinations{}) on {} threads in {:.2f} s ({:.2f} runs/s); "
        "ranked by {} ({})\n\n",
        result.runs.size(), config.random_samples ? "random sample" : "grid", result.grid_size,
        config.random_samples ? ", seed " + std::to_string(config.seed) : std::string(), result.jobs, result.seconds,
        result.seconds > 0 ? static_cast<double>(result.runs.size()) / result.seconds : 0.0, result.rank_by->name,
        result.rank_by->order == bot::RankOrder::lower_is_better ? "lower is better" : "higher is better");
    std::cout << bot::render_optimize_table(config, result, options.top);
    if (failed > 0) std::cout << "\n" << failed << " runs failed (their errors are in optimize.json)\n";
  }
  std::cout << "Results: " << (report_dir / "optimize.html").string()
            << " (JSON: " << (report_dir / "optimize.json").string() << ")\n";
  return 0;
}

}  // namespace

void register_optimize_command(CLI::App& app, const GlobalOptions& global, int& exit_status) {
  auto options = std::make_shared<OptimizeOptions>();
  CLI::App* command = app.add_subcommand(
      "optimize",
      "Search tentacle configuration values: one backtest per combination (grid) or per random sample, in "
      "parallel over one loaded copy of the data, ranked by a statistic; writes optimize.json and optimize.html.");
  command
      ->add_option("--param", options->params,
                   "Class.key=FROM..TO:STEP (exact decimal steps) or Class.key=V1,V2,... (repeatable; the search "
                   "covers every combination)")
      ->type_name("SPEC")
      ->required();
  command->add_option("--random", options->random, "Run N distinct random combinations instead of the whole grid")
      ->type_name("N");
  command->add_option("--seed", options->seed, "Seed of --random (default 0): the same seed, the same runs")
      ->type_name("S");
  command->add_option("--jobs", options->jobs, "Parallel runs (default: one per hardware thread)")
      ->type_name("N")
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--rank-by", options->rank_by,
                   "Statistic to rank by: total_return (default), net_profit, cagr, sharpe, sortino, calmar, "
                   "max_drawdown, volatility (lower is better for these two), win_rate, profit_factor, sqn, "
                   "expectancy_pct")
      ->type_name("STAT");
  command->add_option("--top", options->top, "Rows of the printed table (default 10; the files hold every run)")
      ->type_name("N");
  add_replay_options(*command, options->replay);
  command
      ->add_option(
          "--report-dir", options->report_dir,
          "Where optimize.json and optimize.html go (default: <user-dir>/backtesting/optimizer/<profile>/<time>)")
      ->type_name("DIR");
  command->add_flag("--json", options->json, "Print optimize.json on stdout instead of the table");
  command->add_flag("--quiet", options->quiet, "No progress bar and no table (the files are still written)");
  command->callback([&global, &exit_status, options] {
    try {
      exit_status = run(global, *options);
    } catch (const std::exception& e) {
      std::cerr << "octobot: optimize: " << e.what() << "\n";
      exit_status = 1;
    }
  });
}

}  // namespace octobot::app
