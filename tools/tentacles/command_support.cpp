#include "command_support.hpp"

#include <octobot/commons/profile.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>

#include "app_paths.hpp"

namespace octobot::tentacles_cli {
namespace {

std::string change_line(const tentacle_manager::PackageChange& change) {
  using Action = tentacle_manager::PackageChange::Action;
  std::string paths;
  for (const auto& path : change.tentacles) paths += (paths.empty() ? "" : ", ") + path;
  switch (change.action) {
    case Action::unchanged:
      return change.package + " " + change.to_version + " is already installed (add --force to reinstall)";
    case Action::removed:
      return "removed " + change.package + " " + change.from_version + ": " + paths;
    case Action::installed:
      return "installed " + change.package + " " + change.to_version + ": " + paths + " (" + change.signature + ")";
    default:
      return std::string(to_string(change.action)) + " " + change.package + " " + change.from_version + " -> " +
             change.to_version + ": " + paths + " (" + change.signature + ")";
  }
}

}  // namespace

void add_common_options(CLI::App& command, CommonOptions& options, bool with_json) {
  command
      .add_option("--lock-timeout", options.lock_timeout_seconds,
                  "Seconds to wait for another tentacle manager or a starting host to release the tree (default: 60)")
      ->type_name("SECONDS")
      ->check(CLI::PositiveNumber);
  if (with_json) command.add_flag("--json", options.json, "Print the result as one JSON document (for scripts)");
}

CommandContext make_context(const ManagerEnvironment& environment, const CommonOptions& common) {
  const app::AppPaths paths = app::resolve_app_paths(environment.tentacles_dir, environment.user_dir);
  CommandContext context;
  auto& options = context.options;
  options.tentacles_root = paths.tentacles_root;
  options.user_dir = paths.user_dir;
  options.probe_executable = paths.probe_executable;
  options.probe_cache_file = paths.probe_cache_file;
  options.probe_timeout = std::chrono::milliseconds(static_cast<long>(environment.probe_timeout_seconds * 1000));
  options.lock_timeout = std::chrono::milliseconds(static_cast<long>(common.lock_timeout_seconds * 1000));
  options.settings = tentacle_manager::read_manager_settings(paths.user_dir);
  try {
    options.profile_folder = commons::find_profile(environment.profile, paths.profile_roots());
  } catch (const std::exception& e) {
    context.profile_note = std::string(e.what()) + ": no tentacles_config.json follows this change";
  }
  std::error_code error;
  if (!std::filesystem::is_directory(options.tentacles_root, error)) {
    throw tentacle_manager::ManagerError("the tentacles root " + options.tentacles_root.string() +
                                         " is not a directory (use --tentacles-dir DIR or set OCTOBOT_TENTACLES_DIR)");
  }
  return context;
}

int run_guarded(const std::string& program, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::cerr << program << ": " << e.what() << "\n";
    return 1;
  }
}

void set_callback(CLI::App& command, const EnvironmentSource& environment, int& exit_status,
                  std::function<int(const ManagerEnvironment&)> body) {
  command.callback([environment, &exit_status, body = std::move(body)] {
    const ManagerEnvironment env = environment();
    exit_status = run_guarded(env.program, [&] { return body(env); });
  });
}

void print_change_report(const tentacle_manager::ChangeReport& report, const std::string& profile_note, bool json) {
  if (!json) {
    for (const auto& change : report.packages) std::cout << change_line(change) << "\n";
    for (const auto& note : report.notes) std::cout << note << "\n";
    if (!profile_note.empty()) std::cout << "note: " << profile_note << "\n";
    for (const auto& warning : report.warnings) std::cout << "warning: " << warning << "\n";
    return;
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  auto strings = [&](const char* key, const std::vector<std::string>& items) {
    writer.Key(key);
    writer.StartArray();
    for (const auto& item : items) writer.String(item.c_str());
    writer.EndArray();
  };
  writer.StartObject();
  writer.Key("packages");
  writer.StartArray();
  for (const auto& change : report.packages) {
    writer.StartObject();
    writer.Key("package");
    writer.String(change.package.c_str());
    writer.Key("action");
    writer.String(to_string(change.action));
    writer.Key("from_version");
    writer.String(change.from_version.c_str());
    writer.Key("to_version");
    writer.String(change.to_version.c_str());
    writer.Key("signature");
    writer.String(change.signature.c_str());
    strings("tentacles", change.tentacles);
    writer.EndObject();
  }
  writer.EndArray();
  auto notes = report.notes;
  if (!profile_note.empty()) notes.push_back(profile_note);
  strings("notes", notes);
  strings("warnings", report.warnings);
  writer.EndObject();
  std::cout << buffer.GetString() << "\n";
}

}  // namespace octobot::tentacles_cli
