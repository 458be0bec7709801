// Finds tentacle folders: every folder up to three levels below the tentacles root that holds a
// metadata.json. There is no registry file and no registration call: the tree is the registry.
#pragma once

#include <filesystem>
#include <vector>

namespace octobot::tentacles {

// OctoBot's layout is <root>/<Type>/<SubType>/<tentacle>/metadata.json: three levels.
inline constexpr int kMaxTentacleDepth = 3;

struct DiscoveredFolders {
  std::vector<std::filesystem::path> tentacles;  // sorted, so every start sees the same order
  std::vector<std::filesystem::path> too_deep;   // folders at depth 4 holding metadata.json: ignored
  std::vector<std::string> errors;               // unreadable folders (permission denied, ...)
};

// Walks `root`. A folder holding metadata.json is a tentacle and is not descended into. Throws
// std::runtime_error when `root` itself is missing or not a directory.
[[nodiscard]] DiscoveredFolders discover_tentacle_folders(const std::filesystem::path& root);

}  // namespace octobot::tentacles
