// `package`: lays built tentacle folders out as a package (tentacles/<path>/..., each metadata.json
// completed with its library's sha256, manifest.json listing every file) and archives it, signed
// when a key is given.
#pragma once

#include <octobot/tentacle_manager/manifest.hpp>
#include <octobot/tentacle_manager/signing.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace octobot::tentacle_manager {

class PackageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PackageSpec {
  // Tentacles trees as the build lays them out (e.g. build/tentacles: every tentacle below goes in
  // at the same relative path), or single tentacle folders (placed at the last three components of
  // their path, which must read <Type>/<SubType>/<folder>).
  std::vector<std::filesystem::path> inputs;
  std::optional<std::string> name;     // default: the folder name when there is one tentacle
  std::optional<std::string> version;  // default: the tentacles' version when they all agree
  std::string created_by = "octobot-tentacles";
};

// The top-level folders of OctoBot's tentacles tree: Evaluator, Trading, Services, Backtesting, Automation.
[[nodiscard]] const std::vector<std::string>& tentacle_types();

// Checks every tentacle of `spec` the way the host would before opening it (metadata schema, ABI,
// library for this platform) and lays the package out in `staging` (created; must not exist).
// Throws PackageError listing what is wrong and how to fix it.
PackageManifest stage_package(const PackageSpec& spec, const std::filesystem::path& staging);

// Archives a staged package into `output` (.tar.gz or .zip): manifest.json, manifest.sig when `key`
// is given (the Ed25519 signature of manifest.json's bytes), then every listed file.
void write_package(const std::filesystem::path& staging, const std::filesystem::path& output,
                   const Ed25519PrivateKey* key);

}  // namespace octobot::tentacle_manager
