#include <octobot/tentacles/minimum_versions.hpp>

namespace octobot::tentacles {

std::map<std::string, Version> default_minimum_versions() {
  // Our bundled tentacles start at 1.0.0; anything older under that package name predates the ABI.
  return {{"OctoBot-Default-Tentacles", Version{1, 0, 0, ""}}};
}

}  // namespace octobot::tentacles
