// octobot-tentacles: the tentacle manager. The same commands are reachable as
// `octobot tentacles <command>` (tools/octobot/command_tentacles.cpp).
#include <octobot/abi.h>
#include <octobot/commons/logging.hpp>
#include <octobot/sdk/version.hpp>

#include <iostream>

#include "manager_commands.hpp"

int main(int argc, char** argv) {
  using namespace octobot;
  CLI::App app{
      "octobot-tentacles: install, update, uninstall, list, inspect and verify OctoBot tentacle packages, create "
      "new tentacle projects and package them. Every change is checked as the host would check it, locked against "
      "other managers and starting hosts, and atomic.",
      "octobot-tentacles"};
  app.set_version_flag("--version", std::string("octobot-tentacles ") + OCTOBOT_HOST_VERSION + " (tentacle ABI " +
                                        std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR) + ", SDK " +
                                        OCTOBOT_SDK_VERSION + ")");
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the command

  tentacles_cli::ManagerEnvironment environment;
  environment.program = "octobot-tentacles";
  environment.profile = "daily_trading";
  std::string log_level = "warning";
  app.add_option("--tentacles-dir", environment.tentacles_dir,
                 "Tentacles tree to manage (default: $OCTOBOT_TENTACLES_DIR, else share/octobot/tentacles next to "
                 "this program)")
      ->type_name("DIR");
  app.add_option("--user-dir", environment.user_dir,
                 "Per-installation folder: config.json (trusted keys), profiles/, caches (default: "
                 "$OCTOBOT_USER_DIR, else ~/.octobot)")
      ->type_name("DIR");
  app.add_option("--profile", environment.profile,
                 "Profile whose tentacles_config.json learns installed classes and forgets removed ones (name, id or "
                 "folder; default: daily_trading)")
      ->type_name("NAME|DIR");
  app.add_option("--log-level", log_level, "trace, debug, info, warning, error or off (default: warning)")
      ->type_name("LEVEL");
  app.add_option("--probe-timeout", environment.probe_timeout_seconds,
                 "Seconds a library may take to load in the probe process before it is refused as hung (default: 10)")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber);

  int exit_status = 0;
  tentacles_cli::register_manager_commands(
      app, [&environment] { return environment; }, exit_status);
  app.parse_complete_callback([&] {
    if (const auto level = commons::parse_log_level(log_level)) {
      commons::set_log_level(*level);
    } else {
      throw CLI::ValidationError("--log-level",
                                 "expected trace, debug, info, warning, error or off, found \"" + log_level + "\"");
    }
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "octobot-tentacles: " << e.what() << "\n";
    return 1;
  }
  return exit_status;
}
