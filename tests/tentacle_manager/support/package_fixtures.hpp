// Test packages made from the zoo's real built tentacles (${OCTOBOT_ZOO_ROOT}), and hand-made
// hostile archives, so every test installs real files through the real code.
#pragma once

#include <octobot/tentacle_manager/signing.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace octobot::testing {

// A tentacles tree (<Type>/<SubType>/<folder>) assembled from copies of zoo tentacles.
class FixtureTree {
 public:
  explicit FixtureTree(std::filesystem::path root);

  // Copies the zoo's Evaluator/TA/<zoo_name> to <root>/<path> (default: the same relative path).
  std::filesystem::path add_zoo_tentacle(const std::string& zoo_name, const std::string& path = "");
  // Sets metadata.json's `key` to the JSON text `json_value` in the tentacle folder at `path`.
  void set_metadata(const std::string& path, const std::string& key, const std::string& json_value) const;

  [[nodiscard]] const std::filesystem::path& root() const noexcept { return root_; }

 private:
  std::filesystem::path root_;
};

// Stages `inputs` (trees or tentacle folders) and archives the package at `output`.
std::filesystem::path make_package(const std::vector<std::filesystem::path>& inputs,
                                   const std::filesystem::path& output,
                                   const tentacle_manager::Ed25519PrivateKey* key = nullptr,
                                   std::optional<std::string> name = std::nullopt,
                                   std::optional<std::string> version = std::nullopt);

// Archive members written as given, whatever they contain: what an attacker can produce.
struct RawMember {
  enum class Type { file, folder, symlink, hardlink };
  std::string path;
  Type type = Type::file;
  std::string content;                        // file content
  std::string link;                           // symlink / hard link target
  std::optional<std::int64_t> declared_size;  // header size when it should lie (defaults to content size)
};

[[nodiscard]] RawMember raw_file(std::string path, std::string content);
[[nodiscard]] RawMember raw_symlink(std::string path, std::string target);
[[nodiscard]] RawMember raw_hardlink(std::string path, std::string target);

enum class RawFormat { tar_gz, zip };
void write_raw_archive(const std::filesystem::path& output, RawFormat format, const std::vector<RawMember>& members);

// Unpacks a package archive to `folder` (plain libarchive, no checks) and packs it again: for tests
// that tamper with a package's content after signing.
void unpack_raw(const std::filesystem::path& archive, const std::filesystem::path& folder);
void repack_raw(const std::filesystem::path& folder, const std::filesystem::path& archive);

// Edits of an unpacked package folder, for packages that lie: set a manifest member, recompute the
// files list from what is really there, sign again with any key.
void set_manifest_member(const std::filesystem::path& folder, const std::string& key, const std::string& json_value);
void rehash_manifest(const std::filesystem::path& folder);
void sign_manifest(const std::filesystem::path& folder, const tentacle_manager::Ed25519PrivateKey& key);

// A fresh Ed25519 key pair written as PEM files: <dir>/<name>.pem and <dir>/<name>.pub.pem.
struct KeyFiles {
  std::filesystem::path private_key;
  std::filesystem::path public_key;
};
KeyFiles write_key_pair(const std::filesystem::path& dir, const std::string& name);

}  // namespace octobot::testing
