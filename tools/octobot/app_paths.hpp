// Where the octobot program finds its files. Everything is relative to the executable, so the
// build tree and an installed prefix (bin/, libexec/octobot/, share/octobot/) behave the same.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace octobot::app {

struct AppPaths {
  std::filesystem::path executable_dir;  // .../bin
  std::filesystem::path share_dir;       // .../share/octobot
  std::filesystem::path user_dir;        // --user-dir, $OCTOBOT_USER_DIR or ~/.octobot
  std::filesystem::path tentacles_root;  // --tentacles-dir, $OCTOBOT_TENTACLES_DIR or share/tentacles
  std::filesystem::path probe_executable;
  std::filesystem::path probe_cache_file;

  // Profiles are looked up in the user's folder first, then in the bundled ones.
  [[nodiscard]] std::vector<std::filesystem::path> profile_roots() const;
};

// Resolves every path from the command-line overrides (empty when not given) and the environment.
[[nodiscard]] AppPaths resolve_app_paths(const std::string& tentacles_dir_option, const std::string& user_dir_option);

}  // namespace octobot::app
