// The tentacle manager's per-installation settings: the "tentacles" object of <user-dir>/config.json.
//
//   "tentacles": {
//     "trusted-keys": ["keys/alice.pub.pem", "-----BEGIN PUBLIC KEY-----\n..."],
//     "allow-unsigned": false,
//     "max-package-bytes": 1073741824, "max-package-files": 10000,
//     "max-download-bytes": 268435456, "download-timeout-seconds": 120
//   }
//
// Everything else in config.json belongs to other parts of the bot and is not read here.
#pragma once

#include <octobot/tentacle_manager/archive.hpp>
#include <octobot/tentacle_manager/download.hpp>
#include <octobot/tentacle_manager/signing.hpp>

#include <filesystem>
#include <vector>

namespace octobot::tentacle_manager {

struct ManagerSettings {
  std::vector<Ed25519PublicKey> trusted_keys;
  bool allow_unsigned = false;
  ArchiveLimits limits;
  DownloadLimits download;
};

// Reads <user_dir>/config.json; a missing file or a missing "tentacles" object gives the defaults
// (no trusted key, unsigned packages refused). Throws commons::JsonError (file, JSON path, expected,
// found) for an invalid file and SigningError for a trusted key that is not an Ed25519 public key.
[[nodiscard]] ManagerSettings read_manager_settings(const std::filesystem::path& user_dir);

[[nodiscard]] const std::string& manager_config_schema_text();

}  // namespace octobot::tentacle_manager
