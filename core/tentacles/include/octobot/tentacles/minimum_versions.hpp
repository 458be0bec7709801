// The lowest tentacle version this host accepts from each origin package. Raise an entry when a
// released package version is known to be broken with this host.
#pragma once

#include <octobot/tentacles/version.hpp>

#include <map>
#include <string>

namespace octobot::tentacles {

[[nodiscard]] std::map<std::string, Version> default_minimum_versions();

}  // namespace octobot::tentacles
