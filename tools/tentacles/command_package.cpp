// package DIR... -o PKG: a distributable package of built tentacles, signed when a key is given.
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacle_manager/archive.hpp>
#include <octobot/tentacle_manager/package_builder.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>
#include <memory>
#include <random>

#include "command_support.hpp"
#include "commands.hpp"

namespace octobot::tentacles_cli {
namespace {

namespace fs = std::filesystem;

struct PackageOptions {
  std::vector<std::string> inputs;
  std::string output;
  std::string key;
  std::string name;
  std::string version;
  bool json = false;
};

// The staging folder sits next to the output and is removed whatever happens.
class ScratchFolder {
 public:
  explicit ScratchFolder(const fs::path& near) {
    std::random_device random;
    path_ = fs::absolute(near).parent_path() / (".octobot-package-" + std::to_string(random()));
  }
  ~ScratchFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

void register_package_command(CLI::App& parent, const EnvironmentSource& environment, int& exit_status) {
  auto options = std::make_shared<PackageOptions>();
  CLI::App* command =
      parent.add_subcommand("package", "Build a distributable (optionally signed) package from built tentacles");
  command->footer(
      "Build a distributable package from built tentacles: DIR is a tentacles tree as the build lays it out (e.g. "
      "build/tentacles) or one tentacle folder (its path must end in <Type>/<SubType>/<folder>). The package holds "
      "manifest.json (name, version, platform, ABI, where each tentacle goes, the sha256 of every file) and, with "
      "--sign, manifest.sig: the Ed25519 signature of the manifest.");
  command->add_option("DIR", options->inputs, "Built tentacles tree or tentacle folder")
      ->required()
      ->check(CLI::ExistingDirectory);
  command->add_option("-o,--output", options->output, "Package to write: NAME.tar.gz or NAME.zip")
      ->required()
      ->type_name("PKG");
  command
      ->add_option("--sign", options->key,
                   "Ed25519 private key (PEM) to sign with (create one: openssl genpkey -algorithm ed25519 -out "
                   "key.pem)")
      ->type_name("KEY")
      ->check(CLI::ExistingFile);
  command->add_option("--name", options->name, "Package name (default: the tentacle's folder name when there is one)");
  command->add_option("--version", options->version, "Package version (default: the tentacles' version)");
  command->add_flag("--json", options->json, "Print the result as JSON (for scripts)");
  set_callback(*command, environment, exit_status, [options](const ManagerEnvironment&) {
    std::optional<tentacle_manager::Ed25519PrivateKey> key;
    if (!options->key.empty()) key = tentacle_manager::Ed25519PrivateKey::from_pem_file(options->key);
    tentacle_manager::PackageSpec spec;
    for (const auto& input : options->inputs) spec.inputs.emplace_back(input);
    if (!options->name.empty()) spec.name = options->name;
    if (!options->version.empty()) spec.version = options->version;
    spec.created_by = "octobot-tentacles " OCTOBOT_HOST_VERSION;
    const fs::path output = options->output;
    if (!tentacle_manager::archive_format_for(output)) {
      throw tentacle_manager::PackageError("cannot tell the archive format of " + output.string() +
                                           ": expected -o NAME.tar.gz or NAME.zip");
    }
    ScratchFolder scratch(output);
    const auto manifest = tentacle_manager::stage_package(spec, scratch.path());
    tentacle_manager::write_package(scratch.path(), output, key ? &*key : nullptr);
    const std::string sha256 = commons::sha256_file_hex(output);
    const std::string signature = key ? "signed by key " + key->key_id() : "unsigned";
    if (options->json) {
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      writer.StartObject();
      writer.Key("package");
      writer.String(output.string().c_str());
      writer.Key("name");
      writer.String(manifest.name.c_str());
      writer.Key("version");
      writer.String(manifest.version.c_str());
      writer.Key("platform");
      writer.String(manifest.platform.c_str());
      writer.Key("abi_version");
      writer.String(manifest.abi_version.c_str());
      writer.Key("sha256");
      writer.String(sha256.c_str());
      writer.Key("signed_by");
      writer.String(key ? key->key_id().c_str() : "");
      writer.Key("tentacles");
      writer.StartArray();
      for (const auto& tentacle : manifest.tentacles) writer.String(tentacle.path.c_str());
      writer.EndArray();
      writer.EndObject();
      std::cout << buffer.GetString() << "\n";
    } else {
      std::cout << "wrote " << output.string() << ": " << manifest.name << " " << manifest.version << " for "
                << manifest.platform << ", tentacle ABI " << manifest.abi_version << ", " << manifest.tentacles.size()
                << " tentacle(s), " << manifest.files.size() << " files, " << signature << "\n"
                << "sha256 " << sha256 << "\n";
      for (const auto& tentacle : manifest.tentacles) std::cout << "  " << tentacle.path << "\n";
    }
    return 0;
  });
}

}  // namespace octobot::tentacles_cli
