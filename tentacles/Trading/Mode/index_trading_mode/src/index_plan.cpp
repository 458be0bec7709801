#include "index_plan.hpp"

#include <algorithm>
#include <cmath>

namespace octobot::tentacles_bundled::index {

std::map<std::string, double> target_ratios(const std::vector<Weight>& weights, const std::vector<std::string>& coins) {
  std::map<std::string, double> ratios;
  double sum = 0;
  for (const auto& weight : weights) sum += std::max(weight.value, 0.0);
  if (sum > 0) {
    for (const auto& weight : weights) ratios[weight.coin] += std::max(weight.value, 0.0) / sum;
    return ratios;
  }
  for (const auto& coin : coins) ratios[coin] = 1.0 / static_cast<double>(coins.size());
  return ratios;
}

namespace {
double total_of(const std::map<std::string, double>& values, double quote_value) {
  double total = quote_value;
  for (const auto& [coin, value] : values) total += value;
  return total;
}
double value_of(const std::map<std::string, double>& values, const std::string& coin) {
  const auto it = values.find(coin);
  return it == values.end() ? 0.0 : it->second;
}
}  // namespace

bool needs_rebalance(const std::map<std::string, double>& targets, const std::map<std::string, double>& values,
                     double quote_value, double threshold) {
  const double total = total_of(values, quote_value);
  if (!(total > 0)) return false;
  for (const auto& [coin, ratio] : targets) {
    if (std::abs(value_of(values, coin) / total - ratio) > threshold) return true;
  }
  for (const auto& [coin, value] : values) {
    if (targets.count(coin) == 0 && value / total > threshold) return true;
  }
  return false;
}

std::vector<Trade> rebalance_trades(const std::map<std::string, double>& targets,
                                    const std::map<std::string, double>& values, double quote_value) {
  const double total = total_of(values, quote_value);
  std::vector<Trade> sells;
  std::vector<Trade> buys;
  for (const auto& [coin, value] : values) {
    const auto it = targets.find(coin);
    const double target = it == targets.end() ? 0.0 : it->second * total;
    if (value > target) sells.push_back({coin, sdk::Side::sell, value - target});
  }
  double spendable = quote_value;
  for (const auto& sell : sells) spendable += sell.value;
  for (const auto& [coin, ratio] : targets) {
    const double missing = ratio * total - value_of(values, coin);
    if (missing <= 0) continue;
    const double value = std::min(missing, spendable);
    if (value <= 0) break;
    spendable -= value;
    buys.push_back({coin, sdk::Side::buy, value});
  }
  sells.insert(sells.end(), buys.begin(), buys.end());
  return sells;
}

}  // namespace octobot::tentacles_bundled::index
