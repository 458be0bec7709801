// Checks run on metadata.json and the library file before anything is opened. Each returns the
// reason a tentacle cannot load, or nothing when the check passes.
#pragma once

#include <octobot/tentacles/metadata.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace octobot::tentacles {

// Accepts major == host major and minor <= host minor.
[[nodiscard]] std::optional<std::string> check_abi(const AbiVersion& abi);

// The tentacle's version must be >= the host's minimum for its origin package, when one is set.
[[nodiscard]] std::optional<std::string> check_minimum_version(const TentacleMetadata& metadata,
                                                               const std::map<std::string, Version>& minimums);

// The library for this platform is named, exists, matches its sha256 when one is given, and is an
// ELF shared object. On success `library` holds its path.
[[nodiscard]] std::optional<std::string> check_library_file(const TentacleMetadata& metadata,
                                                            std::filesystem::path& library);

}  // namespace octobot::tentacles
