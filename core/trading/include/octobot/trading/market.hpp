// A market's trading rules (OctoBot/ccxt's "market" entry): precision, minimums and fees. Orders are
// rounded to these rules and checked against them; an order that does not fit is rejected with a
// reason the user can read, never dropped silently (a known OctoBot pain with grid modes).
#pragma once

#include <octobot/commons/decimal.hpp>

#include <optional>
#include <string>

namespace octobot::trading {

using commons::Decimal;

struct Market {
  std::string symbol;  // "BTC/USDT"
  std::string base;    // "BTC": what amounts count
  std::string quote;   // "USDT": what prices and costs count
  int price_decimals = 8;
  int amount_decimals = 8;
  Decimal min_amount;  // in base; zero: no minimum
  Decimal min_cost;    // amount * price, in quote (the "min notional"); zero: no minimum
  Decimal maker_fee;   // a rate: 0.001 is 0.1 %
  Decimal taker_fee;
};

// Why an order does not fit its market.
enum class RejectionCode {
  amount_not_positive,
  price_not_positive,
  below_min_amount,
  below_min_cost,
  insufficient_funds
};

struct Rejection {
  RejectionCode code;
  std::string reason;  // names the market, the value and the limit
};

// Amounts are truncated: an order never asks for more than the caller computed (or can afford).
[[nodiscard]] Decimal round_amount(const Market& market, Decimal amount);
// Prices go to the nearest tick (half-even): a limit price is a target, not a budget.
[[nodiscard]] Decimal round_price(const Market& market, Decimal price);

// Checks an already rounded amount and price against the market's minimums. `price` is the limit or
// trigger price, or the expected fill price of a market order. nullopt: the order fits.
[[nodiscard]] std::optional<Rejection> check_minimums(const Market& market, Decimal amount, Decimal price);

}  // namespace octobot::trading
