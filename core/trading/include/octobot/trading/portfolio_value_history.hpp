// The value of a portfolio in its reference market over time (OctoBot's portfolio history: the curve
// behind profitability and drawdown figures). Exact values; one point per time, oldest first.
#pragma once

#include <octobot/trading/portfolio.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace octobot::trading {

struct PortfolioValuePoint {
  std::int64_t time_ms = 0;
  Decimal value;

  friend bool operator==(const PortfolioValuePoint&, const PortfolioValuePoint&) = default;
};

class PortfolioValueHistory {
 public:
  explicit PortfolioValueHistory(std::string reference_market) : reference_(std::move(reference_market)) {}

  // Values `portfolio` at `prices` (each asset's price in the reference market) and appends it.
  // A point at the latest time replaces it; an earlier time throws std::invalid_argument.
  void record(std::int64_t time_ms, const Portfolio& portfolio,
              const std::map<std::string, Decimal, std::less<>>& prices);

  [[nodiscard]] const std::string& reference_market() const noexcept { return reference_; }
  [[nodiscard]] const std::vector<PortfolioValuePoint>& points() const noexcept { return points_; }
  // (last - first) / first, exact to 18 digits; zero with fewer than two points or a zero start.
  [[nodiscard]] Decimal total_return() const;

 private:
  std::string reference_;
  std::vector<PortfolioValuePoint> points_;
};

}  // namespace octobot::trading
