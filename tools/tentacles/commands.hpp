// One registration function per manager command (one file each).
#pragma once

#include "manager_commands.hpp"

namespace octobot::tentacles_cli {

void register_install_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);
void register_update_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);
void register_uninstall_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);
void register_list_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);
void register_info_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);
void register_verify_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);
void register_new_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);
void register_package_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status);

}  // namespace octobot::tentacles_cli
