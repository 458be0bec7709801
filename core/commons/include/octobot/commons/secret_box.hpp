// Encryption of credentials at rest (config.json never holds an API secret in clear).
//
// The key is derived (HKDF-SHA256) from a local secret: 32 random bytes in a file of the user
// folder, created on first use with mode 0600. config.json can then be copied, shared by mistake or
// backed up without leaking keys: without the local secret file its values cannot be read. The
// cipher is AES-256-GCM, so a value edited by hand or encrypted under another secret is detected,
// not decrypted into garbage.
//
// Stored form: "enc:v1:" + base64(12-byte nonce | ciphertext | 16-byte tag).
#pragma once

#include <octobot/commons/secret.hpp>

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace octobot::commons {

class SecretBox {
 public:
  static constexpr std::string_view prefix = "enc:v1:";

  // From the local secret file; creates it (0600) when missing. Throws std::runtime_error naming
  // the file when it cannot be read or created, or when it is not 32 bytes.
  [[nodiscard]] static SecretBox from_key_file(const std::filesystem::path& key_file);
  // From raw key material (tests).
  [[nodiscard]] static SecretBox from_material(std::string_view material);

  [[nodiscard]] std::string encrypt(const Secret& value) const;
  // Throws std::runtime_error when `stored` is not in the stored form, or fails authentication (edited
  // by hand, or encrypted under another local secret). The message never contains the value.
  [[nodiscard]] Secret decrypt(std::string_view stored) const;

  [[nodiscard]] static bool is_encrypted(std::string_view stored) noexcept { return stored.starts_with(prefix); }

  SecretBox(const SecretBox&) = default;
  SecretBox& operator=(const SecretBox&) = default;
  ~SecretBox();

 private:
  SecretBox() = default;
  std::array<unsigned char, 32> key_{};
};

}  // namespace octobot::commons
