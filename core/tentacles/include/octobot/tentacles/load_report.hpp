// What the host found in a tentacles tree and what it did with each tentacle: the data behind
// `octobot tentacles` (text) and `octobot tentacles --json`.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacles {

enum class TentacleState {
  loaded,       // opened in-process, descriptor checked, init succeeded
  skipped,      // refused for a reason found without running it, or its init reported an error
  quarantined,  // crashed, aborted or hung a probe process: never opened in-process
  ignored,      // not considered (deeper than three levels)
};

[[nodiscard]] const char* to_string(TentacleState state) noexcept;

struct ClassReport {
  std::string name;
  std::string kind;     // "ta_evaluator", "strategy", ... ("" when not loaded)
  std::string version;  // from the library descriptor ("" when not loaded)
  bool active_in_profile = false;
  std::string config_error;  // the resolved configuration is invalid (checked for active classes)
};

struct TentacleReport {
  std::filesystem::path folder;
  std::string name;  // folder name
  std::string version;
  std::string origin_package;
  std::string abi_version;
  std::filesystem::path library;  // empty when metadata names none for this platform
  std::vector<ClassReport> classes;
  TentacleState state = TentacleState::skipped;
  std::string reason;  // why it was skipped/quarantined/ignored; empty when loaded
  bool probe_cache_hit = false;
};

struct LoadReport {
  std::filesystem::path root;
  std::string platform;
  std::string host_abi;
  std::vector<TentacleReport> tentacles;            // in discovery order
  std::vector<std::string> warnings;                // tree-level problems (unreadable folders, ...)
  std::vector<std::string> missing_active_classes;  // active in the profile, provided by no loaded tentacle

  [[nodiscard]] std::size_t count(TentacleState state) const;
  [[nodiscard]] const TentacleReport* find(const std::string& folder_name) const;
};

// Human-readable report, one block per tentacle.
[[nodiscard]] std::string format_report_text(const LoadReport& report);
// The same data as a JSON document (stable keys, documented in docs/cli.md).
[[nodiscard]] std::string format_report_json(const LoadReport& report);

}  // namespace octobot::tentacles
