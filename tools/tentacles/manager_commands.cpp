#include "manager_commands.hpp"

#include "commands.hpp"

namespace octobot::tentacles_cli {

void register_manager_commands(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  register_install_command(parent, environment, exit_status);
  register_update_command(parent, environment, exit_status);
  register_uninstall_command(parent, environment, exit_status);
  register_list_command(parent, environment, exit_status);
  register_info_command(parent, environment, exit_status);
  register_verify_command(parent, environment, exit_status);
  register_new_command(parent, environment, exit_status);
  register_package_command(parent, environment, exit_status);
}

}  // namespace octobot::tentacles_cli
