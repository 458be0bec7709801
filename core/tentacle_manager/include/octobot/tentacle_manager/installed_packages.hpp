// What the manager installed: one record per package in <root>/.octobot-tentacles/packages/. The
// tree itself stays the registry of tentacles (the host needs nothing else); these records only say
// which package each tentacle folder came from, from where, and with which signature.
#pragma once

#include <octobot/tentacle_manager/manifest.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacle_manager {

// The manager's files inside a tentacles tree. Everything lives under one hidden folder whose
// tentacle-looking content (staged packages) sits deeper than the host ever looks (4 levels).
struct TreeLayout {
  std::filesystem::path root;

  [[nodiscard]] std::filesystem::path state_dir() const { return root / ".octobot-tentacles"; }
  [[nodiscard]] std::filesystem::path packages_dir() const { return state_dir() / "packages"; }
  [[nodiscard]] std::filesystem::path staging_dir() const { return state_dir() / "staging"; }
  [[nodiscard]] std::filesystem::path journal_file() const { return state_dir() / "journal.json"; }
  [[nodiscard]] std::filesystem::path package_record(const std::string& name) const {
    return packages_dir() / (name + ".json");
  }
};

struct InstalledPackage {
  std::string name;
  std::string version;
  std::string source;             // what `update` fetches again: an absolute path or a URL
  std::string installed_at;       // UTC, ISO 8601
  std::string signed_by;          // the trusted key id, empty when unsigned
  bool allowed_unsigned = false;  // installed unsigned with the user's consent (--allow-unsigned or config)
  std::string manifest_text;      // the exact bytes the signature covers
  std::optional<std::string> signature_text;
  PackageManifest manifest;

  // Whether this package installed tentacle folder `path` ("Evaluator/TA/x").
  [[nodiscard]] bool owns(const std::string& path) const;
};

[[nodiscard]] std::string format_package_record(const InstalledPackage& package);
// Throws commons::JsonError naming `source`.
[[nodiscard]] InstalledPackage parse_package_record(std::string_view text, const std::string& source);

// Every record, sorted by name. Throws commons::JsonError for a damaged record (naming its file).
[[nodiscard]] std::vector<InstalledPackage> read_installed_packages(const TreeLayout& layout);
[[nodiscard]] std::optional<InstalledPackage> find_installed_package(const TreeLayout& layout, const std::string& name);
// The package owning tentacle folder `path`, if any.
[[nodiscard]] const InstalledPackage* package_owning(const std::vector<InstalledPackage>& packages,
                                                     const std::string& path);

// "2024-05-01T12:00:00Z"
[[nodiscard]] std::string utc_now_iso8601();

}  // namespace octobot::tentacle_manager
