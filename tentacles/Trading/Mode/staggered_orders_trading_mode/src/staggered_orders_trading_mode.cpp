#include "staggered_orders_trading_mode.hpp"

#include <algorithm>
#include <cstdlib>
#include <octobot_modes/exchange_rules.hpp>
#include <octobot_modes/flat_json.hpp>
#include <octobot_modes/pair.hpp>

#include "staggered_settings_reader.hpp"

namespace octobot::tentacles_bundled {

namespace {
double number(const std::string& text) { return text.empty() ? 0.0 : std::strtod(text.c_str(), nullptr); }
}  // namespace

void StaggeredOrdersTradingMode::configure(const sdk::Config& config) {
  settings_ = staggered::read_pair_settings(config, context().symbol);
  reported_missing_settings_ = false;
}

void StaggeredOrdersTradingMode::on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) {
  const std::string symbol = candles.symbol().empty() ? context().symbol : std::string(candles.symbol());
  if (!settings_) {
    if (!reported_missing_settings_) {
      log(sdk::LogLevel::error, "[" + symbol + "] no entry for this pair in pair_settings: no orders");
      reported_missing_settings_ = true;
    }
    return;
  }
  const double price = candles.empty() ? number(orders().last_price(symbol)) : candles.close().back();
  const std::int64_t now = host().now_ms();
  delayed_mirrors_.submit_due(now, sink, symbol);
  if (started_) return;
  started_ = true;
  flat_increment_ = price * settings_->increment_percent / 100.0;
  flat_spread_ = price * settings_->spread_percent / 100.0;
  if (settings_->use_existing_orders_only) return;
  sink.submit(sdk::Decision{symbol, sdk::SignalState::neutral, 0.0,
                            modes::FlatJsonWriter().text("action", "stagger").number("price", price).str()});
}

void StaggeredOrdersTradingMode::on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& sink) {
  reporter_.on_update(*this, order);
  if (!settings_ || order.status != sdk::OrderStatus::filled) return;
  if (order.tag != buy_tag && order.tag != sell_tag) return;
  const double filled = number(order.filled.empty() ? order.amount : order.filled);
  const auto mirror = staggered::mirror_of(*settings_, flat_spread_, flat_increment_, order.side, number(order.price),
                                           filled, orders().market(order.symbol).maker_fee);
  modes::mirror_fill(delayed_mirrors_, settings_->mirror_order_delay, host().now_ms(), sink, order.symbol, mirror);
}

void StaggeredOrdersTradingMode::on_decision(const sdk::Decision& decision) {
  const modes::FlatJson data = modes::FlatJson::parse(decision.data.empty() ? "{}" : decision.data);
  const std::string action = data.text("action", "");
  if (action == "stagger") {
    create_orders(decision.symbol, data.number("price", 0));
    return;
  }
  if (action != "mirror") {
    log(sdk::LogLevel::warning, "[" + decision.symbol + "] decision without a known action ignored: " + decision.data);
    return;
  }
  const modes::Pair pair = modes::parse_pair(decision.symbol);
  const staggered::StaggeredOrder order =
      modes::capped_to_available(modes::parse_mirror(data), number(portfolio().balance(pair.base).available),
                                 number(portfolio().balance(pair.quote).available));
  (void)place(decision.symbol, order, orders().market(decision.symbol));
}

bool StaggeredOrdersTradingMode::place(const std::string& symbol, const staggered::StaggeredOrder& order,
                                       const sdk::MarketInfo& market) {
  return modes::place_limit(*this, reporter_, symbol, order, market, buy_tag, sell_tag);
}

void StaggeredOrdersTradingMode::create_orders(const std::string& symbol, double price) {
  if (!settings_) return;
  const modes::Pair pair = modes::parse_pair(symbol);
  const sdk::MarketInfo market = orders().market(symbol);
  const auto plan =
      staggered::plan_orders(*settings_, price, number(portfolio().balance(pair.base).available),
                             number(portfolio().balance(pair.quote).available), modes::minimums_of(market));
  for (const auto& report : plan.reports) log(sdk::LogLevel::warning, "[" + symbol + "] " + report);
  int created = 0;
  for (const auto& order : plan.orders) created += place(symbol, order, market) ? 1 : 0;
  log(sdk::LogLevel::info,
      "[" + symbol + "] " + std::to_string(created) + " staggered orders around " + std::to_string(price));
}

}  // namespace octobot::tentacles_bundled
