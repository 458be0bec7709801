#include "index_trading_mode.hpp"

#include <cstdlib>
#include <map>
#include <octobot_modes/exchange_rules.hpp>
#include <octobot_modes/flat_json.hpp>
#include <octobot_modes/pair.hpp>

namespace octobot::tentacles_bundled {

namespace {
double number(const std::string& text) { return text.empty() ? 0.0 : std::strtod(text.c_str(), nullptr); }
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
}  // namespace

void IndexTradingMode::configure(const sdk::Config& config) {
  const double interval = config.number("refresh_interval", 1);
  if (!(interval > 0)) throw sdk::ConfigError("'refresh_interval' must be > 0 days");
  const double trigger = config.number("rebalance_trigger_min_percent", 5);
  if (!(trigger >= 0 && trigger <= 100)) throw sdk::ConfigError("'rebalance_trigger_min_percent' must be in [0, 100]");
  std::vector<index::Weight> content;
  if (config.has("index_content")) {
    const std::uint64_t size = config.array_size("index_content");
    for (std::uint64_t i = 0; i < size; ++i) {
      const std::string at = "index_content[" + std::to_string(i) + "].";
      const double value = config.number(at + "value", 1);
      if (!(value >= 0)) throw sdk::ConfigError("'" + at + "value' must be >= 0");
      content.push_back({config.string(at + "name"), value});
    }
  }
  refresh_interval_days_ = interval;
  rebalance_trigger_ratio_ = trigger / 100.0;
  content_ = std::move(content);
}

void IndexTradingMode::on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) {
  const std::string symbol(candles.symbol());
  if (symbol.empty()) return;
  // The instance is told no list of the run's symbols: without index_content it learns them from
  // candles, and waits for a symbol to come round again (every symbol then sent one) before its
  // first check, so an equal-weight basket starts with every coin.
  const bool seen_before = !symbols_.insert(symbol).second;
  if (content_.empty() && !last_check_ms_ && !seen_before) return;
  const std::int64_t now = host().now_ms();
  if (last_check_ms_ && now < *last_check_ms_ + static_cast<std::int64_t>(refresh_interval_days_ * kDayMs)) return;
  last_check_ms_ = now;
  sink.submit(
      sdk::Decision{symbol, sdk::SignalState::neutral, 0.0, modes::FlatJsonWriter().text("action", "check").str()});
}

void IndexTradingMode::on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& /*sink*/) {
  reporter_.on_update(*this, order);
}

void IndexTradingMode::on_decision(const sdk::Decision& decision) {
  const modes::FlatJson data = modes::FlatJson::parse(decision.data.empty() ? "{}" : decision.data);
  if (data.text("action", "") != "check") return;
  rebalance(portfolio().reference_market());
}

void IndexTradingMode::rebalance(const std::string& reference) {
  // The coins: index_content, or every traded coin quoted in the reference market.
  std::vector<std::string> coins;
  for (const auto& symbol : symbols_) {
    const modes::Pair pair = modes::parse_pair(symbol);
    if (pair.quote == reference) coins.push_back(pair.base);
  }
  const auto targets = index::target_ratios(content_, coins);
  if (targets.empty()) {
    log(sdk::LogLevel::error, "no coin to index: set index_content or trade pairs quoted in " + reference);
    return;
  }
  // Value every coin of the index and every traded coin (a coin that left the index is sold).
  std::set<std::string> valued(coins.begin(), coins.end());
  for (const auto& [coin, ratio] : targets) valued.insert(coin);
  std::map<std::string, double> values;
  std::map<std::string, double> prices;
  for (const auto& coin : valued) {
    try {
      const double price = number(orders().last_price(coin + "/" + reference));
      if (!(price > 0)) throw sdk::Error(OB_ERROR_STATE, "no price");
      prices[coin] = price;
      values[coin] = number(portfolio().balance(coin).available) * price;
    } catch (const sdk::Error& error) {
      log(sdk::LogLevel::error,
          "index coin " + coin + " has no " + reference + " price (" + error.what() + "): left out of this rebalance");
    }
  }
  const double quote = number(portfolio().balance(reference).available);
  if (!index::needs_rebalance(targets, values, quote, rebalance_trigger_ratio_)) {
    log(sdk::LogLevel::info,
        "the basket follows the index within " + std::to_string(rebalance_trigger_ratio_ * 100) + " %: no rebalance");
    return;
  }
  log(sdk::LogLevel::info, "rebalancing the basket");
  for (const auto& trade : index::rebalance_trades(targets, values, quote)) {
    const auto price = prices.find(trade.coin);
    if (price == prices.end() || !(price->second > 0)) continue;
    const std::string symbol = trade.coin + "/" + reference;
    double amount = trade.value / price->second;
    if (trade.side == sdk::Side::buy) {
      // The fee is taken from what is bought; keep room so the order is not refused for funds.
      const sdk::MarketInfo market = orders().market(symbol);
      amount =
          std::min(amount, number(portfolio().balance(reference).available) / price->second) * (1 - market.taker_fee);
    }
    sdk::OrderRequest request;
    request.symbol = symbol;
    request.side = trade.side;
    request.type = sdk::OrderType::market;
    request.amount = sdk::to_decimal(amount).text;
    request.tag = "index-rebalance";
    if (const auto why = modes::below_minimum(orders().market(symbol), amount, price->second)) {
      log(sdk::LogLevel::warning, "order not created: " + modes::describe(request) + ": " + *why);
      continue;
    }
    (void)reporter_.create(*this, request);
  }
}

}  // namespace octobot::tentacles_bundled
