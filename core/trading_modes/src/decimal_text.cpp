#include <octobot/trading_modes/decimal_text.hpp>
#include <octobot/trading_modes/service_error.hpp>

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace octobot::trading_modes {
namespace {

constexpr const char* kExpected =
    "a decimal number such as \"0.015\", \"-12.5\" or \"1e-3\" (at most 18 "
    "fractional digits)";

bool terminated(const ob_decimal& value) noexcept {
  return std::memchr(value.text, '\0', sizeof(value.text)) != nullptr;
}

}  // namespace

std::string_view decimal_text(const ob_decimal& value) noexcept {
  return {value.text, strnlen(value.text, sizeof(value.text))};
}

std::optional<Decimal> parse_optional_decimal(const ob_decimal& value, std::string_view field) {
  if (!terminated(value)) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("{}: expected {}, found {} characters without a terminating NUL", field, kExpected,
                                   sizeof(value.text)));
  }
  const std::string_view text = decimal_text(value);
  if (text.empty()) return std::nullopt;
  try {
    return Decimal::from_string(text);
  } catch (const commons::DecimalOverflow&) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("{}: expected {}, found \"{}\", which is out of range", field, kExpected, text));
  } catch (const std::invalid_argument&) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT, fmt::format("{}: expected {}, found \"{}\"", field, kExpected, text));
  }
}

Decimal parse_required_decimal(const ob_decimal& value, std::string_view field) {
  std::optional<Decimal> parsed = parse_optional_decimal(value, field);
  if (!parsed) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT, fmt::format("{}: expected {}, found empty text", field, kExpected));
  }
  return *parsed;
}

ob_decimal to_ob_decimal(Decimal value) noexcept {
  // Written in place (no std::string per value): every order view and balance crosses the ABI this way.
  static_assert(sizeof(ob_decimal::text) > Decimal::kMaxTextLength, "room for the longest text and its NUL");
  ob_decimal out;
  *value.write_text(out.text) = '\0';
  return out;
}

void copy_text(char* out, std::size_t capacity, std::string_view text) noexcept {
  if (out == nullptr || capacity == 0) return;
  const std::size_t length = text.size() < capacity - 1 ? text.size() : capacity - 1;
  std::memcpy(out, text.data(), length);
  out[length] = '\0';
}

}  // namespace octobot::trading_modes
