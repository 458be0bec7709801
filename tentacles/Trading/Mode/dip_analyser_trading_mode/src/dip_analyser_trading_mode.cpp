#include "dip_analyser_trading_mode.hpp"

#include <octobot_modes/amount_syntax.hpp>
#include <octobot_modes/exchange_rules.hpp>
#include <octobot_modes/flat_json.hpp>
#include <octobot_modes/pair.hpp>
#include <stdexcept>

namespace octobot::tentacles_bundled {

namespace {

constexpr const char* kWeightNames[3] = {"light", "medium", "heavy"};

double bounded(const sdk::Config& config, const std::string& key, double fallback, double low, double high) {
  const double value = config.number(key, fallback);
  if (!(value >= low && value <= high)) {
    throw sdk::ConfigError("'" + key + "' must be in [" + std::to_string(low) + ", " + std::to_string(high) +
                           "], got " + std::to_string(value));
  }
  return value;
}

sdk::OrderRequest limit_order(const std::string& symbol, sdk::Side side, double amount, double price, const char* tag) {
  sdk::OrderRequest request;
  request.symbol = symbol;
  request.side = side;
  request.type = sdk::OrderType::limit;
  request.amount = sdk::to_decimal(amount).text;
  request.price = sdk::to_decimal(price).text;
  request.tag = tag;
  return request;
}

}  // namespace

void DipAnalyserTradingMode::configure(const sdk::Config& config) {
  // Everything is checked before anything changes: a refused update leaves the mode as it was.
  dip::DipSettings settings;
  const std::int64_t count = config.integer("sell_orders_count", 3);
  if (count < 1 || count > dip::kMaxSellOrders) {
    throw sdk::ConfigError("'sell_orders_count' must be an integer in [1, " + std::to_string(dip::kMaxSellOrders) +
                           "], got " + std::to_string(count));
  }
  settings.sell_orders_count = static_cast<int>(count);
  const dip::DipSettings defaults;
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string weight = kWeightNames[i];
    settings.price_multipliers[i] =
        bounded(config, weight + "_weight_price_multiplier", defaults.price_multipliers[i], 1, 1e6);
    settings.volume_multipliers[i] =
        bounded(config, weight + "_weight_volume_multiplier", defaults.volume_multipliers[i], 0, 1);
  }
  settings.ignore_exchange_fees = config.boolean("ignore_exchange_fees", false);
  // OctoBot reads the risk from the profile's trading settings; the host does not hand those to a
  // tentacle, so the mode takes it from its own config, with OctoBot's default (as DailyTradingMode).
  settings.risk = bounded(config, "risk", 0.5, 0, 1);
  const std::string buy_amount = config.string("buy_order_amount", "");
  modes::check_amount_syntax("buy_order_amount", buy_amount);
  settings_ = settings;
  buy_order_amount_ = buy_amount;
}

void DipAnalyserTradingMode::on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) {
  // As OctoBot, only DipAnalyserStrategyEvaluator's notes count: they are the dips.
  if (signal.strategy_name != strategy_name) return;
  const std::string symbol = signal.symbol.empty() ? context().symbol : std::string(signal.symbol);
  if (!(signal.note < 0)) {
    log(sdk::LogLevel::debug, "[" + symbol + "] note " + std::to_string(signal.note) + " is not a dip: ignored");
    return;
  }
  dip::SignalWeights weights;
  try {
    weights = dip::parse_weights(signal.description, signal.note);
  } catch (const std::invalid_argument& error) {
    log(sdk::LogLevel::warning, "[" + symbol + "] dip signal ignored: " + error.what() + " in description \"" +
                                    std::string(signal.description) + "\"");
    return;
  }
  // A new dip replaces the buy orders still open. A second signal for the same candle buys again
  // only if it replaced an open buy: otherwise that candle's buy has already filled.
  const bool cancelled = cancel_buy_orders(symbol);
  if (last_buy_signal_ms_ == signal.time_ms && !cancelled) {
    log(sdk::LogLevel::debug, "[" + symbol + "] buy signal ignored: this candle's buy order already filled");
    return;
  }
  last_buy_signal_ms_ = signal.time_ms;
  log(sdk::LogLevel::info, "[" + symbol + "] new buy signal (price weight " + std::to_string(weights.price_weight) +
                               ", volume weight " + std::to_string(weights.volume_weight) + ")");
  sink.submit({symbol, sdk::SignalState::long_, signal.note,
               modes::FlatJsonWriter()
                   .number("volume_weight", weights.volume_weight)
                   .number("price_weight", weights.price_weight)
                   .str()});
}

