// octobot: the host program. Commands: `tentacles` (load report, and the tentacle manager's
// commands), `indicator`, `data`, `backtest`, `optimize`, `config` and `run` (the live bot).
#include <octobot/abi.h>
#include <octobot/commons/logging.hpp>
#include <octobot/sdk/version.hpp>

#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  using namespace octobot;
  CLI::App app{
      "OctoBot C++: a modular crypto trading bot whose evaluators, strategies, trading modes, "
      "exchanges and services are tentacles loaded at run time.",
      "octobot"};
  app.set_version_flag("--version", std::string("octobot ") + OCTOBOT_HOST_VERSION + " (tentacle ABI " +
                                        std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR) + ", SDK " +
                                        OCTOBOT_SDK_VERSION + ")");
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the command: `octobot tentacles --json --profile x`

  app::GlobalOptions global;
  app.add_option("--tentacles-dir", global.tentacles_dir,
                 "Tentacles root to scan (default: $OCTOBOT_TENTACLES_DIR, else share/octobot/tentacles next to "
                 "this program)")
      ->type_name("DIR");
  app.add_option("--user-dir", global.user_dir,
                 "Per-installation folder: config.json, profiles/, caches (default: $OCTOBOT_USER_DIR, else "
                 "~/.octobot)")
      ->type_name("DIR");
  app.add_option("--profile", global.profile, "Profile name, id or folder (default: daily_trading)")
      ->type_name("NAME|DIR");
  app.add_option("--log-level", global.log_level, "trace, debug, info, warning, error or off (default: warning)")
      ->type_name("LEVEL");

  app.add_option("--probe-timeout", global.probe_timeout_seconds,
                 "Seconds a new or changed tentacle library may take to load in the probe process before it is "
                 "quarantined as hung (default: 10)")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber);

  int exit_status = 0;
  app::register_tentacles_command(app, global, exit_status);
  app::register_indicator_command(app, exit_status);
  app::register_data_command(app, global, exit_status);
  app::register_backtest_command(app, global, exit_status);
  app::register_optimize_command(app, global, exit_status);
  app::register_config_command(app, global, exit_status);
  app::register_run_command(app, global, exit_status);

  app.parse_complete_callback([&] {
    if (const auto level = commons::parse_log_level(global.log_level)) {
      commons::set_log_level(*level);
    } else {
      throw CLI::ValidationError(
          "--log-level", "expected trace, debug, info, warning, error or off, found \"" + global.log_level + "\"");
    }
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "octobot: " << e.what() << "\n";
    return 1;
  }
  return exit_status;
}
