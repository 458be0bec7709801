// config.json: the per-installation settings that never travel with a profile — exchange
// credentials first (OctoBot's "exchanges": {"binance": {"api-key", "api-secret", "api-password",
// ...}} shape, so an OctoBot config.json is read as it is).
//
// Credentials are stored encrypted (secret_box.hpp); values written in clear by hand or by OctoBot are
// still read, reported by clear_credentials() and encrypted by encrypt_clear_credentials(). Reads
// return them as Secret, and every listing (get, redacted_json) shows them redacted.
//
// Dot-path updates (OctoBot's update_config_fields): set("exchanges.binance.enabled", "true")
// changes the value in memory and rewrites the file atomically, keeping every other field as it was
// — the running bot sees the change without a reload.
#pragma once

#include <octobot/commons/secret.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::commons {

struct ExchangeCredentials {
  Secret api_key;
  Secret api_secret;
  Secret api_password;  // passphrase, for exchanges that have one; empty otherwise
};

class UserConfig {
 public:
  static constexpr const char* file_name = "config.json";
  static constexpr const char* key_file_name = "local_secret.key";

  // <user_dir>/config.json (an empty configuration when the file does not exist yet) with the local
  // secret <user_dir>/local_secret.key. Throws JsonError for malformed JSON (the file is left as it
  // is) and std::runtime_error when the top level is not an object.
  [[nodiscard]] static UserConfig open(const std::filesystem::path& user_dir);
  [[nodiscard]] static UserConfig open(const std::filesystem::path& config_file, const std::filesystem::path& key_file);

  UserConfig(UserConfig&&) noexcept;
  UserConfig& operator=(UserConfig&&) noexcept;
  ~UserConfig();

  [[nodiscard]] const std::filesystem::path& file() const noexcept;

  // The value at `dot_path` as compact JSON ("true", "\"spot\"", "{...}"), credentials redacted;
  // nullopt when there is none. A literal dot in a key is written "\.".
  [[nodiscard]] std::optional<std::string> get(std::string_view dot_path) const;

  // Sets the value at `dot_path`, creating the objects on the way, in memory and on disk. `value`
  // is JSON (true, 12, "text", {...}); text that is not JSON is stored as a string. A credential field
  // (exchanges.<name>.api-key / api-secret / api-password) is encrypted. Throws std::invalid_argument
  // when a step of the path is not an object ("exchanges.binance is a string ...").
  void set(std::string_view dot_path, std::string_view value);
  // Removes the value; false when there was none.
  bool remove(std::string_view dot_path);

  void set_credentials(const std::string& exchange, const ExchangeCredentials& credentials);
  // nullopt when the exchange has no api-key. Throws std::runtime_error (naming the field, never its
  // value) when a stored value cannot be decrypted.
  [[nodiscard]] std::optional<ExchangeCredentials> credentials(const std::string& exchange) const;
  // Names under "exchanges", sorted.
  [[nodiscard]] std::vector<std::string> exchanges() const;

  // Dot paths of credentials stored in clear.
  [[nodiscard]] std::vector<std::string> clear_credentials() const;
  void encrypt_clear_credentials();

  // The whole configuration, pretty-printed, credentials redacted.
  [[nodiscard]] std::string redacted_json() const;

 private:
  struct Impl;
  explicit UserConfig(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whether `dot_path` names a credential field (exchanges.<name>.api-key, api-secret or api-password).
[[nodiscard]] bool is_credential_path(std::string_view dot_path);

}  // namespace octobot::commons
