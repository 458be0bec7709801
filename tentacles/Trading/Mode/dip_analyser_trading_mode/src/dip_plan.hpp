// DipAnalyserTradingMode's arithmetic, apart from the ABI shell so tests can check it directly:
// the weights a signal carries, the size and price of the buy, and the sell ladder placed when the
// buy fills. Rules and constants are OctoBot's (Trading/Mode/dip_analyser_trading_mode).
#pragma once

#include <octobot/sdk/trading.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::tentacles_bundled::dip {

inline constexpr double kLimitPriceMultiplier = 0.995;  // buy just under the price
inline constexpr double kSoftMaxCurrencyRatio = 0.33;   // share of the quote a full-weight buy spends
inline constexpr double kRiskVolumeMultiplier = 0.2;
inline constexpr int kDefaultSellWeight = 1;  // a fill whose buy was not registered: light targets
inline constexpr int kMaxSellOrders = 40;

struct DipSettings {
  int sell_orders_count = 3;
  // Indexed by weight - 1 (1 light, 2 medium, 3 heavy).
  std::array<double, 3> price_multipliers{1.04, 1.07, 1.1};
  std::array<double, 3> volume_multipliers{0.5, 0.7, 1.0};
  bool ignore_exchange_fees = false;
  double risk = 0.5;
};

struct SignalWeights {
  int price_weight = 1;
  int volume_weight = 1;
};

// The weights of a DipAnalyserStrategyEvaluator signal: "price_weight=P volume_weight=V" in its
// description (ABI 1.2). A description without them (an older host or strategy) gives the price
// weight from the note (-P / 3) and OctoBot's default volume weight, 1. Throws
// std::invalid_argument naming the key when a weight is not 1, 2 or 3.
[[nodiscard]] SignalWeights parse_weights(std::string_view description, double note);

[[nodiscard]] inline double limit_buy_price(double price) { return price * kLimitPriceMultiplier; }

// The base amount to buy: `configured` (buy_order_amount, resolved) when set, else a third of what
// the quote buys (`max_buy`, base), each scaled by the volume weight's multiplier and the risk.
[[nodiscard]] double buy_amount(const DipSettings& settings, int volume_weight, double max_buy,
                                std::optional<double> configured);

// What to sell after a buy filled: the filled amount, less the fee paid in the base unless fees are
// ignored (the consumer then caps it to the base available).
[[nodiscard]] double sell_amount(const DipSettings& settings, double filled, double base_fee);

struct PlannedSell {
  double amount = 0;
  double price = 0;
};

struct SellPlan {
  std::vector<PlannedSell> orders;  // increasing prices, the last at buy_price * multiplier
  std::optional<std::string> note;  // why fewer orders than asked, or none
};

// `amount` sold in sell_orders_count equal parts at evenly spaced prices from just above
// `buy_price` up to buy_price * the price weight's multiplier. Parts the market's minimums would
// refuse are merged (fewer, larger orders, as OctoBot); amounts are floored to the amount step and
// the rounding remainder goes to the last order, so the whole amount is sold.
[[nodiscard]] SellPlan plan_sells(const DipSettings& settings, int price_weight, double amount, double buy_price,
                                  const sdk::MarketInfo& market);

}  // namespace octobot::tentacles_bundled::dip
