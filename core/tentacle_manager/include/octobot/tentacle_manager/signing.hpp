// Ed25519 package signatures (OpenSSL 3). A package's manifest.json lists the sha256 of every file;
// the detached signature manifest.sig covers the manifest's exact bytes, so it covers every file.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace octobot::tentacle_manager {

class SigningError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Ed25519PublicKey {
 public:
  // PEM "PUBLIC KEY" text (SubjectPublicKeyInfo, as `openssl pkey -pubout` writes it). Throws
  // SigningError naming `source` when the text is not a PEM Ed25519 public key.
  static Ed25519PublicKey from_pem(std::string_view pem, const std::string& source);
  static Ed25519PublicKey from_pem_file(const std::filesystem::path& file);

  // sha256 of the 32 raw key bytes, lowercase hex: how signatures name their key.
  [[nodiscard]] const std::string& key_id() const noexcept { return key_id_; }
  [[nodiscard]] bool verify(std::string_view data, std::string_view signature) const;

 private:
  struct Key;
  explicit Ed25519PublicKey(std::shared_ptr<Key> key);
  std::shared_ptr<Key> key_;
  std::string key_id_;
};

class Ed25519PrivateKey {
 public:
  // PEM "PRIVATE KEY" (PKCS#8, as `openssl genpkey -algorithm ed25519` writes it).
  static Ed25519PrivateKey from_pem(std::string_view pem, const std::string& source);
  static Ed25519PrivateKey from_pem_file(const std::filesystem::path& file);

  // The 64-byte signature of `data`.
  [[nodiscard]] std::string sign(std::string_view data) const;
  [[nodiscard]] const std::string& key_id() const noexcept { return key_id_; }

 private:
  struct Key;
  explicit Ed25519PrivateKey(std::shared_ptr<Key> key);
  std::shared_ptr<Key> key_;
  std::string key_id_;
};

struct KeyPairPem {
  std::string private_pem;
  std::string public_pem;
};

// A fresh key pair (tests, and anyone who prefers it to `openssl genpkey`).
[[nodiscard]] KeyPairPem generate_ed25519_key_pair();

// manifest.sig: {"algorithm": "ed25519", "key_id": "<hex>", "signature": "<base64 of 64 bytes>"}.
struct DetachedSignature {
  std::string key_id;
  std::string signature;  // raw bytes
};

[[nodiscard]] std::string format_signature_file(const DetachedSignature& signature);
// Throws SigningError naming `source` when the file is not a well-formed Ed25519 signature.
[[nodiscard]] DetachedSignature parse_signature_file(std::string_view text, const std::string& source);

[[nodiscard]] std::string base64_encode(std::string_view bytes);
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text);

}  // namespace octobot::tentacle_manager
