#include <octobot/trading/amount.hpp>

#include <fmt/format.h>

#include <string>

namespace octobot::trading {
namespace {

[[noreturn]] void fail(std::string_view text, std::string_view why) {
  throw AmountSyntaxError(
      fmt::format("invalid amount '{}': {} (expected 0.1, 100q, 12%, 12a%, 12t% or 12p%)", text, why));
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

AmountSpec parse_amount(std::string_view text) {
  if (text.empty()) fail(text, "empty");
  // Longest suffixes first: "12a%" also ends with "%".
  struct Suffix {
    std::string_view text;
    AmountKind kind;
  };
  static constexpr Suffix kSuffixes[] = {{"a%", AmountKind::percent_of_available},
                                         {"t%", AmountKind::percent_of_total},
                                         {"p%", AmountKind::percent_of_position},
                                         {"%", AmountKind::percent_of_available},
                                         {"q", AmountKind::quote}};
  AmountSpec spec;
  std::string_view number = text;
  for (const Suffix& suffix : kSuffixes) {
    if (ends_with(text, suffix.text)) {
      spec.kind = suffix.kind;
      number = text.substr(0, text.size() - suffix.text.size());
      break;
    }
  }
  if (number.empty()) fail(text, "no number before the suffix");
  try {
    spec.value = Decimal::from_string(number);
  } catch (const std::exception&) {
    fail(text, fmt::format("'{}' is not a number", number));
  }
  if (!spec.value.is_positive()) fail(text, "must be positive");
  const bool percent = spec.kind != AmountKind::base && spec.kind != AmountKind::quote;
  if (percent && spec.value > Decimal::from_integer(100)) fail(text, "a percentage cannot exceed 100");
  return spec;
}

Decimal resolve_amount(const AmountSpec& spec, const AmountContext& context) {
  const auto require_price = [&](std::string_view what) {
    if (!context.price.is_positive()) {
      throw std::invalid_argument(fmt::format("cannot resolve {}: no positive price to convert with", what));
    }
  };
  const Decimal hundred = Decimal::from_integer(100);
  // A buy's percentage is of quote funds, converted to base at the price; a sell's is already base.
  const auto of_spent_asset = [&](Decimal funds) {
    const Decimal share = funds * spec.value / hundred;
    if (context.side == channel::Side::sell) return share;
    require_price("a buy percentage");
    return share / context.price;
  };
  switch (spec.kind) {
    case AmountKind::base:
      return spec.value;
    case AmountKind::quote:
      require_price("a quote amount");
      return spec.value / context.price;
    case AmountKind::percent_of_available:
      return of_spent_asset(context.available);
    case AmountKind::percent_of_total:
      return of_spent_asset(context.total);
    case AmountKind::percent_of_position:
      return context.position.abs() * spec.value / hundred;
  }
  throw std::logic_error("unknown amount kind");
}

}  // namespace octobot::trading
