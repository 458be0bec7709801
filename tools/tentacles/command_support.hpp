// What every manager command shares: the manager built from the environment, the options common to
// all commands, and one error path that prints "<program>: <what, expected, found, fix>".
#pragma once

#include <octobot/tentacle_manager/manager.hpp>

#include <functional>
#include <memory>
#include <string>

#include "manager_commands.hpp"

namespace octobot::tentacles_cli {

struct CommonOptions {
  double lock_timeout_seconds = 60.0;
  bool json = false;
};

// Adds --lock-timeout (and --json when `with_json`) to a command.
void add_common_options(CLI::App& command, CommonOptions& options, bool with_json);

struct CommandContext {
  tentacle_manager::ManagerOptions options;
  std::string profile_note;  // why no profile will follow the change, when none was found
};

// Resolves the paths, the active profile and config.json's "tentacles" settings.
[[nodiscard]] CommandContext make_context(const ManagerEnvironment& environment, const CommonOptions& common);

// Runs `body`, turning any exception into "<program>: <message>" on stderr and exit status 1.
[[nodiscard]] int run_guarded(const std::string& program, const std::function<int()>& body);

// The command's callback: fetches the environment, runs guarded, stores the exit status.
void set_callback(CLI::App& command, const EnvironmentSource& environment, int& exit_status,
                  std::function<int(const ManagerEnvironment&)> body);

// The change commands' report, as text or JSON, on stdout.
void print_change_report(const tentacle_manager::ChangeReport& report, const std::string& profile_note, bool json);

}  // namespace octobot::tentacles_cli
