// OctoBot's order amount syntax, as users write it in profiles and trading-mode configs:
//   "0.1"   0.1 of the base asset              "100q"  100 of the quote asset (converted at the price)
//   "12%"   12 % of the available funds (same as "12a%")
//   "12t%"  12 % of the total holdings          "12p%"  12 % of the current position (in base)
// Percentages are of the asset the order spends: the quote asset for a buy, the base asset for a sell.
#pragma once

#include <octobot/channel/standard/trading_types.hpp>
#include <octobot/commons/decimal.hpp>

#include <stdexcept>
#include <string_view>

namespace octobot::trading {

using commons::Decimal;

enum class AmountKind { base, quote, percent_of_available, percent_of_total, percent_of_position };

struct AmountSpec {
  AmountKind kind = AmountKind::base;
  Decimal value;  // the number as written: 12 for "12%"

  friend bool operator==(const AmountSpec&, const AmountSpec&) = default;
};

// The text is not an amount. The message quotes the text and lists the accepted forms.
class AmountSyntaxError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Throws AmountSyntaxError for an empty text, a non-positive number, an unknown suffix, or a
// percentage above 100.
[[nodiscard]] AmountSpec parse_amount(std::string_view text);

// What a percentage or a quote amount is resolved against.
struct AmountContext {
  channel::Side side = channel::Side::buy;
  Decimal price;      // converts quote to base; must be positive for quote amounts and buy percentages
  Decimal available;  // of the spent asset: quote for a buy, base for a sell
  Decimal total;      // of the spent asset
  Decimal position;   // in base
};

// The amount in base asset, not yet rounded to a market's precision (round_amount does that).
// Throws std::invalid_argument when the context lacks a positive price it needs.
[[nodiscard]] Decimal resolve_amount(const AmountSpec& spec, const AmountContext& context);

}  // namespace octobot::trading
