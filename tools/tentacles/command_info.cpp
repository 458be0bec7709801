// info NAME: a package (or the tentacle or class NAME belongs to) in detail.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>
#include <memory>

#include "command_support.hpp"
#include "commands.hpp"

namespace octobot::tentacles_cli {
namespace {

struct InfoOptions {
  CommonOptions common;
  std::string name;
};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none" : out;
}

std::string signature_of(const tentacle_manager::InstalledPackage& package) {
  if (!package.signed_by.empty()) return "signed by trusted key " + package.signed_by;
  return package.signature_text ? "signed by a key that was not trusted (installed as unsigned)"
                                : "unsigned (installed with --allow-unsigned or allow-unsigned)";
}

std::vector<std::string> requirement_texts(const tentacles::TentacleMetadata& metadata) {
  std::vector<std::string> texts;
  for (const auto& requirement : metadata.requirements) texts.push_back(requirement.to_string());
  return texts;
}

std::vector<std::string> path_texts(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::string> texts;
  for (const auto& path : paths) texts.push_back(path.string());
  return texts;
}

void print_text(const tentacle_manager::InfoReport& info) {
  if (info.package) {
    const auto& package = *info.package;
    std::cout << "Package " << package.name << " " << package.version << "\n"
              << "  source:        " << package.source << "\n"
              << "  installed at:  " << package.installed_at << "\n"
              << "  signature:     " << signature_of(package) << "\n"
              << "  built for:     " << package.manifest.platform << ", tentacle ABI " << package.manifest.abi_version
              << "\n"
              << "  files:         " << package.manifest.files.size() << "\n";
  } else {
    std::cout << "Not installed by the tentacle manager (bundled, or copied by hand)\n";
  }
  for (const auto& tentacle : info.tentacles) {
    std::cout << "Tentacle " << tentacle.path << "\n";
    if (!tentacle.metadata) {
      std::cout << "  metadata:      " << tentacle.metadata_error << "\n";
      continue;
    }
    const auto& metadata = *tentacle.metadata;
    const auto* library = metadata.library_for(tentacles::current_platform());
    std::cout << "  version:       " << metadata.version.to_string() << " (" << metadata.origin_package << ")\n"
              << "  classes:       " << joined(metadata.classes) << "\n"
              << "  requirements:  " << joined(requirement_texts(metadata)) << "\n"
              << "  tentacle ABI:  " << metadata.abi.to_string() << "\n"
              << "  library:       " << (library != nullptr ? library->file : "none for this platform") << "\n"
              << "  configs:       " << joined(path_texts(tentacle.reference_configs)) << "\n"
              << "  docs:          " << joined(path_texts(tentacle.docs)) << "\n";
  }
}

void print_json(const tentacle_manager::InfoReport& info) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  auto string = [&](const char* key, const std::string& value) {
    writer.Key(key);
    writer.String(value.c_str());
  };
  auto strings = [&](const char* key, const std::vector<std::string>& values) {
    writer.Key(key);
    writer.StartArray();
    for (const auto& value : values) writer.String(value.c_str());
    writer.EndArray();
  };
  writer.StartObject();
  writer.Key("package");
  if (info.package) {
    writer.StartObject();
    string("name", info.package->name);
    string("version", info.package->version);
    string("source", info.package->source);
    string("installed_at", info.package->installed_at);
    string("signed_by", info.package->signed_by);
    string("platform", info.package->manifest.platform);
    string("abi_version", info.package->manifest.abi_version);
    writer.Key("files");
    writer.Uint64(info.package->manifest.files.size());
    writer.EndObject();
  } else {
    writer.Null();
  }
  writer.Key("tentacles");
  writer.StartArray();
  for (const auto& tentacle : info.tentacles) {
    writer.StartObject();
    string("path", tentacle.path);
    if (tentacle.metadata) {
      string("version", tentacle.metadata->version.to_string());
      string("origin_package", tentacle.metadata->origin_package);
      string("abi_version", tentacle.metadata->abi.to_string());
      strings("classes", tentacle.metadata->classes);
      strings("requirements", requirement_texts(*tentacle.metadata));
    } else {
      string("metadata_error", tentacle.metadata_error);
    }
    strings("reference_configs", path_texts(tentacle.reference_configs));
    strings("docs", path_texts(tentacle.docs));
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  std::cout << buffer.GetString() << "\n";
}

}  // namespace

void register_info_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  auto options = std::make_shared<InfoOptions>();
  CLI::App* command = parent.add_subcommand("info", "Show a package (or the tentacle or class NAME) in detail");
  command->footer(
      "Show a package in detail: source, signature, platform, ABI, and each tentacle's version, classes, "
      "requirements, library, reference configs and docs. NAME may also be a tentacle folder or a class.");
  command->add_option("NAME", options->name, "Package, tentacle folder name or class name")->required();
  add_common_options(*command, options->common, true);
  set_callback(*command, environment, exit_status, [options](const ManagerEnvironment& env) {
    const auto context = make_context(env, options->common);
    tentacle_manager::TentacleManager manager(context.options);
    const auto info = manager.info(options->name);
    if (options->common.json) {
      print_json(info);
    } else {
      print_text(info);
    }
    return 0;
  });
}

}  // namespace octobot::tentacles_cli
