// A tentacle class's configuration as the host hands it over the ABI (the "config/1" service), and
// its resolution: reference config/<Class>.json overlaid by the profile's specific_config/<Class>.json.
#pragma once

#include <octobot/abi.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace octobot::tentacles {

// Values set over a resolved configuration, e.g. by the optimizer for one run: dot path (as config/1
// reads it: "period", "thresholds.low") -> JSON value text ("14", "0.15", "true", "\"sma\"").
using ConfigOverrides = std::map<std::string, std::string, std::less<>>;

class TentacleConfig {
 public:
  // Parses JSON text (must be an object). Throws commons::JsonError naming `source`.
  static TentacleConfig parse(std::string_view json, const std::string& source);
  // An empty object: for classes that ship no reference config.
  static TentacleConfig empty();
  // config/<Class>.json in the tentacle folder (if any) deep-merged with the profile's
  // specific_config/<Class>.json (if any): profile values win, keys only in the reference keep
  // their defaults, so a tentacle update that adds a key works with an older profile copy. When the
  // tentacle ships config/<Class>_schema.json the merged result is validated against it.
  // `overrides` are applied last (before the schema check): each path must already exist in the
  // merged configuration and each value must have the type found there (a number for a number, an
  // integer for an integer, true/false for a boolean, a string for a string); an error lists the
  // keys that exist.
  // Throws commons::JsonError naming the offending file (or the overridden class and path).
  static TentacleConfig resolve(const std::filesystem::path& tentacle_folder, const std::string& class_name,
                                const std::optional<std::filesystem::path>& profile_folder,
                                const ConfigOverrides& overrides = {});

  ~TentacleConfig();
  TentacleConfig(TentacleConfig&&) noexcept;
  TentacleConfig& operator=(TentacleConfig&&) noexcept;
  TentacleConfig(const TentacleConfig&) = delete;
  TentacleConfig& operator=(const TentacleConfig&) = delete;

  // Compact JSON text of the whole configuration.
  [[nodiscard]] const std::string& json() const noexcept;
  // The opaque handle passed across the ABI; valid while this object lives.
  [[nodiscard]] const ob_config* handle() const noexcept;

 private:
  explicit TentacleConfig(std::unique_ptr<ob_config> config);
  std::unique_ptr<ob_config> config_;
};

// The "config/1" service table reading TentacleConfig handles.
[[nodiscard]] const ob_config_service_v1* config_service();

}  // namespace octobot::tentacles
