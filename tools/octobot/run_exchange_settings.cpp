#include "run_exchange_settings.hpp"

#include <octobot/commons/json_rapidjson.hpp>

namespace octobot::app {

ExchangeSettings exchange_settings(const commons::UserConfig& config, const std::string& exchange,
                                   const tentacles::TentacleConfig& connector_config) {
  ExchangeSettings settings;
  const auto text = config.get("exchanges." + exchange);
  if (!text) return settings;
  const rapidjson::Document fields = commons::parse_json(*text, "config.json exchanges." + exchange);
  if (!fields.IsObject()) return settings;
  const rapidjson::Document reference = commons::parse_json(connector_config.json(), "connector configuration");
  for (const auto& field : fields.GetObject()) {
    const std::string name(field.name.GetString(), field.name.GetStringLength());
    if (commons::is_credential_path("exchanges." + exchange + "." + name)) continue;
    if (!reference.IsObject() || !reference.HasMember(name.c_str())) {
      settings.ignored.push_back(name);
      continue;
    }
    settings.overrides.emplace(name, commons::to_json_text(field.value));
  }
  return settings;
}

}  // namespace octobot::app
