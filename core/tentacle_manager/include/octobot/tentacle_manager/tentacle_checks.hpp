// The checks the host runs on a tentacle folder at startup, run on demand (by `verify`, and by
// `install` on a staged package before anything is committed). They call the host's own functions
// (read_metadata, check_abi, check_minimum_version, check_library_file, run_probe): one
// implementation, so a tentacle that passes here is one the host loads.
#pragma once

#include <octobot/tentacles/metadata.hpp>
#include <octobot/tentacles/version.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacle_manager {

struct CheckStep {
  std::string name;  // "metadata", "abi", "minimum version", "library", "probe", "sha256", "signature", ...
  bool passed = false;
  std::string detail;  // why it failed, or what was checked
};

struct TentacleCheck {
  std::filesystem::path folder;
  std::optional<tentacles::TentacleMetadata> metadata;  // set once metadata.json parsed
  std::vector<CheckStep> steps;                         // in order; stops at the first failure

  [[nodiscard]] bool passed() const;
  // "probe: init_segv crashed..." for the first failed step, empty when all passed.
  [[nodiscard]] std::string failure() const;
};

struct TentacleCheckOptions {
  std::filesystem::path probe_executable;  // empty: the probe step is skipped (reported as such)
  std::chrono::milliseconds probe_timeout{10'000};
  std::map<std::string, tentacles::Version> minimum_versions;
};

// metadata.json against its schema, ABI, minimum version, the library file (platform, presence,
// sha256, ELF), then the library opened and initialised in the probe process.
[[nodiscard]] TentacleCheck check_tentacle(const std::filesystem::path& folder, const TentacleCheckOptions& options);

}  // namespace octobot::tentacle_manager
