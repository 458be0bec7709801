#include <octobot/commons/json_error.hpp>
#include <octobot/tentacle_manager/tentacle_checks.hpp>
#include <octobot/tentacles/compatibility.hpp>
#include <octobot/tentacles/probe.hpp>

#include <algorithm>

namespace octobot::tentacle_manager {

bool TentacleCheck::passed() const {
  return std::all_of(steps.begin(), steps.end(), [](const CheckStep& step) { return step.passed; });
}

std::string TentacleCheck::failure() const {
  for (const auto& step : steps) {
    if (!step.passed) return step.name + ": " + step.detail;
  }
  return {};
}

TentacleCheck check_tentacle(const std::filesystem::path& folder, const TentacleCheckOptions& options) {
  TentacleCheck check;
  check.folder = folder;
  auto record = [&](const char* name, const std::optional<std::string>& failure, std::string ok_detail) {
    check.steps.push_back({name, !failure, failure.value_or(std::move(ok_detail))});
    return !failure;
  };
  try {
    check.metadata = tentacles::read_metadata(folder);
  } catch (const std::exception& e) {
    record("metadata", std::string(e.what()), "");
    return check;
  }
  const auto& metadata = *check.metadata;
  record("metadata", std::nullopt, "valid metadata.json, version " + metadata.version.to_string());
  if (!record("abi", tentacles::check_abi(metadata.abi), "ABI " + metadata.abi.to_string())) return check;
  if (!record("minimum version", tentacles::check_minimum_version(metadata, options.minimum_versions),
              "accepted by this host")) {
    return check;
  }
  std::filesystem::path library;
  const auto library_failure = tentacles::check_library_file(metadata, library);
  const auto* entry = metadata.library_for(tentacles::current_platform());
  if (!record("library", library_failure,
              library.filename().string() + (entry != nullptr && entry->sha256 ? ", sha256 matches" : ""))) {
    return check;
  }
  if (options.probe_executable.empty()) {
    check.steps.push_back({"probe", true, "not run"});
    return check;
  }
  const auto outcome = tentacles::run_probe(options.probe_executable, folder, options.probe_timeout);
  using Kind = tentacles::ProbeOutcome::Kind;
  if (outcome.kind == Kind::ok) {
    record("probe", std::nullopt, "opened and initialised in the probe process");
  } else {
    record("probe",
           (outcome.quarantines() ? "would be quarantined: " : "would be skipped: ") +
               (outcome.stage.empty() ? "" : outcome.stage + ": ") + outcome.reason,
           "");
  }
  return check;
}

}  // namespace octobot::tentacle_manager
