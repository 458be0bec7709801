#include <octobot/commons/files.hpp>
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacle_manager/package_reader.hpp>
#include <octobot/tentacles/compatibility.hpp>
#include <octobot/tentacles/metadata.hpp>

#include <set>

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

std::string short_id(const std::string& key_id) { return key_id.substr(0, 16); }

// "tentacles/Evaluator/TA/x/lib.so" -> where it is: inside the package, or installed in the tree.
fs::path located(const fs::path& root, const std::string& listed, bool installed_tree) {
  if (!installed_tree) return root / listed;
  return root / listed.substr(std::string(kPackageTentaclesFolder).size() + 1);
}

tentacles::AbiVersion parse_abi(const std::string& text) {
  const auto dot = text.find('.');
  return {static_cast<std::uint16_t>(std::stoul(text.substr(0, dot))),
          static_cast<std::uint16_t>(std::stoul(text.substr(dot + 1)))};
}

}  // namespace

SignatureCheck check_signature(const std::string& manifest_text, const std::optional<std::string>& signature_text,
                               const TrustPolicy& policy, const std::string& source) {
  SignatureCheck check;
  if (!signature_text) {
    check.passed = policy.allow_unsigned;
    check.detail = policy.allow_unsigned
                       ? "unsigned (accepted: unsigned packages are allowed)"
                       : "the package is unsigned: expected manifest.sig signed by a trusted key (fix: get a signed "
                         "package, or accept it with --allow-unsigned)";
    return check;
  }
  check.is_signed = true;
  DetachedSignature signature;
  try {
    signature = parse_signature_file(*signature_text, source);
  } catch (const std::exception& e) {
    check.detail = std::string("bad signature: ") + e.what();
    return check;
  }
  static const std::vector<Ed25519PublicKey> no_keys;
  const auto& keys = policy.trusted_keys != nullptr ? *policy.trusted_keys : no_keys;
  for (const auto& key : keys) {
    if (key.key_id() != signature.key_id) continue;
    if (key.verify(manifest_text, signature.signature)) {
      check.passed = true;
      check.signed_by = key.key_id();
      check.detail = "signed by trusted key " + short_id(key.key_id());
    } else {
      check.detail = "bad signature: manifest.json does not match the signature of trusted key " +
                     short_id(key.key_id()) + " (the package was modified after signing, or is corrupted)";
    }
    return check;
  }
  check.passed = policy.allow_unsigned;
  check.detail = "signed by key " + short_id(signature.key_id) +
                 ", which is not trusted (fix: add its public key to \"tentacles\": {\"trusted-keys\": [...]} in "
                 "config.json" +
                 (policy.allow_unsigned ? "; accepted as unsigned)" : ", or accept it with --allow-unsigned)");
  return check;
}

fs::path OpenedPackage::tentacle_folder(const ManifestTentacle& tentacle) const {
  return folder / kPackageTentaclesFolder / tentacle.path;
}

std::vector<std::string> check_package_files(const PackageManifest& manifest, const fs::path& root,
                                             bool installed_tree) {
  std::vector<std::string> problems;
  std::set<fs::path> listed;
  for (const auto& file : manifest.files) {
    const fs::path path = located(root, file.path, installed_tree);
    listed.insert(path);
    std::error_code error;
    const auto status = fs::symlink_status(path, error);
    if (error || !fs::exists(status)) {
      problems.push_back(path.string() + " is missing");
    } else if (!fs::is_regular_file(status)) {
      problems.push_back(path.string() + " is not a regular file");
    } else if (const auto size = fs::file_size(path); size != file.size) {
      problems.push_back(path.string() + " has " + std::to_string(size) + " bytes, the manifest says " +
                         std::to_string(file.size) + " (corrupted or modified)");
    } else if (const auto sha = commons::sha256_file_hex(path); sha != file.sha256) {
      problems.push_back(path.string() + ": sha256 mismatch: expected " + file.sha256 + ", found " + sha +
                         " (corrupted or modified)");
    }
  }
  // Nothing may ride along unlisted: an unlisted file would escape the signature. In a package the
  // whole tentacles/ folder is walked; in the tree, the package's own tentacle folders.
  std::vector<fs::path> folders;
  if (installed_tree) {
    for (const auto& tentacle : manifest.tentacles) folders.push_back(root / tentacle.path);
  } else {
    folders.push_back(root / kPackageTentaclesFolder);
  }
  for (const auto& folder : folders) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) continue;
    for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator(); ++it) {
      if (it->is_directory() && !it->is_symlink()) continue;
      if (listed.count(it->path()) == 0) problems.push_back(it->path().string() + " is not listed in the manifest");
    }
  }
  return problems;
}

OpenedPackage open_package(const fs::path& folder, const TrustPolicy& policy) {
  OpenedPackage package;
  package.folder = folder;
  const fs::path manifest_file = folder / kManifestFileName;
  std::error_code error;
  if (!fs::is_regular_file(manifest_file, error)) {
    throw PackageRefused("not a tentacle package: " + std::string(kManifestFileName) +
                         " is missing (expected at the root of the archive or folder)");
  }
  package.manifest_text = commons::read_text_file(manifest_file);
  try {
    package.manifest = parse_manifest(package.manifest_text, kManifestFileName);
  } catch (const std::exception& e) {
    throw PackageRefused(std::string("invalid package manifest: ") + e.what());
  }
  const auto& manifest = package.manifest;
  const fs::path signature_file = folder / kSignatureFileName;
  if (fs::exists(fs::symlink_status(signature_file, error))) {
    package.signature_text = commons::read_text_file(signature_file);
  }
  package.signature = check_signature(package.manifest_text, package.signature_text, policy, kSignatureFileName);
  if (!package.signature.passed) {
    throw PackageRefused("package " + manifest.name + " " + manifest.version + ": " + package.signature.detail);
  }
  if (manifest.platform != tentacles::current_platform()) {
    throw PackageRefused("package " + manifest.name + " " + manifest.version + " is built for " + manifest.platform +
                         ", this machine is " + tentacles::current_platform() + " (fix: get the package built for " +
                         tentacles::current_platform() + ")");
  }
  if (auto reason = tentacles::check_abi(parse_abi(manifest.abi_version))) {
    throw PackageRefused("package " + manifest.name + " " + manifest.version + ": " + *reason);
  }
  auto problems = check_package_files(manifest, folder, false);
  for (auto it = fs::directory_iterator(folder); it != fs::directory_iterator(); ++it) {
    const auto name = it->path().filename().string();
    if (name != kManifestFileName && name != kSignatureFileName && name != kPackageTentaclesFolder) {
      problems.push_back(it->path().string() +
                         " is not part of a package (only manifest.json, manifest.sig and "
                         "tentacles/ are)");
    }
  }
  if (!problems.empty()) {
    std::string text;
    for (const auto& problem : problems) text += "\n  - " + problem;
    throw PackageRefused("package " + manifest.name + " " + manifest.version + " does not match its manifest:" + text);
  }
  return package;
}

}  // namespace octobot::tentacle_manager
