#include <octobot/commons/config_duration.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace octobot::commons {

std::optional<std::chrono::milliseconds> seconds_setting(const UserConfig& config, std::string_view dot_path,
                                                         double minimum_seconds,
                                                         std::optional<double> maximum_seconds) {
  const auto text = config.get(dot_path);
  if (!text) return std::nullopt;
  // Beyond this the milliseconds would not fit an int64 (about 292 million years).
  constexpr double kLargest = 9.2e15;
  char* end = nullptr;
  const double seconds = std::strtod(text->c_str(), &end);
  const bool number = end != text->c_str() && *end == '\0' && std::isfinite(seconds);
  if (!number || seconds < minimum_seconds || seconds > maximum_seconds.value_or(kLargest)) {
    throw std::invalid_argument(
        fmt::format("config.json {} is {}: expected a number of seconds >= {:g}{}", dot_path, *text, minimum_seconds,
                    maximum_seconds ? fmt::format(" (at most {:g})", *maximum_seconds) : std::string()));
  }
  return std::chrono::milliseconds(std::llround(seconds * 1000));
}

}  // namespace octobot::commons
