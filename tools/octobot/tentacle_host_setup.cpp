#include "tentacle_host_setup.hpp"

#include <octobot/tentacles/minimum_versions.hpp>

#include <stdexcept>

namespace octobot::app {

tentacles::HostOptions make_host_options(const AppPaths& paths, const commons::Profile& profile,
                                         const GlobalOptions& global) {
  std::error_code error;
  if (!std::filesystem::is_directory(paths.tentacles_root, error)) {
    throw std::runtime_error("the tentacles root " + paths.tentacles_root.string() +
                             " is not a directory (use --tentacles-dir DIR or set OCTOBOT_TENTACLES_DIR)");
  }
  tentacles::HostOptions options;
  options.tentacles_root = paths.tentacles_root;
  options.probe_executable = paths.probe_executable;
  options.probe_cache_file = paths.probe_cache_file;
  options.minimum_versions = tentacles::default_minimum_versions();
  options.probe_timeout = std::chrono::milliseconds(static_cast<long>(global.probe_timeout_seconds * 1000));
  options.profile_folder = profile.folder;
  options.active_classes = profile.active_classes();
  return options;
}

}  // namespace octobot::app
