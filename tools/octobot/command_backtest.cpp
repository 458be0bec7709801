// `octobot backtest`: the profile's tentacles over a data file, then the report (terminal summary,
// JSON and HTML files). With no --data, the bundled data set (share/octobot/data) is used, so the
// command works on a fresh install with no network.
#include <octobot/backtesting/report/backtest_report.hpp>
#include <octobot/bot/backtest.hpp>
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

struct BacktestOptions {
  ReplayOptions replay;
  std::string report_dir;
  bool json = false;
  bool quiet = false;
  bool no_store = false;
};

int run(const GlobalOptions& global, const BacktestOptions& options) {
  const AppPaths paths = resolve_app_paths(global.tentacles_dir, global.user_dir);
  const commons::Profile profile = commons::load_profile(commons::find_profile(global.profile, paths.profile_roots()));
  bot::BacktestConfig config;
  config.profile = profile;
  config.data_files = data_files(paths, options.replay.data);
  apply_replay_options(options.replay, config);

  const bool tty = isatty(STDERR_FILENO) != 0;
  std::optional<ProgressBar> bar;
  if (tty && !options.quiet && !options.json) {
    bar.emplace(std::cerr);
    config.progress = [&bar](const bot::BacktestProgress& progress) {
      bar->update(progress.candles_done, progress.candles_total, progress.elapsed_seconds);
    };
  }

  const std::filesystem::path report_dir = options.report_dir.empty() ? default_report_dir(paths, profile, "reports")
                                                                      : std::filesystem::path(options.report_dir);
  std::filesystem::create_directories(report_dir);
  if (!options.no_store) config.store_file = report_dir / "run.sqlite";

  tentacles::TentacleHost host(make_host_options(paths, profile, global));
  host.load();
  bot::BacktestResult result = bot::run_backtest(host, config);
  if (bar) bar->finish();

  const auto report = backtesting::report::make_report(std::move(result.run));
  const std::string json = backtesting::report::render_json(report);
  commons::write_file_atomically(report_dir / "report.json", json);
  commons::write_file_atomically(report_dir / "report.html", backtesting::report::render_html(report));

  if (options.json) {
    std::cout << json;
    return 0;
  }
  for (const auto& warning : result.warnings) std::cerr << "octobot: note: " << warning << "\n";
  if (!options.quiet) {
    std::cout << backtesting::report::render_terminal_summary(report, isatty(STDOUT_FILENO) != 0
                                                                          ? backtesting::report::TerminalColour::ansi
                                                                          : backtesting::report::TerminalColour::plain);
    std::cout << fmt::format(
        "\nReplayed {} candles in {} steps in {:.2f} s ({:.0f} candles/s); {} orders ({} rejected); "
        "{} tentacle errors\n",
        result.candles, result.steps, result.seconds,
        result.seconds > 0 ? static_cast<double>(result.candles) / result.seconds : 0.0, result.orders_created,
        result.orders_rejected, result.tentacle_errors);
  }
  std::cout << "Report: " << (report_dir / "report.html").string()
            << " (JSON: " << (report_dir / "report.json").string() << ")\n";
  return 0;
}

}  // namespace

void register_backtest_command(CLI::App& app, const GlobalOptions& global, int& exit_status) {
  auto options = std::make_shared<BacktestOptions>();
  CLI::App* command = app.add_subcommand(
      "backtest",
      "Replay a data file through the profile's tentacles (evaluators, strategy, trading mode) on the simulated "
      "exchange and report the result: a terminal summary, report.json and a self-contained report.html.");
  add_replay_options(*command, options->replay);
  command
      ->add_option("--report-dir", options->report_dir,
                   "Where report.json and report.html go (default: <user-dir>/backtesting/reports/<profile>/<time>)")
      ->type_name("DIR");
  command->add_flag("--json", options->json, "Print the JSON report on stdout instead of the summary");
  command->add_flag(
      "--no-store", options->no_store,
      "Do not write run.sqlite (every order, trade and a daily portfolio snapshot; costs time on long runs)");
  command->add_flag("--quiet", options->quiet, "No progress bar and no summary (the report files are still written)");
  command->callback([&global, &exit_status, options] {
    try {
      exit_status = run(global, *options);
    } catch (const std::exception& e) {
      std::cerr << "octobot: backtest: " << e.what() << "\n";
      exit_status = 1;
    }
  });
}

}  // namespace octobot::app
