// The manager's facade: construction, crash recovery, uninstall, list and info. install/update live
// in install.cpp, verify in verify.cpp.
#include <octobot/commons/json_error.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/tentacle_manager/journal.hpp>
#include <octobot/tentacle_manager/manager.hpp>
#include <octobot/tentacle_manager/tree_inventory.hpp>
#include <octobot/tentacles/discovery.hpp>
#include <octobot/tentacles/minimum_versions.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/tentacles/tree_lock.hpp>

#include <algorithm>

#include "staging.hpp"
#include "test_hooks.hpp"

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_in(const fs::path& folder, const std::string& extension) {
  std::vector<fs::path> files;
  std::error_code error;
  if (!fs::is_directory(folder, error)) return files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == extension) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TentacleInfo describe_tentacle(const fs::path& root, const std::string& path) {
  TentacleInfo info;
  info.path = path;
  const fs::path folder = root / path;
  try {
    info.metadata = tentacles::read_metadata(folder);
  } catch (const std::exception& e) {
    info.metadata_error = e.what();
  }
  info.reference_configs = files_in(folder / "config", ".json");
  info.docs = files_in(folder / "resources", ".md");
  return info;
}

}  // namespace

const char* to_string(PackageChange::Action action) noexcept {
  switch (action) {
    case PackageChange::Action::installed:
      return "installed";
    case PackageChange::Action::upgraded:
      return "upgraded";
    case PackageChange::Action::reinstalled:
      return "reinstalled";
    case PackageChange::Action::downgraded:
      return "downgraded";
    case PackageChange::Action::unchanged:
      return "unchanged";
    case PackageChange::Action::removed:
      return "removed";
  }
  return "?";
}

bool VerifyEntry::passed() const {
  return std::all_of(steps.begin(), steps.end(), [](const CheckStep& step) { return step.passed; });
}

bool VerifyReport::passed() const {
  return std::all_of(entries.begin(), entries.end(), [](const VerifyEntry& entry) { return entry.passed(); });
}

TentacleManager::TentacleManager(ManagerOptions options)
    : options_(std::move(options)), layout_{options_.tentacles_root} {}

void TentacleManager::recover(ChangeReport& report) {
  if (auto journal = read_journal(layout_)) {
    const auto applied = apply_journal(layout_, *journal);
    report.notes.push_back("finished a change that was interrupted: " + journal->description);
    report.warnings.insert(report.warnings.end(), applied.warnings.begin(), applied.warnings.end());
  }
  remove_stale_staging(layout_);
}

ChangeReport TentacleManager::uninstall(const std::vector<std::string>& names, const ChangeOptions& options) {
  if (names.empty()) throw ManagerError("nothing to uninstall: give at least one package NAME");
  ChangeReport report;
  std::string purpose = "uninstall";
  for (const auto& name : names) purpose += " " + name;
  auto lock =
      tentacles::TreeLock::acquire(layout_.root, tentacles::LockMode::exclusive, options_.lock_timeout, purpose);
  recover(report);
  const auto installed = read_installed_packages(layout_);
  StagingFolder staging(layout_);
  Journal journal;
  std::set<std::string> leaving;
  for (const auto& name : names) {
    const auto it = std::find_if(installed.begin(), installed.end(), [&](const auto& p) { return p.name == name; });
    if (it == installed.end()) {
      for (const auto& package : installed) {
        for (const auto& tentacle : package.manifest.tentacles) {
          const bool names_it = tentacle.name == name || std::find(tentacle.classes.begin(), tentacle.classes.end(),
                                                                   name) != tentacle.classes.end();
          if (names_it) {
            throw ManagerError(name + " is part of the package " + package.name +
                               " (fix: octobot-tentacles uninstall " + package.name + ")");
          }
        }
      }
      std::string known;
      for (const auto& package : installed) known += (known.empty() ? "" : ", ") + package.name;
      throw ManagerError("no installed package " + name +
                         " (installed by the manager: " + (known.empty() ? "none" : known) +
                         "; bundled tentacles and folders copied by hand are not packages)");
    }
    PackageChange change{PackageChange::Action::removed, it->name, it->version, "", "", {}};
    for (const auto& tentacle : it->manifest.tentacles) {
      change.tentacles.push_back(tentacle.path);
      leaving.insert(tentacle.path);
      for (const auto& class_name : tentacle.classes) journal.activation.forget.push_back(class_name);
      const std::uint64_t inode = inode_of(layout_.root / tentacle.path);
      if (inode == 0) continue;
      FolderMove move;
      move.kind = FolderMove::Kind::remove;
      move.target = tentacle.path;
      move.target_inode = inode;
      move.discard = (staging.path() / "leaving" / std::to_string(journal.moves.size())).string();
      journal.moves.push_back(std::move(move));
    }
    journal.registry.push_back({it->name, std::nullopt});
    report.packages.push_back(std::move(change));
  }

  const auto before = scan_tree(layout_.root);
  std::vector<TreeTentacle> after;
  for (const auto& tentacle : before) {
    if (leaving.count(tentacle.path) == 0) after.push_back(tentacle);
  }
  const auto unmet_before = unmet_requirements(before);
  std::vector<std::string> broken;
  for (const auto& unmet : unmet_requirements(after)) {
    if (std::find(unmet_before.begin(), unmet_before.end(), unmet) == unmet_before.end()) {
      broken.push_back(unmet.to_string());
    }
  }
  if (!broken.empty() && !options.force) {
    std::string text;
    for (const auto& line : broken) text += "\n  - " + line;
    throw ManagerError("cannot uninstall: other tentacles need it:" + text +
                       "\n(fix: uninstall them too, in the same command, or add --force to leave them unmet)");
  }
  for (const auto& line : broken) report.warnings.push_back("now unmet: " + line);

  journal.transaction = staging.name();
  journal.description = purpose;
  journal.profile_folder =
      options_.profile_folder ? std::optional<std::string>(options_.profile_folder->string()) : std::nullopt;
  write_journal(layout_, journal);
  staging.hand_over_to_journal();
  pause_for_test_at("journaled");
  const ApplyResult applied = apply_journal(layout_, journal);
  report.notes.insert(report.notes.end(), applied.notes.begin(), applied.notes.end());
  report.warnings.insert(report.warnings.end(), applied.warnings.begin(), applied.warnings.end());
  if (!options_.profile_folder) {
    report.warnings.emplace_back("no active profile: no tentacles_config.json was updated (use --profile)");
  }
  return report;
}

