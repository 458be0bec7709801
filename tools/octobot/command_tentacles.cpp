#include <octobot/commons/json_error.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <iostream>
#include <memory>

#include "app_paths.hpp"
#include "commands.hpp"
#include "manager_commands.hpp"
#include "tentacle_host_setup.hpp"

namespace octobot::app {
namespace {

struct TentaclesCommandOptions {
  bool json = false;
};

int run_tentacles_report(const GlobalOptions& global, const TentaclesCommandOptions& options) {
  const AppPaths paths = resolve_app_paths(global.tentacles_dir, global.user_dir);
  const auto profile_folder = commons::find_profile(global.profile, paths.profile_roots());
  const commons::Profile profile = commons::load_profile(profile_folder);
  const tentacles::HostOptions host_options = make_host_options(paths, profile, global);
  tentacles::TentacleHost host(host_options);
  const auto& report = host.load();
  if (options.json) {
    std::cout << tentacles::format_report_json(report);
  } else {
    std::cout << "Profile: " << profile.name << " (" << profile.folder.string() << ")\n"
              << tentacles::format_report_text(report);
  }
  return 0;  // skipped tentacles are reported, not fatal
}

}  // namespace

void register_tentacles_command(CLI::App& app, const GlobalOptions& global, int& exit_status) {
  auto options = std::make_shared<TentaclesCommandOptions>();
  CLI::App* command =
      app.add_subcommand("tentacles",
                         "Discover, check and load every tentacle, then print what was loaded, skipped, quarantined "
                         "or ignored, and why. Exit status 0 even when some tentacles are skipped. With a command: "
                         "the tentacle manager (the same as octobot-tentacles <command>).");
  command->add_flag("--json", options->json, "Print the report as JSON (for scripts)");
  tentacles_cli::register_manager_commands(
      *command,
      [&global] {
        return tentacles_cli::ManagerEnvironment{"octobot", global.tentacles_dir, global.user_dir, global.profile,
                                                 global.probe_timeout_seconds};
      },
      exit_status);
  command->callback([&global, &exit_status, command, options] {
    if (!command->get_subcommands().empty()) return;  // a manager command ran instead of the report
    try {
      exit_status = run_tentacles_report(global, *options);
    } catch (const commons::JsonError& e) {
      std::cerr << "octobot: " << e.what() << "\n";
      exit_status = 1;
    } catch (const std::exception& e) {
      std::cerr << "octobot: " << e.what() << "\n";
      exit_status = 1;
    }
  });
}

}  // namespace octobot::app
