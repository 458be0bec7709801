// The exchange connection settings of `octobot run`: config.json's exchanges.<name> fields other than
// the credentials (rest_url, ws_url, limits...) over the connector's own configuration, so a test or
// a user can point the connector elsewhere (`octobot config set exchanges.binance.rest_url URL`)
// without editing the tentacle. Credentials never travel this way (they go through credentials/1).
#pragma once

#include <octobot/commons/user_config.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include <string>
#include <vector>

namespace octobot::app {

struct ExchangeSettings {
  tentacles::ConfigOverrides overrides;  // dot path -> JSON value text, for the connector class
  std::vector<std::string> ignored;      // fields the connector does not have (reported, not applied)
};

// `exchange` is the profile's name ("binance"); `connector_config` the connector's resolved
// configuration (only fields it has can be overridden, with their type).
[[nodiscard]] ExchangeSettings exchange_settings(const commons::UserConfig& config, const std::string& exchange,
                                                 const tentacles::TentacleConfig& connector_config);

}  // namespace octobot::app
