// The tentacle manager's commands, registered on any CLI11 app: `octobot-tentacles <command>` and
// `octobot tentacles <command>` run exactly this code.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace octobot::tentacles_cli {

// What the enclosing program knows once its command line is parsed.
struct ManagerEnvironment {
  std::string program;        // prefixes error messages: "octobot-tentacles", "octobot"
  std::string tentacles_dir;  // --tentacles-dir (empty: $OCTOBOT_TENTACLES_DIR, else the bundled tree)
  std::string user_dir;       // --user-dir (empty: $OCTOBOT_USER_DIR, else ~/.octobot)
  std::string profile;        // --profile: the profile whose tentacles_config.json follows changes
  double probe_timeout_seconds = 10.0;
};

// Called when a command runs, after parsing: global options may follow the command.
using EnvironmentSource = std::function<ManagerEnvironment()>;

// Adds install, update, uninstall, list, info, verify, new and package under `parent`. Each sets
// `exit_status` (0 success, 1 refused or failed) when it runs.
void register_manager_commands(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);

}  // namespace octobot::tentacles_cli
