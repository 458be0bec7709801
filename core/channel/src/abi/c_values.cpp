#include "c_values.hpp"

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>

namespace octobot::channel::abi {

// The C++ enumerations and the ABI's numbers are the same values, so writing is a cast.
static_assert(static_cast<int>(Side::sell) == OB_SIDE_SELL);
static_assert(static_cast<int>(OrderType::trailing_stop_limit) == OB_ORDER_TYPE_TRAILING_STOP_LIMIT);
static_assert(static_cast<int>(OrderStatus::expired) == OB_ORDER_STATUS_EXPIRED);
static_assert(static_cast<int>(PositionSide::short_side) == OB_POSITION_SIDE_SHORT);
static_assert(static_cast<int>(EvaluationState::ready) == OB_EVAL_READY);
static_assert(static_cast<int>(SignalState::very_short) == OB_SIGNAL_VERY_SHORT);

namespace {

template <typename Enum>
Enum read_enum(std::uint32_t value, Enum last, std::string_view field) {
  if (value > static_cast<std::uint32_t>(last)) {
    throw std::invalid_argument(
        fmt::format("{}: {} is not a valid value (0 to {})", field, value, static_cast<std::uint32_t>(last)));
  }
  return static_cast<Enum>(value);
}

}  // namespace

void check_header(const ob_header& header, std::size_t minimum_size, std::string_view what) {
  if (header.abi_major != OB_ABI_MAJOR) {
    throw std::invalid_argument(
        fmt::format("{}: written for ABI major {}, this host speaks {}", what, header.abi_major, OB_ABI_MAJOR));
  }
  if (header.struct_size < minimum_size) {
    throw std::invalid_argument(fmt::format("{}: struct_size is {} bytes, expected at least {} (use OB_HEADER_INIT)",
                                            what, header.struct_size, minimum_size));
  }
}

ob_decimal write_decimal(const commons::Decimal& value) {
  ob_decimal out{};
  const std::string text = value.to_string();
  // The longest Decimal text is 41 characters; the capacity leaves room for the NUL and more.
  static_assert(OB_DECIMAL_CAPACITY > 41);
  std::memcpy(out.text, text.data(), text.size());
  return out;
}

commons::Decimal read_decimal(const ob_decimal& value, std::string_view field) {
  const std::size_t length = strnlen(value.text, OB_DECIMAL_CAPACITY);
  if (length == OB_DECIMAL_CAPACITY) {
    throw std::invalid_argument(fmt::format("{}: decimal text is not NUL-terminated", field));
  }
  if (length == 0) return commons::Decimal();
  try {
    return commons::Decimal::from_string(std::string_view(value.text, length));
  } catch (const std::exception& e) {
    throw std::invalid_argument(fmt::format("{}: {}", field, e.what()));
  }
}

Side read_side(std::uint32_t value, std::string_view field) { return read_enum(value, Side::sell, field); }
OrderType read_order_type(std::uint32_t value) {
  return read_enum(value, OrderType::trailing_stop_limit, "order_type");
}
OrderStatus read_order_status(std::uint32_t value) { return read_enum(value, OrderStatus::expired, "status"); }
PositionSide read_position_side(std::uint32_t value) { return read_enum(value, PositionSide::short_side, "side"); }
EvaluationState read_evaluation_state(std::uint32_t value) { return read_enum(value, EvaluationState::ready, "state"); }
SignalState read_signal_state(std::uint32_t value) { return read_enum(value, SignalState::very_short, "state"); }

}  // namespace octobot::channel::abi
