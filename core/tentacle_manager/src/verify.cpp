// verify: the host's start-up checks plus the package's own (signature against today's trusted
// keys, every installed file against the manifest's sha256), without starting a bot.
#include <octobot/tentacle_manager/journal.hpp>
#include <octobot/tentacle_manager/manager.hpp>
#include <octobot/tentacle_manager/package_reader.hpp>
#include <octobot/tentacle_manager/tree_inventory.hpp>
#include <octobot/tentacles/minimum_versions.hpp>
#include <octobot/tentacles/tree_lock.hpp>

#include <algorithm>

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

bool names_tentacle(const TreeTentacle& tentacle, const std::string& name) {
  return tentacle.name == name || tentacle.path == name ||
         std::find(tentacle.classes.begin(), tentacle.classes.end(), name) != tentacle.classes.end();
}

std::vector<CheckStep> package_steps(const InstalledPackage& package, const fs::path& root,
                                     const ManagerSettings& settings) {
  std::vector<CheckStep> steps;
  const TrustPolicy policy{&settings.trusted_keys, settings.allow_unsigned || package.allowed_unsigned};
  const auto signature = check_signature(package.manifest_text, package.signature_text, policy,
                                         package.name + " " + std::string(kSignatureFileName));
  steps.push_back({"signature", signature.passed, signature.detail});
  const bool platform_ok = package.manifest.platform == tentacles::current_platform();
  steps.push_back(
      {"platform", platform_ok,
       platform_ok ? package.manifest.platform
                   : "built for " + package.manifest.platform + ", this machine is " + tentacles::current_platform()});
  const auto problems = check_package_files(package.manifest, root, true);
  std::string detail = std::to_string(package.manifest.files.size()) + " files match the manifest's sha256";
  if (!problems.empty()) {
    detail.clear();
    for (const auto& problem : problems) detail += (detail.empty() ? "" : "; ") + problem;
  }
  steps.push_back({"files", problems.empty(), detail});
  return steps;
}

// The host's tree-wide rules, as seen from one tentacle.
void add_tree_steps(VerifyEntry& entry, const std::vector<UnmetRequirement>& unmet,
                    const std::vector<DuplicateClass>& duplicates) {
  std::string missing;
  for (const auto& item : unmet) {
    if (item.tentacle == entry.tentacle) missing += (missing.empty() ? "" : "; ") + item.to_string();
  }
  entry.steps.push_back({"requirements", missing.empty(), missing.empty() ? "met" : missing});
  std::string duplicate;
  for (const auto& item : duplicates) {
    if (item.second == entry.tentacle)
      duplicate += "class " + item.class_name + " is already provided by " + item.first;
  }
  entry.steps.push_back({"duplicate classes", duplicate.empty(), duplicate.empty() ? "none" : duplicate});
}

}  // namespace

VerifyReport TentacleManager::verify(const std::vector<std::string>& names) {
  auto lock = tentacles::TreeLock::acquire(layout_.root, tentacles::LockMode::shared, options_.lock_timeout, "verify");
  VerifyReport report;
  if (auto journal = read_journal(layout_)) {
    report.warnings.push_back("a change was interrupted (" + journal->description +
                              "): the next install, update or uninstall finishes it");
  }
  const auto installed = read_installed_packages(layout_);
  const auto tree = scan_tree(layout_.root);

  std::vector<const InstalledPackage*> packages;
  std::vector<const TreeTentacle*> loose;  // tentacles verified without their package-level checks
  if (names.empty()) {
    for (const auto& package : installed) packages.push_back(&package);
    for (const auto& tentacle : tree) {
      if (package_owning(installed, tentacle.path) == nullptr) loose.push_back(&tentacle);
    }
  } else {
    for (const auto& name : names) {
      const auto package =
          std::find_if(installed.begin(), installed.end(), [&](const auto& p) { return p.name == name; });
      if (package != installed.end()) {
        packages.push_back(&*package);
        continue;
      }
      const auto tentacle =
          std::find_if(tree.begin(), tree.end(), [&](const auto& t) { return names_tentacle(t, name); });
      if (tentacle == tree.end()) {
        throw ManagerError("nothing named " + name + " in " + layout_.root.string() +
                           ": expected an installed package, a tentacle folder name or a class (see "
                           "octobot-tentacles list)");
      }
      loose.push_back(&*tentacle);
    }
  }

  TentacleCheckOptions check_options;
  check_options.probe_executable = options_.probe_executable;
  check_options.probe_timeout = options_.probe_timeout;
  check_options.minimum_versions = tentacles::default_minimum_versions();
  const auto unmet = unmet_requirements(tree);
  const auto duplicates = duplicate_classes(tree);
  auto verify_tentacle = [&](const std::string& package, const std::string& path) {
    VerifyEntry entry{package, path, {}};
    const fs::path folder = layout_.root / path;
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
      entry.steps.push_back({"present", false, folder.string() + " is missing"});
    } else {
      entry.steps = check_tentacle(folder, check_options).steps;
      add_tree_steps(entry, unmet, duplicates);
    }
    report.entries.push_back(std::move(entry));
  };
  for (const auto* package : packages) {
    report.entries.push_back({package->name, "", package_steps(*package, layout_.root, options_.settings)});
    for (const auto& tentacle : package->manifest.tentacles) verify_tentacle(package->name, tentacle.path);
  }
  for (const auto* tentacle : loose) {
    const auto* owner = package_owning(installed, tentacle->path);
    verify_tentacle(owner != nullptr ? owner->name : "", tentacle->path);
  }
  return report;
}

}  // namespace octobot::tentacle_manager
