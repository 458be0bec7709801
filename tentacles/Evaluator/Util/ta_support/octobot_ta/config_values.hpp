// Checked configuration reads shared by the TA evaluators: a period that does not fit the
// indicator is a ConfigError naming the key, not an exception from deep inside an indicator.
#pragma once

#include <octobot/sdk/config.hpp>
#include <octobot/sdk/error.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace octobot::ta_support {

// config[key] (or `fallback` when absent) as an int in [minimum, 100000].
[[nodiscard]] inline int period(const sdk::Config& config, const std::string& key, int fallback, int minimum) {
  const std::int64_t value = config.integer(key, fallback);
  if (value < minimum || value > 100000) {
    throw sdk::ConfigError("'" + key + "' must be an integer in [" + std::to_string(minimum) + ", 100000], got " +
                           std::to_string(value));
  }
  return static_cast<int>(value);
}

// Builds an indicator, turning its parameter check (std::invalid_argument) into a ConfigError.
template <typename Indicator, typename... Args>
[[nodiscard]] Indicator make_indicator(Args&&... args) {
  try {
    return Indicator(std::forward<Args>(args)...);
  } catch (const std::invalid_argument& error) {
    throw sdk::ConfigError(error.what());
  }
}

}  // namespace octobot::ta_support
