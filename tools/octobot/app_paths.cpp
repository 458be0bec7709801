#include "app_paths.hpp"

#include <unistd.h>

#include <cstdlib>

namespace octobot::app {
namespace {

namespace fs = std::filesystem;

fs::path executable_dir() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::current_path() : self.parent_path();
}

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0' ? std::optional<std::string>(value) : std::nullopt;
}

}  // namespace

std::vector<fs::path> AppPaths::profile_roots() const { return {user_dir / "profiles", share_dir / "profiles"}; }

AppPaths resolve_app_paths(const std::string& tentacles_dir_option, const std::string& user_dir_option) {
  AppPaths paths;
  paths.executable_dir = executable_dir();
  const fs::path prefix = paths.executable_dir.parent_path();
  paths.share_dir = prefix / "share" / "octobot";

  if (!user_dir_option.empty()) {
    paths.user_dir = user_dir_option;
  } else if (auto dir = environment("OCTOBOT_USER_DIR")) {
    paths.user_dir = *dir;
  } else {
    paths.user_dir = fs::path(environment("HOME").value_or(".")) / ".octobot";
  }

  if (!tentacles_dir_option.empty()) {
    paths.tentacles_root = tentacles_dir_option;
  } else if (auto dir = environment("OCTOBOT_TENTACLES_DIR")) {
    paths.tentacles_root = *dir;
  } else {
    paths.tentacles_root = paths.share_dir / "tentacles";
  }

  paths.probe_executable =
      environment("OCTOBOT_PROBE").value_or((prefix / "libexec" / "octobot" / "octobot-tentacle-probe").string());
  paths.probe_cache_file = paths.user_dir / "cache" / "probe-cache.json";
  return paths;
}

}  // namespace octobot::app
