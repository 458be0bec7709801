// The tentacle host of the bot tests: a built tree loaded without the probe, with a profile's classes.
#pragma once

#include <octobot/commons/profile.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <filesystem>

namespace octobot::testing {

inline tentacles::HostOptions host_options(const std::filesystem::path& root, const commons::Profile& profile) {
  tentacles::HostOptions options;
  options.tentacles_root = root;
  options.probe = false;  // the build's own tentacles
  options.profile_folder = profile.folder;
  options.active_classes = profile.active_classes();
  return options;
}

}  // namespace octobot::testing
