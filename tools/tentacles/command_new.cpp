// new KIND NAME: scaffolds a tentacle project that builds out of tree against the installed SDK.
#include <iostream>
#include <memory>

#include "command_support.hpp"
#include "commands.hpp"
#include "scaffold.hpp"

namespace octobot::tentacles_cli {
namespace {

struct NewOptions {
  std::string kind;
  std::string name;
  std::string dir;
};

}  // namespace

void register_new_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  auto options = std::make_shared<NewOptions>();
  std::vector<std::string> kind_names;
  std::string kinds_help;
  for (const auto& kind : tentacle_kinds()) {
    kind_names.push_back(kind.name);
    kind_names.insert(kind_names.end(), kind.aliases.begin(), kind.aliases.end());
    kinds_help += "\n  " + kind.name + " (" + kind.text + ", " + kind.tree_folder + "/<name>)";
  }
  CLI::App* command = parent.add_subcommand("new", "Create a tentacle project that builds against the installed SDK");
  command->footer(
      "Create a tentacle project: metadata.json, reference config + JSON schema, a user doc, C++ source on the SDK's "
      "C++ layer, a unit test (Catch2) and a CMakeLists.txt that finds the installed SDK (find_package(OctobotSDK)). "
      "It builds out of tree as generated. KIND is one of:" +
      kinds_help);
  command->add_option("KIND", options->kind, "Tentacle kind")->required()->check(CLI::IsMember(kind_names));
  command->add_option("NAME", options->name, "Class name in CamelCase, e.g. MyEvaluator")->required();
  command->add_option("--dir", options->dir, "Project folder to create (default: ./<name_in_snake_case>)")
      ->type_name("DIR");
  set_callback(*command, environment, exit_status, [options](const ManagerEnvironment&) {
    const auto kind = *find_kind(options->kind);
    const std::filesystem::path folder =
        options->dir.empty() ? std::filesystem::path(snake_case(options->name)) : std::filesystem::path(options->dir);
    const auto result = scaffold_tentacle(kind, options->name, folder);
    std::cout << "created " << result.folder.string() << ": a " << kind.text << " " << options->name
              << ", installed at " << result.destination << "\n";
    for (const auto& file : result.files) std::cout << "  " << file << "\n";
    const std::string dir = result.folder.string();
    std::cout << "next:\n"
              << "  cmake -S " << dir << " -B " << dir << "/build -DCMAKE_PREFIX_PATH=<octobot sdk prefix>\n"
              << "  cmake --build " << dir << "/build && ctest --test-dir " << dir << "/build\n"
              << "  octobot-tentacles package " << dir << "/build/tentacles -o " << snake_case(options->name)
              << ".tar.gz --sign <key.pem>\n"
              << "  octobot-tentacles install " << snake_case(options->name) << ".tar.gz\n";
    return 0;
  });
}

}  // namespace octobot::tentacles_cli
