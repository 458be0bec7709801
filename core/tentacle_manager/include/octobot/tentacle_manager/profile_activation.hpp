// Keeps the active profile's tentacles_config.json in step with the tree: installed classes are
// learned (inactive, so nothing starts trading on its own), removed classes are forgotten, and
// every choice the user already made is kept. Reference configs travel inside tentacle folders;
// the profile's specific_config/ overrides are never touched.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace octobot::tentacle_manager {

struct ActivationChange {
  std::map<std::string, std::vector<std::string>> learn;  // section ("Evaluator", "Trading"...) -> classes
  std::vector<std::string> forget;                        // classes no longer in the tree

  [[nodiscard]] bool empty() const { return learn.empty() && forget.empty(); }
};

// Rewrites <profile_folder>/tentacles_config.json atomically (creates it when absent): a learned
// class the file does not name yet is added as false to its section; a forgotten class is removed
// from every section (sections left empty by that are removed); unknown keys are kept. A profile
// marked "read_only" is left alone. Returns one line for the user saying what changed or why
// nothing did. Throws when profile.json or an existing tentacles_config.json is invalid (the file is
// then left as it is) or cannot be written.
std::string update_profile_activation(const std::filesystem::path& profile_folder, const ActivationChange& change);

}  // namespace octobot::tentacle_manager
