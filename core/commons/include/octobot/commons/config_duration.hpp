// Duration settings of config.json, written in seconds ("interval_seconds": 600): read, range-checked
// and turned into milliseconds in one place, so every such setting refuses bad values the same way.
#pragma once

#include <octobot/commons/user_config.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace octobot::commons {

// The value at `dot_path` as milliseconds (rounded to the nearest); nullopt when absent. Throws
// std::invalid_argument naming the setting, what was found and what was expected ("config.json
// a.b_seconds is -1: expected a number of seconds >= 0 (at most 604800)") when it is not a number
// within [minimum_seconds, maximum_seconds]. Without a maximum, values too large for the milliseconds
// count are refused all the same.
[[nodiscard]] std::optional<std::chrono::milliseconds> seconds_setting(
    const UserConfig& config, std::string_view dot_path, double minimum_seconds,
    std::optional<double> maximum_seconds = std::nullopt);

}  // namespace octobot::commons
