#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacle_manager/manager_settings.hpp>

#include <algorithm>

#include "manager_schemas.hpp"

namespace octobot::tentacle_manager {
namespace {

namespace fs = std::filesystem;

const commons::JsonSchema& config_schema() {
  static const commons::JsonSchema schema(manager_config_schema_text());
  return schema;
}

Ed25519PublicKey read_trusted_key(const std::string& entry, const fs::path& user_dir, const fs::path& config_file,
                                  std::size_t index) {
  const std::string where = config_file.string() + ": tentacles.trusted-keys[" + std::to_string(index) + "]";
  if (entry.rfind("-----BEGIN", 0) == 0) return Ed25519PublicKey::from_pem(entry, where);
  const fs::path file = fs::path(entry).is_absolute() ? fs::path(entry) : user_dir / entry;
  std::error_code error;
  if (!fs::is_regular_file(file, error)) {
    throw SigningError(where + ": expected a PEM public key file or the PEM text, found no file " + file.string());
  }
  return Ed25519PublicKey::from_pem_file(file);
}

}  // namespace

const std::string& manager_config_schema_text() {
  static const std::string text(kManagerConfigSchemaJson);
  return text;
}

ManagerSettings read_manager_settings(const fs::path& user_dir) {
  ManagerSettings settings;
  const fs::path file = user_dir / "config.json";
  std::error_code error;
  if (!fs::is_regular_file(file, error)) return settings;
  const rapidjson::Document document = commons::parse_json_file(file);
  if (auto invalid = config_schema().validate(document, file.string())) throw *invalid;
  if (!document.HasMember("tentacles")) return settings;
  const auto& section = document["tentacles"];
  if (section.HasMember("trusted-keys")) {
    std::size_t index = 0;
    for (const auto& entry : section["trusted-keys"].GetArray()) {
      settings.trusted_keys.push_back(read_trusted_key(entry.GetString(), user_dir, file, index++));
    }
  }
  if (section.HasMember("allow-unsigned")) settings.allow_unsigned = section["allow-unsigned"].GetBool();
  if (section.HasMember("max-package-bytes")) {
    settings.limits.max_total_bytes = section["max-package-bytes"].GetUint64();
    settings.limits.max_file_bytes = std::min(settings.limits.max_file_bytes, settings.limits.max_total_bytes);
  }
  if (section.HasMember("max-package-files")) settings.limits.max_entries = section["max-package-files"].GetUint64();
  if (section.HasMember("max-download-bytes")) settings.download.max_bytes = section["max-download-bytes"].GetUint64();
  if (section.HasMember("download-timeout-seconds")) {
    settings.download.timeout =
        std::chrono::milliseconds(static_cast<long>(section["download-timeout-seconds"].GetDouble() * 1000));
  }
  return settings;
}

}  // namespace octobot::tentacle_manager
