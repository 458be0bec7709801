// install and update: fetch every source into staging, check it as the host would, plan the change
// against the tree (ownership, versions, requirements, duplicate classes), then commit it through
// the journal.
#include <octobot/tentacle_manager/archive.hpp>
#include <octobot/tentacle_manager/download.hpp>
#include <octobot/tentacle_manager/journal.hpp>
#include <octobot/tentacle_manager/manager.hpp>
#include <octobot/tentacle_manager/package_builder.hpp>
#include <octobot/tentacle_manager/package_reader.hpp>
#include <octobot/tentacle_manager/tree_inventory.hpp>
#include <octobot/tentacles/minimum_versions.hpp>
#include <octobot/tentacles/tree_lock.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "fetch_source.hpp"
#include "staging.hpp"
#include "test_hooks.hpp"

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

struct CheckedPackage {
  std::string source;  // as recorded
  OpenedPackage package;
  std::map<std::string, tentacles::TentacleMetadata> metadata;  // by tentacle path
};

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += "\n  - " + line;
  return out;
}

tentacles::Version version_of(const std::string& text) {
  return tentacles::Version::parse(text).value_or(tentacles::Version{});
}

// The package's tentacles, each checked by the host's own functions; the manifest must describe
// them truthfully (a manifest that lies about classes would dodge the duplicate-class rule).
CheckedPackage check_package(const std::string& source, OpenedPackage opened, const TentacleCheckOptions& options) {
  CheckedPackage checked{source, std::move(opened), {}};
  const auto& manifest = checked.package.manifest;
  for (const auto& tentacle : manifest.tentacles) {
    const auto check = check_tentacle(checked.package.tentacle_folder(tentacle), options);
    if (!check.passed()) {
      throw ManagerError("cannot install " + manifest.name + " " + manifest.version + ": tentacle " + tentacle.path +
                         " fails the host's checks: " + check.failure());
    }
    const auto& metadata = *check.metadata;
    std::set<std::string> listed(tentacle.classes.begin(), tentacle.classes.end());
    std::set<std::string> declared(metadata.classes.begin(), metadata.classes.end());
    if (listed != declared || tentacle.version != metadata.version.to_string()) {
      throw ManagerError("cannot install " + manifest.name + ": the manifest's entry for " + tentacle.path +
                         " disagrees with its metadata.json (classes or version): the package is inconsistent "
                         "(fix: package it again with octobot-tentacles package)");
    }
    checked.metadata.emplace(tentacle.path, metadata);
  }
  return checked;
}

struct Plan {
  Journal journal;
  std::vector<PackageChange> changes;
  std::vector<TreeTentacle> tree_after;
};

std::string signature_text(const SignatureCheck& signature) { return signature.detail; }

class Planner {
 public:
  Planner(const TreeLayout& layout, const StagingFolder& staging, const ChangeOptions& options, bool is_update)
      : layout_(layout), staging_(staging), options_(options), is_update_(is_update) {
    installed_ = read_installed_packages(layout);
    tree_before_ = scan_tree(layout.root);
  }

