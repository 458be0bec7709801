// Conversions of single values across the C ABI: headers, strings, exact decimals, enumerations.
// Readers throw std::invalid_argument naming the field, so publish can say exactly what was wrong.
#pragma once

#include <octobot/channel/standard/trading_types.hpp>
#include <octobot/channels.h>
#include <octobot/commons/decimal.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace octobot::channel::abi {

template <typename T>
[[nodiscard]] constexpr ob_header header_of() noexcept {
  return ob_header{static_cast<std::uint32_t>(sizeof(T)), OB_ABI_MAJOR, OB_ABI_MINOR};
}

// Throws std::invalid_argument unless `header` was written by this ABI major with at least
// `minimum_size` bytes (every field of ABI 1.0's struct).
void check_header(const ob_header& header, std::size_t minimum_size, std::string_view what);

// NULL reads as "".
[[nodiscard]] inline std::string read_text(const char* text) {
  return text != nullptr ? std::string(text) : std::string();
}

[[nodiscard]] ob_decimal write_decimal(const commons::Decimal& value);
// Empty text reads as 0.
[[nodiscard]] commons::Decimal read_decimal(const ob_decimal& value, std::string_view field);

[[nodiscard]] Side read_side(std::uint32_t value, std::string_view field);
[[nodiscard]] OrderType read_order_type(std::uint32_t value);
[[nodiscard]] OrderStatus read_order_status(std::uint32_t value);
[[nodiscard]] PositionSide read_position_side(std::uint32_t value);
[[nodiscard]] EvaluationState read_evaluation_state(std::uint32_t value);
[[nodiscard]] SignalState read_signal_state(std::uint32_t value);

template <typename Enum>
[[nodiscard]] constexpr std::uint32_t write_enum(Enum value) noexcept {
  return static_cast<std::uint32_t>(value);
}

}  // namespace octobot::channel::abi
