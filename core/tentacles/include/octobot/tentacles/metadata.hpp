// A tentacle folder's metadata.json: OctoBot's fields plus the native library per platform.
#pragma once

#include <octobot/tentacles/version.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacles {

// "name" or "name==1.2.0" in tentacles-requirements. `name` is a tentacle folder name or a class.
struct Requirement {
  std::string name;
  std::optional<Version> pinned_version;

  [[nodiscard]] std::string to_string() const;
};

struct LibraryFile {
  std::string file;                   // file name inside the tentacle folder
  std::optional<std::string> sha256;  // lowercase hex, checked before the library is opened
};

struct AbiVersion {
  std::uint16_t major = 0;
  std::uint16_t minor = 0;
  [[nodiscard]] std::string to_string() const;
};

struct TentacleMetadata {
  std::filesystem::path folder;  // the tentacle folder holding metadata.json
  std::string name;              // the folder's name, e.g. "momentum_evaluator"
  Version version;
  std::string origin_package;
  std::vector<std::string> classes;  // "tentacles"
  std::vector<Requirement> requirements;
  AbiVersion abi;
  std::map<std::string, LibraryFile> libraries;  // platform -> file

  // The library for this machine's platform, or nullptr.
  [[nodiscard]] const LibraryFile* library_for(const std::string& platform) const;
};

// This build's platform key, e.g. "linux-x86_64".
[[nodiscard]] const std::string& current_platform();

// Reads and validates `folder`/metadata.json against the metadata schema. Throws
// commons::JsonError (file, JSON path, expected, found) for malformed or invalid metadata and
// std::runtime_error when the file cannot be read.
[[nodiscard]] TentacleMetadata read_metadata(const std::filesystem::path& folder);

// The JSON Schema text metadata.json is validated against (also in docs/).
[[nodiscard]] const std::string& metadata_schema_text();

}  // namespace octobot::tentacles
