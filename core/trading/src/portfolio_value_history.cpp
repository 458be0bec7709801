#include <octobot/trading/portfolio_value_history.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace octobot::trading {

void PortfolioValueHistory::record(std::int64_t time_ms, const Portfolio& portfolio,
                                   const std::map<std::string, Decimal, std::less<>>& prices) {
  const Decimal value = portfolio.value_in(reference_, prices);
  if (!points_.empty() && time_ms <= points_.back().time_ms) {
    if (time_ms < points_.back().time_ms) {
      throw std::invalid_argument(fmt::format("portfolio value at {} ms is older than the latest point at {} ms",
                                              time_ms, points_.back().time_ms));
    }
    points_.back().value = value;
    return;
  }
  points_.push_back({time_ms, value});
}

Decimal PortfolioValueHistory::total_return() const {
  if (points_.size() < 2 || points_.front().value.is_zero()) return Decimal{};
  return (points_.back().value - points_.front().value) / points_.front().value;
}

}  // namespace octobot::trading
