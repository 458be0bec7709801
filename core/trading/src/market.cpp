#include <octobot/commons/decimal_format.hpp>
#include <octobot/trading/market.hpp>

#include <fmt/format.h>

namespace octobot::trading {

Decimal round_amount(const Market& market, Decimal amount) {
  return amount.round_to_decimals(market.amount_decimals, commons::RoundingMode::down);
}

Decimal round_price(const Market& market, Decimal price) {
  return price.round_to_decimals(market.price_decimals, commons::RoundingMode::half_even);
}

std::optional<Rejection> check_minimums(const Market& market, Decimal amount, Decimal price) {
  if (!amount.is_positive()) {
    return Rejection{RejectionCode::amount_not_positive,
                     fmt::format("{}: amount {} is not positive (after rounding to {} decimals)", market.symbol, amount,
                                 market.amount_decimals)};
  }
  if (!price.is_positive()) {
    return Rejection{RejectionCode::price_not_positive,
                     fmt::format("{}: price {} is not positive", market.symbol, price)};
  }
  if (amount < market.min_amount) {
    return Rejection{RejectionCode::below_min_amount,
                     fmt::format("{}: amount {} {} is below the market minimum {} {}", market.symbol, amount,
                                 market.base, market.min_amount, market.base)};
  }
  const Decimal cost = amount * price;
  if (cost < market.min_cost) {
    return Rejection{RejectionCode::below_min_cost,
                     fmt::format("{}: cost {} {} ({} at {}) is below the market minimum cost {} {}", market.symbol,
                                 cost, market.quote, amount, price, market.min_cost, market.quote)};
  }
  return std::nullopt;
}

}  // namespace octobot::trading