  Plan plan(const std::vector<CheckedPackage>& packages) {
    Plan plan;
    std::set<std::string> names;
    std::set<std::string> leaving;       // paths replaced or removed
    std::vector<TreeTentacle> arriving;  // new tentacles
    std::set<std::string> classes_arriving;
    for (const auto& checked : packages) {
      const auto& manifest = checked.package.manifest;
      if (!names.insert(manifest.name).second) {
        throw ManagerError("package " + manifest.name + " is given twice in one command");
      }
      const InstalledPackage* existing = find(manifest.name);
      PackageChange change = classify(manifest, existing, checked.package.signature);
      if (change.action == PackageChange::Action::unchanged) {
        plan.changes.push_back(std::move(change));
        continue;
      }
      for (const auto& tentacle : manifest.tentacles) {
        plan_tentacle(plan, checked, tentacle, existing);
        leaving.insert(tentacle.path);
        arriving.push_back(tree_tentacle(checked.metadata.at(tentacle.path), tentacle.path));
        for (const auto& name : tentacle.classes) classes_arriving.insert(name);
        plan.journal.activation.learn[tentacle.type()].insert(plan.journal.activation.learn[tentacle.type()].end(),
                                                              tentacle.classes.begin(), tentacle.classes.end());
        change.tentacles.push_back(tentacle.path);
      }
      if (existing != nullptr) {  // an older version's tentacles the new one no longer ships
        for (const auto& old : existing->manifest.tentacles) {
          if (std::any_of(manifest.tentacles.begin(), manifest.tentacles.end(),
                          [&](const ManifestTentacle& t) { return t.path == old.path; })) {
            continue;
          }
          plan_removal(plan, old.path);
          leaving.insert(old.path);
          for (const auto& name : old.classes) plan.journal.activation.forget.push_back(name);
        }
      }
      InstalledPackage record;
      record.name = manifest.name;
      record.version = manifest.version;
      record.source = checked.source;
      record.installed_at = utc_now_iso8601();
      record.signed_by = checked.package.signature.signed_by;
      record.allowed_unsigned = checked.package.signature.signed_by.empty();
      record.manifest_text = checked.package.manifest_text;
      record.signature_text = checked.package.signature_text;
      plan.journal.registry.push_back({manifest.name, format_package_record(record)});
      plan.changes.push_back(std::move(change));
    }
    // A class that leaves with an old version but comes back with the new one stays in the profile.
    auto& forget = plan.journal.activation.forget;
    forget.erase(std::remove_if(forget.begin(), forget.end(),
                                [&](const std::string& name) { return classes_arriving.count(name) > 0; }),
                 forget.end());

    for (const auto& tentacle : tree_before_) {
      if (leaving.count(tentacle.path) == 0) plan.tree_after.push_back(tentacle);
    }
    for (auto& tentacle : arriving) plan.tree_after.push_back(std::move(tentacle));
    std::sort(plan.tree_after.begin(), plan.tree_after.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    check_tree_after(plan.tree_after);
    return plan;
  }

 private:
  const InstalledPackage* find(const std::string& name) const {
    for (const auto& package : installed_) {
      if (package.name == name) return &package;
    }
    return nullptr;
  }

  PackageChange classify(const PackageManifest& manifest, const InstalledPackage* existing,
                         const SignatureCheck& signature) const {
    PackageChange change;
    change.package = manifest.name;
    change.to_version = manifest.version;
    change.signature = signature_text(signature);
    if (existing == nullptr) {
      change.action = PackageChange::Action::installed;
      return change;
    }
    change.from_version = existing->version;
    const auto order = version_of(manifest.version) <=> version_of(existing->version);
    if (order > 0) {
      change.action = PackageChange::Action::upgraded;
    } else if (order == 0) {
      change.action = options_.force ? PackageChange::Action::reinstalled : PackageChange::Action::unchanged;
    } else if (options_.force) {
      change.action = PackageChange::Action::downgraded;
    } else {
      throw ManagerError("refusing to downgrade " + manifest.name + " from " + existing->version + " to " +
                         manifest.version + (is_update_ ? " (its source now holds an older version)" : "") +
                         " (fix: add --force to downgrade on purpose)");
    }
    return change;
  }

  void plan_tentacle(Plan& plan, const CheckedPackage& checked, const ManifestTentacle& tentacle,
                     const InstalledPackage* existing) {
    const InstalledPackage* owner = package_owning(installed_, tentacle.path);
    if (owner != nullptr && owner != existing) {
      throw ManagerError("cannot install " + checked.package.manifest.name + ": " + tentacle.path +
                         " belongs to the installed package " + owner->name + " (fix: uninstall " + owner->name +
                         " first)");
    }
    if (!claimed_paths_.insert(tentacle.path).second) {
      throw ManagerError(tentacle.path + " is provided by two of the packages given");
    }
    const fs::path target = layout_.root / tentacle.path;
    const std::uint64_t target_inode = inode_of(target);
    if (target_inode != 0 && owner == nullptr && !options_.force) {
      throw ManagerError("cannot install " + checked.package.manifest.name + ": " + target.string() +
                         " already exists and no installed package owns it (bundled or copied by hand) (fix: add "
                         "--force to replace it)");
    }
    FolderMove move;
    move.kind = target_inode != 0 ? FolderMove::Kind::replace : FolderMove::Kind::add;
    move.target = tentacle.path;
    move.staged = checked.package.tentacle_folder(tentacle).string();
    move.staged_inode = inode_of(move.staged);
    move.target_inode = target_inode;
    move.discard = (staging_.path() / "leaving" / std::to_string(plan.journal.moves.size())).string();
    plan.journal.moves.push_back(std::move(move));
  }

  void plan_removal(Plan& plan, const std::string& path) {
    const std::uint64_t inode = inode_of(layout_.root / path);
    if (inode == 0) return;  // already gone
    FolderMove move;
    move.kind = FolderMove::Kind::remove;
    move.target = path;
    move.target_inode = inode;
    move.discard = (staging_.path() / "leaving" / std::to_string(plan.journal.moves.size())).string();
    plan.journal.moves.push_back(std::move(move));
  }

  // The host's rules on the tree the change would leave: only problems the change introduces count.
  void check_tree_after(const std::vector<TreeTentacle>& after) const {
    const auto before_unmet = unmet_requirements(tree_before_);
    std::vector<std::string> problems;
    for (const auto& unmet : unmet_requirements(after)) {
      if (std::find(before_unmet.begin(), before_unmet.end(), unmet) == before_unmet.end()) {
        problems.push_back(unmet.to_string());
      }
    }
    if (!problems.empty()) {
      throw ManagerError("cannot install: requirements that would not be met:" + join_lines(problems) +
                         "\n(fix: install the packages providing them in the same command, e.g. "
                         "octobot-tentacles install needed.tar.gz this.tar.gz)");
    }
    const auto before_duplicates = duplicate_classes(tree_before_).size();
    const auto duplicates = duplicate_classes(after);
    if (duplicates.size() > before_duplicates) {
      for (const auto& duplicate : duplicates) {
        problems.push_back("class " + duplicate.class_name + " would be provided by both " + duplicate.first + " and " +
                           duplicate.second);
      }
      throw ManagerError("cannot install: one class, one provider:" + join_lines(problems) +
                         "\n(fix: uninstall the package providing the other copy first)");
    }
  }

  const TreeLayout& layout_;
  const StagingFolder& staging_;
  const ChangeOptions& options_;
  bool is_update_;
  std::vector<InstalledPackage> installed_;
  std::vector<TreeTentacle> tree_before_;
  std::set<std::string> claimed_paths_;
};

}  // namespace