void DipAnalyserTradingMode::on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) {
  reporter_.on_update(*this, order);
  if (order.side != sdk::Side::buy) return;
  if (order.status == sdk::OrderStatus::cancelled || order.status == sdk::OrderStatus::rejected ||
      order.status == sdk::OrderStatus::expired) {
    price_weight_by_buy_.erase(order.id);
    return;
  }
  if (order.status != sdk::OrderStatus::filled) return;
  const modes::Pair pair = modes::parse_pair(order.symbol);
  // What the fill brought in: the fee taken in the bought asset is not there to be sold.
  const double base_fee = order.fee_asset == pair.base ? sdk::to_double(order.fee) : 0.0;
  // A host that reports a final order without its fill details still gives its amount: a filled
  // order's filled amount is its amount.
  const double reported = sdk::to_double(order.filled);
  const double filled = reported > 0 ? reported : sdk::to_double(order.amount);
  const double volume = dip::sell_amount(settings_, filled, base_fee);
  const double buy_price = sdk::to_double(order.price.empty() ? order.average_price : order.price);
  sink.submit({order.symbol, sdk::SignalState::short_, 0.0,
               modes::FlatJsonWriter()
                   .text("order_id", order.id)
                   .number("volume", volume)
                   .number("buy_price", buy_price)
                   .str()});
}

void DipAnalyserTradingMode::on_decision(const sdk::Decision& decision) {
  const modes::FlatJson data = modes::FlatJson::parse(decision.data.empty() ? "{}" : decision.data);
  if (decision.state == sdk::SignalState::long_) {
    buy(decision.symbol, static_cast<int>(data.number("volume_weight", 1)),
        static_cast<int>(data.number("price_weight", 1)));
  } else if (decision.state == sdk::SignalState::short_) {
    const auto buy_id = data.text("order_id");
    if (!buy_id) throw std::invalid_argument("sell decision: expected the filled buy's 'order_id', found none");
    sell(decision.symbol, *buy_id, data.number("volume", 0), data.number("buy_price", 0));
  } else {
    log(sdk::LogLevel::error, "[" + decision.symbol + "] unexpected decision state " +
                                  std::to_string(static_cast<std::uint32_t>(decision.state)) +
                                  ": expected LONG (buy) or SHORT (sell after a fill)");
  }
}

bool DipAnalyserTradingMode::cancel_buy_orders(const std::string& symbol) {
  bool cancelled = false;
  for (const auto& order : orders().open_orders(symbol)) {
    if (order.side != sdk::Side::buy) continue;
    if (orders().cancel(order.id)) {
      cancelled = true;
      price_weight_by_buy_.erase(order.id);
      log(sdk::LogLevel::info, "[" + symbol + "] cancelled the previous buy order " + order.id);
    }
  }
  return cancelled;
}

void DipAnalyserTradingMode::buy(const std::string& symbol, int volume_weight, int price_weight) {
  if (volume_weight < 1 || volume_weight > 3 || price_weight < 1 || price_weight > 3) {
    throw std::invalid_argument("buy decision: expected weights in 1..3, found volume " +
                                std::to_string(volume_weight) + " and price " + std::to_string(price_weight));
  }
  const modes::Pair pair = modes::parse_pair(symbol);
  const double price = sdk::to_double(orders().last_price(symbol));
  const sdk::MarketInfo market = orders().market(symbol);
  const double quote_available = sdk::to_double(portfolio().balance(pair.quote).available);
  std::optional<double> configured;
  if (!buy_order_amount_.empty()) {
    configured = sdk::to_double(portfolio().resolve_amount(symbol, sdk::Side::buy, buy_order_amount_));
  }
  const double amount = dip::buy_amount(settings_, volume_weight, price > 0 ? quote_available / price : 0, configured);
  const double limit = dip::limit_buy_price(price);
  const sdk::OrderRequest request = limit_order(symbol, sdk::Side::buy, amount, limit, buy_tag);
  if (const auto why = modes::below_minimum(market, amount, limit)) {
    log(sdk::LogLevel::warning, "[" + symbol + "] no buy order: " + modes::describe(request) + ": " + *why +
                                    " (get more " + pair.quote + " or raise buy_order_amount)");
    return;
  }
  if (const auto created = reporter_.create(*this, request)) price_weight_by_buy_[created->id] = price_weight;
}

void DipAnalyserTradingMode::sell(const std::string& symbol, const std::string& buy_id, double volume,
                                  double buy_price) {
  int weight = dip::kDefaultSellWeight;
  if (const auto it = price_weight_by_buy_.find(buy_id); it != price_weight_by_buy_.end()) {
    weight = it->second;
    price_weight_by_buy_.erase(it);
  } else {
    log(sdk::LogLevel::warning, "[" + symbol + "] no price weight registered for buy order " + buy_id +
                                    ": light sell targets (price weight " + std::to_string(weight) + ")");
  }
  const modes::Pair pair = modes::parse_pair(symbol);
  const double available = sdk::to_double(portfolio().balance(pair.base).available);
  const dip::SellPlan plan =
      dip::plan_sells(settings_, weight, std::min(volume, available), buy_price, orders().market(symbol));
  if (plan.note)
    log(plan.orders.empty() ? sdk::LogLevel::warning : sdk::LogLevel::info, "[" + symbol + "] " + *plan.note);
  for (const auto& order : plan.orders) {
    (void)reporter_.create(*this, limit_order(symbol, sdk::Side::sell, order.amount, order.price, sell_tag));
  }
}

}  // namespace octobot::tentacles_bundled