ListReport TentacleManager::list() {
  ListReport list;
  tentacles::HostOptions host_options;
  host_options.tentacles_root = options_.tentacles_root;
  host_options.probe_executable = options_.probe_executable;
  host_options.probe_cache_file = options_.probe_cache_file;
  host_options.probe_timeout = options_.probe_timeout;
  host_options.lock_timeout = options_.lock_timeout;
  host_options.minimum_versions = tentacles::default_minimum_versions();
  if (options_.profile_folder) {
    try {
      const auto profile = commons::load_profile(*options_.profile_folder);
      host_options.profile_folder = profile.folder;
      host_options.active_classes = profile.active_classes();
    } catch (const std::exception& e) {
      list.load.warnings.push_back(std::string("profile not read: ") + e.what());
    }
  }
  std::vector<std::string> profile_warnings = list.load.warnings;
  {
    tentacles::TentacleHost host(host_options);  // takes the tree's lock (shared) while it loads
    list.load = host.load();
  }
  list.load.warnings.insert(list.load.warnings.begin(), profile_warnings.begin(), profile_warnings.end());
  auto lock = tentacles::TreeLock::acquire(layout_.root, tentacles::LockMode::shared, options_.lock_timeout, "list");
  list.packages = read_installed_packages(layout_);
  for (const auto& report : list.load.tentacles) {
    ListedTentacle listed;
    listed.path = fs::relative(report.folder, options_.tentacles_root).generic_string();
    if (const auto* owner = package_owning(list.packages, listed.path)) listed.package = owner->name;
    listed.report = report;
    list.tentacles.push_back(std::move(listed));
  }
  return list;
}

InfoReport TentacleManager::info(const std::string& name) {
  auto lock = tentacles::TreeLock::acquire(layout_.root, tentacles::LockMode::shared, options_.lock_timeout, "info");
  InfoReport info;
  const auto installed = read_installed_packages(layout_);
  for (const auto& package : installed) {
    const bool matches =
        package.name == name ||
        std::any_of(package.manifest.tentacles.begin(), package.manifest.tentacles.end(), [&](const auto& t) {
          return t.name == name || std::find(t.classes.begin(), t.classes.end(), name) != t.classes.end();
        });
    if (!matches) continue;
    info.package = package;
    for (const auto& tentacle : package.manifest.tentacles) {
      info.tentacles.push_back(describe_tentacle(options_.tentacles_root, tentacle.path));
    }
    return info;
  }
  for (const auto& tentacle : scan_tree(options_.tentacles_root)) {
    if (tentacle.name == name ||
        std::find(tentacle.classes.begin(), tentacle.classes.end(), name) != tentacle.classes.end()) {
      info.tentacles.push_back(describe_tentacle(options_.tentacles_root, tentacle.path));
      return info;
    }
  }
  std::string known;
  for (const auto& package : installed) known += (known.empty() ? "" : ", ") + package.name;
  throw ManagerError("no package, tentacle or class named " + name + " in " + options_.tentacles_root.string() +
                     " (installed packages: " + (known.empty() ? "none" : known) + "; see octobot-tentacles list)");
}

}  // namespace octobot::tentacle_manager
