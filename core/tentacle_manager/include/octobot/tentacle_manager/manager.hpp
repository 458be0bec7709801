// The tentacle manager: installs, updates and uninstalls tentacle packages in a tentacles tree,
// lists and verifies what is there. Every change takes the tree's lock exclusively, is prepared and
// checked in staging, and is committed through a journal (journal.hpp), so a failure or a kill at
// any point leaves a tree the host can load. The command-line front ends (`octobot-tentacles`,
// `octobot tentacles <command>`) only parse arguments and print these results.
#pragma once

#include <octobot/tentacle_manager/installed_packages.hpp>
#include <octobot/tentacle_manager/manager_settings.hpp>
#include <octobot/tentacle_manager/tentacle_checks.hpp>
#include <octobot/tentacles/load_report.hpp>
#include <octobot/tentacles/metadata.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace octobot::tentacle_manager {

// A change that was refused: the message says what was expected, what was found and the fix.
// Nothing was changed.
class ManagerError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ManagerOptions {
  std::filesystem::path tentacles_root;
  std::filesystem::path user_dir;
  // The active profile: its tentacles_config.json learns installed classes and forgets removed ones.
  std::optional<std::filesystem::path> profile_folder;
  std::filesystem::path probe_executable;
  std::filesystem::path probe_cache_file;  // `list` loads the tree like the host, with its cache
  std::chrono::milliseconds probe_timeout{10'000};
  std::chrono::milliseconds lock_timeout{60'000};
  ManagerSettings settings;
};

struct ChangeOptions {
  bool force = false;           // reinstall, downgrade, replace folders no package owns, break dependents
  bool allow_unsigned = false;  // or "allow-unsigned" in config.json
};

struct PackageChange {
  enum class Action { installed, upgraded, reinstalled, downgraded, unchanged, removed };
  Action action = Action::installed;
  std::string package;
  std::string from_version;            // empty when newly installed
  std::string to_version;              // empty when removed
  std::string signature;               // "signed by trusted key ...", "unsigned (accepted...)"
  std::vector<std::string> tentacles;  // paths in the tree
};

[[nodiscard]] const char* to_string(PackageChange::Action action) noexcept;

struct ChangeReport {
  std::vector<PackageChange> packages;
  std::vector<std::string> notes;     // profile updates, a finished interrupted change
  std::vector<std::string> warnings;  // what could not follow (e.g. an invalid profile)
};

struct VerifyEntry {
  std::string package;   // empty: a tentacle no package owns (bundled, copied by hand)
  std::string tentacle;  // path in the tree; empty for package-level checks (signature, files)
  std::vector<CheckStep> steps;

  [[nodiscard]] bool passed() const;
};

struct VerifyReport {
  std::vector<VerifyEntry> entries;
  std::vector<std::string> warnings;

  [[nodiscard]] bool passed() const;
};

struct ListedTentacle {
  std::string path;     // in the tree
  std::string package;  // empty when no package owns it
  tentacles::TentacleReport report;
};

struct ListReport {
  tentacles::LoadReport load;
  std::vector<InstalledPackage> packages;
  std::vector<ListedTentacle> tentacles;
};

struct TentacleInfo {
  std::string path;
  std::optional<tentacles::TentacleMetadata> metadata;
  std::string metadata_error;
  std::vector<std::filesystem::path> reference_configs;  // config/<Class>.json (and schemas)
  std::vector<std::filesystem::path> docs;               // resources/*.md
};

struct InfoReport {
  std::optional<InstalledPackage> package;  // none for a tentacle no package owns
  std::vector<TentacleInfo> tentacles;
};

class TentacleManager {
 public:
  explicit TentacleManager(ManagerOptions options);

  // SOURCE: a package archive (.tar.gz, .zip), a folder (an unpacked package, a tentacles tree or
  // one tentacle folder: packaged on the fly, hence unsigned), or an http(s) URL. All sources form
  // one change: their requirements may be met by each other. Throws ManagerError.
  ChangeReport install(const std::vector<std::string>& sources, const ChangeOptions& options);
  // Fetches each package again from where it was installed from and installs it when its version
  // is newer. `names` empty: every installed package.
  ChangeReport update(const std::vector<std::string>& names, const ChangeOptions& options);
  ChangeReport uninstall(const std::vector<std::string>& names, const ChangeOptions& options);

  // `names`: packages or tentacle folder names; empty: everything in the tree.
  [[nodiscard]] VerifyReport verify(const std::vector<std::string>& names);
  [[nodiscard]] ListReport list();
  // `name`: a package, a tentacle folder name or a class name.
  [[nodiscard]] InfoReport info(const std::string& name);

  [[nodiscard]] const ManagerOptions& options() const noexcept { return options_; }

 private:
  struct SourceRequest {
    std::string source;
    std::optional<std::string> expected_package;  // update: the package must keep its name
  };
  // Fetches, checks, plans and commits; called with the tree locked and recovered.
  ChangeReport change_with_sources(const std::vector<SourceRequest>& requests, const ChangeOptions& options,
                                   bool is_update, const std::string& purpose, ChangeReport report);
  // Finishes a change a crash interrupted and removes staging debris. Called with the lock held.
  void recover(ChangeReport& report);

  ManagerOptions options_;
  TreeLayout layout_;
};

}  // namespace octobot::tentacle_manager
