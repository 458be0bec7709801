// install, update, uninstall: the three commands that change the tree.
#include <memory>

#include "command_support.hpp"
#include "commands.hpp"

namespace octobot::tentacles_cli {
namespace {

struct ChangeCommandOptions {
  CommonOptions common;
  std::vector<std::string> arguments;
  bool all = false;
  tentacle_manager::ChangeOptions change;
};

}  // namespace

void register_install_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  auto options = std::make_shared<ChangeCommandOptions>();
  CLI::App* command =
      parent.add_subcommand("install", "Install tentacle packages from archives, folders or http(s) URLs");
  command->footer(
      "Install tentacle packages. SOURCE is a package archive (.tar.gz or .zip), a folder (an unpacked package, or a "
      "built tentacles tree / tentacle folder, packaged on the fly and so unsigned) or an http(s) URL. All SOURCEs "
      "form one change: their tentacles-requirements may be met by each other. Each package is checked as the host "
      "would (metadata, ABI, sha256, signature, probe) before anything changes; the active profile learns the new "
      "classes, inactive.");
  command->add_option("SOURCE", options->arguments, "Package archive, folder or http(s) URL")->required();
  command->add_flag("--force", options->change.force,
                    "Reinstall the same version, downgrade, or replace a tentacle folder no package owns");
  command->add_flag("--allow-unsigned", options->change.allow_unsigned,
                    "Accept unsigned packages and packages signed by an untrusted key (never a bad signature)");
  add_common_options(*command, options->common, true);
  set_callback(*command, environment, exit_status, [options](const ManagerEnvironment& env) {
    const auto context = make_context(env, options->common);
    tentacle_manager::TentacleManager manager(context.options);
    print_change_report(manager.install(options->arguments, options->change), context.profile_note,
                        options->common.json);
    return 0;
  });
}

void register_update_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  auto options = std::make_shared<ChangeCommandOptions>();
  CLI::App* command =
      parent.add_subcommand("update", "Install newer versions of installed packages from where they came");
  command->footer(
      "Fetch installed packages again from where they were installed from (file or URL) and install those whose "
      "version is newer, with the same checks as install.");
  command->add_option("NAME", options->arguments, "Installed package to update");
  command->add_flag("--all", options->all, "Update every installed package");
  command->add_flag("--force", options->change.force, "Reinstall even when the version is the same, or older");
  command->add_flag("--allow-unsigned", options->change.allow_unsigned,
                    "Accept unsigned packages and packages signed by an untrusted key (never a bad signature)");
  add_common_options(*command, options->common, true);
  set_callback(*command, environment, exit_status, [options](const ManagerEnvironment& env) {
    if (options->arguments.empty() == !options->all) {
      throw tentacle_manager::ManagerError(options->all ? "give package names or --all, not both"
                                                        : "nothing to update: give package names, or --all");
    }
    const auto context = make_context(env, options->common);
    tentacle_manager::TentacleManager manager(context.options);
    print_change_report(manager.update(options->arguments, options->change), context.profile_note,
                        options->common.json);
    return 0;
  });
}

void register_uninstall_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  auto options = std::make_shared<ChangeCommandOptions>();
  CLI::App* command = parent.add_subcommand("uninstall", "Remove installed packages");
  command->footer(
      "Remove installed packages and their tentacle folders; the active profile forgets their classes (its "
      "specific_config/ overrides are kept). Refused while other tentacles require them, unless --force.");
  command->add_option("NAME", options->arguments, "Installed package to remove")->required();
  command->add_flag("--force", options->change.force, "Remove even when other tentacles require it");
  add_common_options(*command, options->common, true);
  set_callback(*command, environment, exit_status, [options](const ManagerEnvironment& env) {
    const auto context = make_context(env, options->common);
    tentacle_manager::TentacleManager manager(context.options);
    print_change_report(manager.uninstall(options->arguments, options->change), context.profile_note,
                        options->common.json);
    return 0;
  });
}

}  // namespace octobot::tentacles_cli
