// manifest.json: the table of contents of a tentacle package (docs/tentacle-manager.md).
//
//   manifest.json          this file
//   manifest.sig           optional: Ed25519 signature of manifest.json's exact bytes
//   tentacles/<Type>/<SubType>/<tentacle>/...   each tentacle folder, as the host scans it
//
// Each tentacle's "path" is where its folder goes in the tentacles tree; "files" lists every other
// file of the package with its size and sha256, so one signature covers everything.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::tentacle_manager {

inline constexpr int kManifestFormat = 1;
inline constexpr const char* kManifestFileName = "manifest.json";
inline constexpr const char* kSignatureFileName = "manifest.sig";
inline constexpr const char* kPackageTentaclesFolder = "tentacles";

struct ManifestTentacle {
  std::string path;  // "Evaluator/TA/my_evaluator": <Type>/<SubType>/<folder> in the tentacles tree
  std::string name;  // the folder name (the last component of `path`)
  std::string version;
  std::vector<std::string> classes;
  std::vector<std::string> requirements;  // as in metadata.json: "name" or "name==x.y.z"

  // "Evaluator": the section of a profile's tentacles_config.json its classes belong to.
  [[nodiscard]] std::string type() const;
};

struct ManifestFile {
  std::string path;  // relative to the package root: "tentacles/Evaluator/TA/x/metadata.json"
  std::uint64_t size = 0;
  std::string sha256;  // lowercase hex
};

struct PackageManifest {
  std::string name;
  std::string version;
  std::string platform;     // "linux-x86_64": current_platform() of the machine that built it
  std::string abi_version;  // the highest tentacle ABI among its tentacles ("1.0")
  std::string created_by;   // "octobot-tentacles 0.1.0"
  std::vector<ManifestTentacle> tentacles;
  std::vector<ManifestFile> files;
};

// Parses and validates manifest.json: the JSON Schema (manifest.schema.json), then what a schema
// cannot say: safe relative paths, every file inside one of the listed tentacle folders, names
// matching paths, no duplicates. Throws commons::JsonError naming `source`, the JSON path, what was
// expected and what was found.
[[nodiscard]] PackageManifest parse_manifest(std::string_view text, const std::string& source);

// Pretty JSON, stable key order, ending with a newline.
[[nodiscard]] std::string format_manifest(const PackageManifest& manifest);

[[nodiscard]] const std::string& manifest_schema_text();

}  // namespace octobot::tentacle_manager
