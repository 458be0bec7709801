// Binance's integers as text (numbers are read as text, headers are text): the whole text must be one
// decimal integer for a value, so "-12" reads and "+1", "1.0", " 1" and "" do not.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace octobot::binance::detail {

[[nodiscard]] inline std::optional<std::int64_t> whole_integer(std::string_view text) noexcept {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || stop != end) return std::nullopt;
  return value;
}

}  // namespace octobot::binance::detail
