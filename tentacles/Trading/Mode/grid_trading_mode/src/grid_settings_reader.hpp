// Reads the entry of OctoBot's "pair_settings" array that belongs to one pair, with OctoBot's key
// names. Older profiles spell some keys differently (reinvest_profits,
// use_fixed_volume_for_mirror_orders); they are accepted and have no effect of their own.
#pragma once

#include <octobot/sdk/config.hpp>

#include <optional>
#include <string>

#include "grid_plan.hpp"

namespace octobot::tentacles_bundled::grid {

// The settings for `symbol`, or nothing when pair_settings has no entry for it. Throws ConfigError
// on values no grid can use (negative counts, spread or increment).
[[nodiscard]] std::optional<GridSettings> read_pair_settings(const sdk::Config& config, const std::string& symbol);

}  // namespace octobot::tentacles_bundled::grid
