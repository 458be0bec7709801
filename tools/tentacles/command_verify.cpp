// verify [NAME...]: the host's start-up checks and the packages' own, without starting a bot.
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>
#include <memory>

#include "command_support.hpp"
#include "commands.hpp"

namespace octobot::tentacles_cli {
namespace {

struct VerifyOptions {
  CommonOptions common;
  std::vector<std::string> names;
};

std::string title(const tentacle_manager::VerifyEntry& entry) {
  if (entry.tentacle.empty()) return "package " + entry.package;
  return "tentacle " + entry.tentacle + (entry.package.empty() ? " (no package)" : " (package " + entry.package + ")");
}

void print_text(const tentacle_manager::VerifyReport& report) {
  std::size_t failed = 0;
  for (const auto& entry : report.entries) {
    std::cout << title(entry) << "\n";
    for (const auto& step : entry.steps) {
      std::cout << fmt::format("  {:<7} {:<18} {}\n", step.passed ? "ok" : "FAILED", step.name, step.detail);
    }
    if (!entry.passed()) ++failed;
  }
  for (const auto& warning : report.warnings) std::cout << "warning: " << warning << "\n";
  std::cout << "Result: " << report.entries.size() << " checked, "
            << (failed == 0 ? std::string("all passed") : std::to_string(failed) + " failed") << "\n";
}

void print_json(const tentacle_manager::VerifyReport& report) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("passed");
  writer.Bool(report.passed());
  writer.Key("entries");
  writer.StartArray();
  for (const auto& entry : report.entries) {
    writer.StartObject();
    writer.Key("package");
    writer.String(entry.package.c_str());
    writer.Key("tentacle");
    writer.String(entry.tentacle.c_str());
    writer.Key("passed");
    writer.Bool(entry.passed());
    writer.Key("checks");
    writer.StartArray();
    for (const auto& step : entry.steps) {
      writer.StartObject();
      writer.Key("check");
      writer.String(step.name.c_str());
      writer.Key("passed");
      writer.Bool(step.passed);
      writer.Key("detail");
      writer.String(step.detail.c_str());
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("warnings");
  writer.StartArray();
  for (const auto& warning : report.warnings) writer.String(warning.c_str());
  writer.EndArray();
  writer.EndObject();
  std::cout << buffer.GetString() << "\n";
}

}  // namespace

void register_verify_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* command =
      parent.add_subcommand("verify", "Run the host's checks and the packages' checks without starting a bot");
  command->footer(
      "Check installed tentacles without starting a bot: for packages the signature (against today's trusted keys), "
      "the platform and every file's sha256; for every tentacle the host's own start-up checks (metadata schema, "
      "ABI, minimum version, library and its sha256, probe in a child process), requirements and duplicate classes. "
      "Exit status 1 when anything fails.");
  command->add_option("NAME", options->names, "Package, tentacle folder name or class (default: everything)");
  add_common_options(*command, options->common, true);
  set_callback(*command, environment, exit_status, [options](const ManagerEnvironment& env) {
    const auto context = make_context(env, options->common);
    tentacle_manager::TentacleManager manager(context.options);
    const auto report = manager.verify(options->names);
    if (options->common.json) {
      print_json(report);
    } else {
      print_text(report);
    }
    return report.passed() ? 0 : 1;
  });
}

}  // namespace octobot::tentacles_cli
