#include "grid_trading_mode.hpp"

#include <algorithm>
#include <cstdlib>
#include <octobot_modes/exchange_rules.hpp>
#include <octobot_modes/flat_json.hpp>
#include <octobot_modes/order_outcome.hpp>
#include <octobot_modes/pair.hpp>

#include "grid_settings_reader.hpp"

namespace octobot::tentacles_bundled {

namespace {

double number(const std::string& text) { return text.empty() ? 0.0 : std::strtod(text.c_str(), nullptr); }

}  // namespace

void GridTradingMode::configure(const sdk::Config& config) {
  settings_ = grid::read_pair_settings(config, context().symbol);
  reported_missing_settings_ = false;
  if (settings_ && settings_->flat_increment >= settings_->flat_spread) {
    // OctoBot warns and goes on: a round trip then earns nothing, but the grid still works.
    log(sdk::LogLevel::error, "[" + context().symbol +
                                  "] flat_spread should be larger than flat_increment: each buy/sell round trip earns "
                                  "flat_spread - flat_increment");
  }
}

std::vector<sdk::OrderView> GridTradingMode::grid_orders(const std::string& symbol) const {
  std::vector<sdk::OrderView> mine;
  for (auto& order : orders().open_orders(symbol)) {
    if (order.tag == buy_tag || order.tag == sell_tag) mine.push_back(std::move(order));
  }
  return mine;
}

void GridTradingMode::on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) {
  const std::string symbol = candles.symbol().empty() ? context().symbol : std::string(candles.symbol());
  if (!settings_) {
    if (!reported_missing_settings_) {
      log(sdk::LogLevel::error, "[" + symbol + "] no entry for this pair in pair_settings: no grid");
      reported_missing_settings_ = true;
    }
    return;
  }
  const double price = candles.empty() ? number(orders().last_price(symbol)) : candles.close().back();
  const std::int64_t now = host().now_ms();
  delayed_mirrors_.submit_due(now, sink, symbol);
  if (!grid_started_) {
    grid_started_ = true;
    // With use_existing_orders_only the grid is whatever is already open; fills keep it going.
    if (settings_->use_existing_orders_only) return;
    // Orders left open by a previous run are the grid already: keep them.
    if (!grid_orders(symbol).empty()) return;
    sink.submit(sdk::Decision{symbol, sdk::SignalState::neutral, 0.0,
                              modes::FlatJsonWriter().text("action", "grid").number("price", price).str()});
    return;
  }
  std::vector<grid::GridOrder> open;
  for (const auto& order : grid_orders(symbol)) open.push_back({order.side, number(order.price), number(order.amount)});
  const grid::Trailing trailing = grid::trailing_needed(*settings_, price, open);
  if (trailing == grid::Trailing::none) return;
  sink.submit(sdk::Decision{symbol, sdk::SignalState::neutral, 0.0,
                            modes::FlatJsonWriter()
                                .text("action", "trail")
                                .text("direction", trailing == grid::Trailing::up ? "up" : "down")
                                .number("price", price)
                                .str()});
}

void GridTradingMode::on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) {
  reporter_.on_update(*this, order);
  if (!settings_ || order.status != sdk::OrderStatus::filled) return;
  if (order.tag != buy_tag && order.tag != sell_tag) return;
  const double fee_ratio = orders().market(order.symbol).maker_fee;
  // The mirror starts from the price the order was placed at, so the grid keeps its spacing even
  // when a fill came at a better price.
  const double origin_price = number(order.price);
  const double filled = number(order.filled.empty() ? order.amount : order.filled);
  const grid::GridOrder mirror = grid::mirror_of(*settings_, order.side, origin_price, filled, fee_ratio);
  modes::mirror_fill(delayed_mirrors_, settings_->mirror_order_delay, host().now_ms(), sink, order.symbol, mirror);
}

void GridTradingMode::on_decision(const sdk::Decision& decision) {
  const modes::FlatJson data = modes::FlatJson::parse(decision.data.empty() ? "{}" : decision.data);
  const std::string action = data.text("action", "");
  if (action == "grid") {
    create_grid(decision.symbol, data.number("price", 0));
  } else if (action == "mirror") {
    create_mirror(decision.symbol, modes::parse_mirror(data));
  } else if (action == "trail") {
    trail(decision.symbol, data.number("price", 0), data.text("direction", ""));
  } else {
    log(sdk::LogLevel::warning, "[" + decision.symbol + "] decision without a known action ignored: " + decision.data);
  }
}

bool GridTradingMode::place(const std::string& symbol, const grid::GridOrder& order, const sdk::MarketInfo& market) {
  return modes::place_limit(*this, reporter_, symbol, order, market, buy_tag, sell_tag);
}

void GridTradingMode::create_grid(const std::string& symbol, double price) {
  if (!settings_) return;
  const modes::Pair pair = modes::parse_pair(symbol);
  const sdk::MarketInfo market = orders().market(symbol);
  const grid::GridPlan plan =
      grid::plan_grid(*settings_, price, number(portfolio().balance(pair.base).available),
                      number(portfolio().balance(pair.quote).available), modes::minimums_of(market));
  for (const auto& report : plan.reports) log(sdk::LogLevel::warning, "[" + symbol + "] " + report);
  int created = 0;
  for (const auto& order : plan.orders) created += place(symbol, order, market) ? 1 : 0;
  log(sdk::LogLevel::info, "[" + symbol + "] grid around " + std::to_string(price) + ": " + std::to_string(created) +
                               " of " + std::to_string(settings_->buy_orders_count + settings_->sell_orders_count) +
                               " orders created");
}

void GridTradingMode::create_mirror(const std::string& symbol, grid::GridOrder order) {
  const modes::Pair pair = modes::parse_pair(symbol);
  order = modes::capped_to_available(order, number(portfolio().balance(pair.base).available),
                                     number(portfolio().balance(pair.quote).available));
  (void)place(symbol, order, orders().market(symbol));
}

void GridTradingMode::trail(const std::string& symbol, double price, const std::string& direction) {
  if (!settings_ || !(price > 0)) return;
  log(sdk::LogLevel::info, "[" + symbol + "] trailing " + direction + ": the grid moves to " + std::to_string(price));
  for (const auto& order : grid_orders(symbol)) (void)orders().cancel(order.id);
  // Rebalance so each side can hold its orders: the sell side's share of the value in base.
  const modes::Pair pair = modes::parse_pair(symbol);
  const double base = number(portfolio().balance(pair.base).available);
  const double quote = number(portfolio().balance(pair.quote).available);
  const int depth = settings_->buy_orders_count + settings_->sell_orders_count;
  if (depth > 0) {
    const double target_base = (base * price + quote) * settings_->sell_orders_count / depth / price;
    const double delta = target_base - base;
    const sdk::MarketInfo market = orders().market(symbol);
    if (std::abs(delta) > 0 && !modes::below_minimum(market, std::abs(delta), price)) {
      sdk::OrderRequest rebalance;
      rebalance.symbol = symbol;
      rebalance.side = delta > 0 ? sdk::Side::buy : sdk::Side::sell;
      rebalance.type = sdk::OrderType::market;
      // Buys keep a margin for fees so the order is not refused for missing funds.
      rebalance.amount = sdk::to_decimal(std::abs(delta) * (delta > 0 ? 1 - 2 * market.taker_fee : 1)).text;
      rebalance.tag = "grid-trailing";
      (void)reporter_.create(*this, rebalance);
    }
  }
  create_grid(symbol, price);
}

}  // namespace octobot::tentacles_bundled
