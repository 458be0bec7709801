// list: every tentacle of the tree as the host loads it (state, classes, kind, ABI) with the
// package it came from.
#include <octobot/tentacles/load_report.hpp>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>
#include <memory>

#include "command_support.hpp"
#include "commands.hpp"

namespace octobot::tentacles_cli {
namespace {

void print_text(const tentacle_manager::ListReport& list) {
  std::cout << "Tentacles in " << list.load.root.string() << " (" << list.load.platform << ", host ABI "
            << list.load.host_abi << ")\n";
  std::cout << fmt::format("{:<20} {:<9} {:<36} {:<5} {:<12} {}\n", "PACKAGE", "VERSION", "TENTACLE", "ABI", "STATE",
                           "CLASSES (KIND)");
  for (const auto& tentacle : list.tentacles) {
    std::string classes;
    for (const auto& cls : tentacle.report.classes) {
      classes += (classes.empty() ? "" : ", ") + cls.name + (cls.kind.empty() ? "" : " (" + cls.kind + ")");
    }
    std::cout << fmt::format("{:<20} {:<9} {:<36} {:<5} {:<12} {}\n", tentacle.package.empty() ? "-" : tentacle.package,
                             tentacle.report.version, tentacle.path, tentacle.report.abi_version,
                             to_string(tentacle.report.state), classes);
    if (!tentacle.report.reason.empty()) std::cout << "    reason: " << tentacle.report.reason << "\n";
  }
  std::cout << list.tentacles.size() << " tentacles, " << list.packages.size() << " installed packages\n";
  for (const auto& warning : list.load.warnings) std::cout << "warning: " << warning << "\n";
}

void print_json(const tentacle_manager::ListReport& list) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  auto string = [&](const char* key, const std::string& value) {
    writer.Key(key);
    writer.String(value.c_str());
  };
  writer.StartObject();
  string("root", list.load.root.string());
  string("platform", list.load.platform);
  string("host_abi", list.load.host_abi);
  writer.Key("packages");
  writer.StartArray();
  for (const auto& package : list.packages) {
    writer.StartObject();
    string("name", package.name);
    string("version", package.version);
    string("source", package.source);
    string("installed_at", package.installed_at);
    string("signed_by", package.signed_by);
    writer.Key("tentacles");
    writer.StartArray();
    for (const auto& tentacle : package.manifest.tentacles) writer.String(tentacle.path.c_str());
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("tentacles");
  writer.StartArray();
  for (const auto& tentacle : list.tentacles) {
    writer.StartObject();
    string("path", tentacle.path);
    string("name", tentacle.report.name);
    string("package", tentacle.package);
    string("version", tentacle.report.version);
    string("abi_version", tentacle.report.abi_version);
    string("state", to_string(tentacle.report.state));
    string("reason", tentacle.report.reason);
    writer.Key("classes");
    writer.StartArray();
    for (const auto& cls : tentacle.report.classes) {
      writer.StartObject();
      string("name", cls.name);
      string("kind", cls.kind);
      string("version", cls.version);
      writer.Key("active");
      writer.Bool(cls.active_in_profile);
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("warnings");
  writer.StartArray();
  for (const auto& warning : list.load.warnings) writer.String(warning.c_str());
  writer.EndArray();
  writer.EndObject();
  std::cout << buffer.GetString() << "\n";
}

}  // namespace

void register_list_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  auto options = std::make_shared<CommonOptions>();
  CLI::App* command =
      parent.add_subcommand("list", "List the tree's tentacles: package, version, classes, kind, ABI, state");
  command->footer(
      "List every tentacle of the tree as the host loads it: package, version, tentacle, ABI, state (loaded, "
      "skipped, quarantined, ignored) with the reason, classes and their kind.");
  add_common_options(*command, *options, true);
  set_callback(*command, environment, exit_status, [options](const ManagerEnvironment& env) {
    const auto context = make_context(env, *options);
    tentacle_manager::TentacleManager manager(context.options);
    const auto list = manager.list();
    if (options->json) {
      print_json(list);
    } else {
      print_text(list);
    }
    return 0;
  });
}

}  // namespace octobot::tentacles_cli
