// Opening an unpacked package: is it a package, is it signed by a key the user trusts, is it for
// this machine, and is every file exactly what the manifest says. Nothing of a package is used
// before all of this passes.
#pragma once

#include <octobot/tentacle_manager/manifest.hpp>
#include <octobot/tentacle_manager/signing.hpp>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace octobot::tentacle_manager {

// A package that must not be installed; the message says what was expected, what was found, and
// the fix.
class PackageRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TrustPolicy {
  const std::vector<Ed25519PublicKey>* trusted_keys = nullptr;
  // Unsigned packages, and packages signed by a key that is not trusted, are accepted only with
  // this. A signature by a trusted key that does not verify is refused whatever this says.
  bool allow_unsigned = false;
};

struct SignatureCheck {
  bool passed = false;
  bool is_signed = false;
  std::string signed_by;  // the trusted key id that verified it
  std::string detail;     // what was found, and the fix when it failed
};

[[nodiscard]] SignatureCheck check_signature(const std::string& manifest_text,
                                             const std::optional<std::string>& signature_text,
                                             const TrustPolicy& policy, const std::string& source);

struct OpenedPackage {
  std::filesystem::path folder;  // holds manifest.json and tentacles/
  PackageManifest manifest;
  std::string manifest_text;
  std::optional<std::string> signature_text;
  SignatureCheck signature;

  [[nodiscard]] std::filesystem::path tentacle_folder(const ManifestTentacle& tentacle) const;
};

// manifest.json (schema, paths), the signature, the platform and ABI, then every file (present,
// regular, size and sha256 as listed, nothing unlisted). Throws PackageRefused at the first failure.
[[nodiscard]] OpenedPackage open_package(const std::filesystem::path& folder, const TrustPolicy& policy);

// Every way the files under `root` differ from `manifest`, one line each: missing, not regular,
// wrong size or sha256, or present but unlisted. `root` is an unpacked package folder, or, with
// `installed_tree`, the tentacles tree the package was installed into.
[[nodiscard]] std::vector<std::string> check_package_files(const PackageManifest& manifest,
                                                           const std::filesystem::path& root, bool installed_tree);

}  // namespace octobot::tentacle_manager