ChangeReport TentacleManager::change_with_sources(const std::vector<SourceRequest>& requests,
                                                  const ChangeOptions& options, bool is_update,
                                                  const std::string& purpose, ChangeReport report) {
  StagingFolder staging(layout_);

  std::vector<FetchedSource> fetched;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    fetched.push_back(fetch_source(requests[i].source, staging.path(), i, options_.settings));
  }
  pause_for_test_at("fetched");

  const TrustPolicy policy{&options_.settings.trusted_keys, options.allow_unsigned || options_.settings.allow_unsigned};
  TentacleCheckOptions check_options;
  check_options.probe_executable = options_.probe_executable;
  check_options.probe_timeout = options_.probe_timeout;
  check_options.minimum_versions = tentacles::default_minimum_versions();
  std::vector<CheckedPackage> packages;
  for (std::size_t i = 0; i < fetched.size(); ++i) {
    OpenedPackage opened;
    try {
      opened = open_package(fetched[i].package_folder, policy);
    } catch (const PackageRefused& e) {
      throw ManagerError("cannot install " + requests[i].source + ": " + e.what());
    }
    if (requests[i].expected_package && opened.manifest.name != *requests[i].expected_package) {
      throw ManagerError("cannot update " + *requests[i].expected_package + ": its source " + requests[i].source +
                         " now holds package " + opened.manifest.name +
                         " (fix: uninstall it and install the new package)");
    }
    packages.push_back(check_package(fetched[i].recorded_source, std::move(opened), check_options));
  }
  pause_for_test_at("verified");

  Planner planner(layout_, staging, options, is_update);
  Plan plan = planner.plan(packages);
  report.packages = plan.changes;
  if (plan.journal.moves.empty() && plan.journal.registry.empty()) return report;  // all unchanged

  plan.journal.transaction = staging.name();
  plan.journal.description = purpose;
  plan.journal.profile_folder =
      options_.profile_folder ? std::optional<std::string>(options_.profile_folder->string()) : std::nullopt;
  write_journal(layout_, plan.journal);  // the commit point
  staging.hand_over_to_journal();
  pause_for_test_at("journaled");
  const ApplyResult applied = apply_journal(layout_, plan.journal);
  report.notes.insert(report.notes.end(), applied.notes.begin(), applied.notes.end());
  report.warnings.insert(report.warnings.end(), applied.warnings.begin(), applied.warnings.end());
  if (!options_.profile_folder) {
    report.warnings.emplace_back("no active profile: no tentacles_config.json was updated (use --profile)");
  }
  return report;
}

ChangeReport TentacleManager::install(const std::vector<std::string>& sources, const ChangeOptions& options) {
  if (sources.empty()) throw ManagerError("nothing to install: give at least one SOURCE");
  std::vector<SourceRequest> requests;
  std::string purpose = "install";
  for (const auto& source : sources) {
    requests.push_back({source, std::nullopt});
    purpose += " " + source;
  }
  auto lock =
      tentacles::TreeLock::acquire(layout_.root, tentacles::LockMode::exclusive, options_.lock_timeout, purpose);
  ChangeReport report;
  recover(report);
  return change_with_sources(requests, options, false, purpose, std::move(report));
}

ChangeReport TentacleManager::update(const std::vector<std::string>& names, const ChangeOptions& options) {
  std::string purpose = "update";
  for (const auto& name : names) purpose += " " + name;
  if (names.empty()) purpose += " --all";
  auto lock =
      tentacles::TreeLock::acquire(layout_.root, tentacles::LockMode::exclusive, options_.lock_timeout, purpose);
  ChangeReport report;
  recover(report);  // an interrupted change decides what is installed: finish it before reading the records
  const auto installed = read_installed_packages(layout_);
  std::vector<std::string> wanted = names;
  if (wanted.empty()) {
    for (const auto& package : installed) wanted.push_back(package.name);
  }
  std::vector<SourceRequest> requests;
  for (const auto& name : wanted) {
    const auto it = std::find_if(installed.begin(), installed.end(), [&](const auto& p) { return p.name == name; });
    if (it == installed.end()) {
      std::string known;
      for (const auto& package : installed) known += (known.empty() ? "" : ", ") + package.name;
      throw ManagerError("no installed package " + name + " (installed: " + (known.empty() ? "none" : known) + ")");
    }
    requests.push_back({it->source, it->name});
  }
  if (requests.empty()) return report;
  return change_with_sources(requests, options, true, purpose, std::move(report));
}

}  // namespace octobot::tentacle_manager
