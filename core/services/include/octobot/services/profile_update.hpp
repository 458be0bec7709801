// Profile auto-update, the install half: what a profile's origin URL serves, compared with the
// installed profile folder, validated, and written in place. The polling half is profile_watcher.hpp.
//
// The origin serves one JSON document (docs/profiles.md, "Auto-update"), either
//   - a profile.json document ({"profile": {...}, "config": {...}}): it replaces profile.json, or
//   - a bundle {"octobot_profile_bundle": 1, "files": {"profile.json": {...},
//     "tentacles_config.json": {...}, "specific_config/<Class>.json": {...}}}: each file listed
//     replaces the installed one; files it does not list stay as they are.
// "Changed" means different JSON (members compared by name, not bytes): reformatting is no update.
#pragma once

#include <octobot/commons/profile.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::services {

enum class UpdateStatus : std::uint8_t { unchanged, installed, refused };

struct UpdateResult {
  UpdateStatus status = UpdateStatus::unchanged;
  // refused: why, for the log ("profile.json: at /config/trading/risk: expected a number, ...").
  std::string reason;
  // installed: the files written (relative to the profile folder), and where the previous ones are.
  std::vector<std::string> changed_files;
  std::filesystem::path backup_dir;
};

// Extra compatibility checks of the caller (e.g. the new profile's trading mode is loaded): a reason
// to refuse, or nullopt.
using ProfileCheck = std::function<std::optional<std::string>(const commons::Profile&)>;

// The folder, inside the profile folder, holding the files an update replaced (the previous version).
inline constexpr const char* kProfileBackupDir = ".previous";

// Compares `body` (what the origin served) with `installed` (its folder), and when it differs,
// validates the new version fully — the schema checks of load_profile on a staged copy, the same
// profile id, no switch from paper to real trading (that stays a decision made by hand), an enabled
// exchange and pairs, then `check` — and installs it: the replaced files are copied to
// <folder>/.previous/ first, then each is written atomically. A malformed or incompatible body is
// refused and nothing in the folder changes. Throws std::runtime_error only when the folder cannot
// be written.
[[nodiscard]] UpdateResult apply_profile_update(const commons::Profile& installed, std::string_view body,
                                                const ProfileCheck& check = {});

}  // namespace octobot::services
