// Exact decimals as they cross the ABI (ob_decimal): text in, text out, never through a double.
#pragma once

#include <octobot/abi.h>
#include <octobot/commons/decimal.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace octobot::trading_modes {

using commons::Decimal;

// The text of `value` up to its NUL, or up to the buffer's end when a foreign writer left none
// (checked by the parsers: such text is refused, never read past).
[[nodiscard]] std::string_view decimal_text(const ob_decimal& value) noexcept;

// Parses `field` ("amount", "price", ...) of a request. Empty text is nullopt (the ABI's "unused").
// Throws ServiceError(OB_ERROR_INVALID_ARGUMENT) naming the field, what was expected and the text
// found: "abc", "1.2.3", more than 18 fractional digits, a missing NUL.
[[nodiscard]] std::optional<Decimal> parse_optional_decimal(const ob_decimal& value, std::string_view field);
// Same, but empty text is refused too ("expected a decimal number ..., found empty text").
[[nodiscard]] Decimal parse_required_decimal(const ob_decimal& value, std::string_view field);

// The shortest exact form (Decimal::to_string); every Decimal fits OB_DECIMAL_CAPACITY.
[[nodiscard]] ob_decimal to_ob_decimal(Decimal value) noexcept;

// ABI 1.4: the Decimal's own raw value (units of 10^-18) as two 64-bit halves: exact, no text.
[[nodiscard]] constexpr ob_fixed18 to_ob_fixed(Decimal value) noexcept {
  const Decimal::Raw raw = value.raw();
  return ob_fixed18{static_cast<std::uint64_t>(raw), static_cast<std::int64_t>(raw >> 64)};
}

// Copies `text` into a fixed C buffer, NUL-terminated, truncated to capacity - 1 bytes.
void copy_text(char* out, std::size_t capacity, std::string_view text) noexcept;

}  // namespace octobot::trading_modes
