// The exchange's order minimums, checked before sending so that a mode can name the order that is
// too small and why (the host would reject it anyway, with a less specific reason). Amounts are
// compared after rounding down to the amount step, as the host rounds them.
#pragma once

#include <octobot/sdk/trading.hpp>

#include <cmath>
#include <optional>
#include <sstream>
#include <string>

namespace octobot::modes {

[[nodiscard]] inline double floor_to_step(double value, double step) {
  if (step <= 0) return value;
  // The epsilon keeps 0.3 / 0.1 = 2.9999999999999996 from losing a whole step.
  return std::floor(value / step + 1e-9) * step;
}

// Why an order of `amount` at `price` is below the market's minimums, or nothing when it is not.
// The stream is only built for a refusal: modes ask this for every order they are about to place.
[[nodiscard]] inline std::optional<std::string> below_minimum(const sdk::MarketInfo& market, double amount,
                                                              double price) {
  const double rounded = floor_to_step(amount, market.amount_step);
  if (!(rounded > 0)) {
    std::ostringstream why;
    why << "amount " << amount << " rounds to 0 at step " << market.amount_step;
    return why.str();
  }
  if (market.min_amount > 0 && rounded < market.min_amount) {
    std::ostringstream why;
    why << "amount " << rounded << " is below the minimum amount " << market.min_amount;
    return why.str();
  }
  if (market.min_cost > 0 && rounded * price < market.min_cost) {
    std::ostringstream why;
    why << "cost " << rounded * price << " " << market.quote << " is below the minimum cost " << market.min_cost;
    return why.str();
  }
  return std::nullopt;
}

}  // namespace octobot::modes
