// The tentacles of a tree as the requirement and duplicate-class rules see them: the tree as it is,
// and the tree as a change would leave it, so a change that breaks either rule is refused before
// anything moves.
#pragma once

#include <octobot/tentacles/metadata.hpp>
#include <octobot/tentacles/version.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacle_manager {

struct TreeTentacle {
  std::string path;                           // relative to the tentacles root: "Evaluator/TA/my_evaluator"
  std::string name;                           // folder name
  std::optional<tentacles::Version> version;  // none when metadata.json cannot be read
  std::vector<std::string> classes;
  std::vector<tentacles::Requirement> requirements;
};

[[nodiscard]] TreeTentacle tree_tentacle(const tentacles::TentacleMetadata& metadata, std::string path);

// Every tentacle the host would find under `root` (a missing root is an empty tree).
[[nodiscard]] std::vector<TreeTentacle> scan_tree(const std::filesystem::path& root);

struct UnmetRequirement {
  std::string tentacle;     // path of the tentacle that requires
  std::string requirement;  // "good_alpha==1.0.0"
  std::string reason;       // "not installed", "good_alpha is version 2.0.0"

  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const UnmetRequirement&, const UnmetRequirement&) = default;
};

// The host's rule: a requirement names a tentacle folder or a class, optionally pinned to a version.
[[nodiscard]] std::vector<UnmetRequirement> unmet_requirements(const std::vector<TreeTentacle>& tree);

struct DuplicateClass {
  std::string class_name;
  std::string first;  // paths of two tentacles providing it
  std::string second;
};

[[nodiscard]] std::vector<DuplicateClass> duplicate_classes(const std::vector<TreeTentacle>& tree);

}  // namespace octobot::tentacle_manager
