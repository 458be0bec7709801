#include <octobot/tentacle_manager/tree_inventory.hpp>
#include <octobot/tentacles/discovery.hpp>

#include <map>

namespace octobot::tentacle_manager {

namespace fs = std::filesystem;

TreeTentacle tree_tentacle(const tentacles::TentacleMetadata& metadata, std::string path) {
  return {std::move(path), metadata.name, metadata.version, metadata.classes, metadata.requirements};
}

std::vector<TreeTentacle> scan_tree(const fs::path& root) {
  std::vector<TreeTentacle> tree;
  std::error_code error;
  if (!fs::is_directory(root, error)) return tree;
  for (const auto& folder : tentacles::discover_tentacle_folders(root).tentacles) {
    const std::string path = fs::relative(folder, root).generic_string();
    try {
      tree.push_back(tree_tentacle(tentacles::read_metadata(folder), path));
    } catch (const std::exception&) {
      // Unreadable metadata: the host skips it; it still occupies its folder.
      tree.push_back({path, folder.filename().string(), std::nullopt, {}, {}});
    }
  }
  return tree;
}

std::string UnmetRequirement::to_string() const { return tentacle + " requires " + requirement + ": " + reason; }

std::vector<UnmetRequirement> unmet_requirements(const std::vector<TreeTentacle>& tree) {
  std::map<std::string, const TreeTentacle*> providers;  // folder names and class names, first wins
  for (const auto& tentacle : tree) {
    providers.emplace(tentacle.name, &tentacle);
    for (const auto& name : tentacle.classes) providers.emplace(name, &tentacle);
  }
  std::vector<UnmetRequirement> unmet;
  for (const auto& tentacle : tree) {
    for (const auto& requirement : tentacle.requirements) {
      const auto it = providers.find(requirement.name);
      if (it == providers.end()) {
        unmet.push_back({tentacle.path, requirement.to_string(), "not installed"});
      } else if (requirement.pinned_version &&
                 !(it->second->version && *it->second->version == *requirement.pinned_version)) {
        unmet.push_back(
            {tentacle.path, requirement.to_string(),
             it->second->path + " is version " + (it->second->version ? it->second->version->to_string() : "unknown")});
      }
    }
  }
  return unmet;
}

std::vector<DuplicateClass> duplicate_classes(const std::vector<TreeTentacle>& tree) {
  std::map<std::string, std::string> owner;
  std::vector<DuplicateClass> duplicates;
  for (const auto& tentacle : tree) {
    for (const auto& name : tentacle.classes) {
      const auto [it, inserted] = owner.emplace(name, tentacle.path);
      if (!inserted) duplicates.push_back({name, it->second, tentacle.path});
    }
  }
  return duplicates;
}

}  // namespace octobot::tentacle_manager
