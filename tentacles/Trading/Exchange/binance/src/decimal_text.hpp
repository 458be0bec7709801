// Exact arithmetic on Binance's decimal text, for the few sums the connector needs (cumulated
// fees, average fill price). The tentacle links the SDK alone, not the core's commons::Decimal, so
// this is a 128-bit fixed-point value with 18 fractional digits (the ABI's precision): Binance's
// amounts (8 decimals, below 10^20) fit with room to spare.
#pragma once

#include <string>
#include <string_view>

namespace octobot::binance::connector {

// "0.01000000" -> "0.01", "1.00000000" -> "1", "" -> "0". Throws std::invalid_argument on text
// that is not a plain decimal.
[[nodiscard]] std::string normalize(std::string_view text);
[[nodiscard]] std::string add(std::string_view a, std::string_view b);
// a * b, exact while the product has at most 18 fractional digits (Binance's 8-decimal prices and
// quantities give 16).
[[nodiscard]] std::string multiply(std::string_view a, std::string_view b);
// a / b rounded half up to 18 fractional digits; "" when b is zero.
[[nodiscard]] std::string divide(std::string_view a, std::string_view b);
[[nodiscard]] bool is_zero(std::string_view text);

}  // namespace octobot::binance::connector
