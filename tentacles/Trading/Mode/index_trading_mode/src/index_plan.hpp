// IndexTradingMode's decision logic, free of the ABI: a basket of coins held in fixed value ratios
// (OctoBot's IndexTradingMode, spot). index_content weights ({"name": "BTC", "value": 2}, ...) are
// normalised; without content every traded coin gets the same share. A rebalance is due when a coin's
// share of the basket's value is more than rebalance_trigger_min_percent away from its target.
#pragma once

#include <octobot/sdk/trading.hpp>

#include <map>
#include <string>
#include <vector>

namespace octobot::tentacles_bundled::index {

struct Weight {
  std::string coin;
  double value = 0;
};

// Ratios summing to 1: `weights` normalised, or equal shares of `coins` when there are none.
[[nodiscard]] std::map<std::string, double> target_ratios(const std::vector<Weight>& weights,
                                                          const std::vector<std::string>& coins);

// `values`: each coin's holding in the reference market; `quote_value`: the free reference market.
// True when a coin's share of the total is beyond `threshold` (a ratio, 0.05 = 5 %) from its target.
[[nodiscard]] bool needs_rebalance(const std::map<std::string, double>& targets,
                                   const std::map<std::string, double>& values, double quote_value, double threshold);

struct Trade {
  std::string coin;
  sdk::Side side = sdk::Side::buy;
  double value = 0;  // in the reference market
};

// The trades that bring every coin to its target share of the total: sells first (they free the
// reference market the buys spend), then buys, each at most what the reference market allows.
// Coins held but no longer in the index are sold.
[[nodiscard]] std::vector<Trade> rebalance_trades(const std::map<std::string, double>& targets,
                                                  const std::map<std::string, double>& values, double quote_value);

}  // namespace octobot::tentacles_bundled::index
