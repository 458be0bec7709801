// Reads the entry of OctoBot's "pair_settings" array that belongs to one pair, with OctoBot's keys.
#pragma once

#include <octobot/sdk/config.hpp>

#include <optional>
#include <string>

#include "staggered_plan.hpp"

namespace octobot::tentacles_bundled::staggered {

// The settings for `symbol`, or nothing when pair_settings has no entry for it. Throws ConfigError
// on values no staggered grid can use (bounds in the wrong order, negative percentages, bad mode).
[[nodiscard]] std::optional<StaggeredSettings> read_pair_settings(const sdk::Config& config, const std::string& symbol);

}  // namespace octobot::tentacles_bundled::staggered
