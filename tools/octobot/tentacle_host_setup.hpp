// The tentacle host as every octobot command builds it: the resolved paths, the profile's active
// classes and overrides, the probe and its cache, the known-bad minimum versions.
#pragma once

#include <octobot/commons/profile.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include "app_paths.hpp"
#include "commands.hpp"

namespace octobot::app {

// Throws std::runtime_error when the tentacles root is not a directory (saying how to point at one).
[[nodiscard]] tentacles::HostOptions make_host_options(const AppPaths& paths, const commons::Profile& profile,
                                                       const GlobalOptions& global);

}  // namespace octobot::app
