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

void StaggeredOrdersTradingMode::submit_mirror(const sdk::DecisionSink& sink, const std::string& symbol,
                                               const staggered::StaggeredOrder& order) const {
  sink.submit(sdk::Decision{symbol, order.side == sdk::Side::buy ? sdk::SignalState::long_ : sdk::SignalState::short_,
                            0.0,
                            modes::FlatJsonWriter()
                                .text("action", "mirror")
                                .text("side", modes::side_name(order.side))
                                .number("price", order.price)
                                .number("amount", order.amount)
                                .str()});
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
  for (auto it = pending_mirrors_.begin(); it != pending_mirrors_.end();) {
    if (it->due_ms > now) {
      ++it;
      continue;
    }
    submit_mirror(sink, symbol, it->order);
    it = pending_mirrors_.erase(it);
  }
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
  if (settings_->mirror_order_delay > 0) {
    pending_mirrors_.push_back(
        {host().now_ms() + static_cast<std::int64_t>(settings_->mirror_order_delay * 1000), mirror});
    return;
  }
  submit_mirror(sink, order.symbol, mirror);
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
  staggered::StaggeredOrder order{data.text("side", "") == "sell" ? sdk::Side::sell : sdk::Side::buy,
                                  data.number("price", 0), data.number("amount", 0)};
  const modes::Pair pair = modes::parse_pair(decision.symbol);
  if (order.side == sdk::Side::sell) {
    order.amount = std::min(order.amount, number(portfolio().balance(pair.base).available));
  } else if (order.price > 0) {
    order.amount = std::min(order.amount, number(portfolio().balance(pair.quote).available) / order.price);
  }
  (void)place(decision.symbol, order, orders().market(decision.symbol));
}

bool StaggeredOrdersTradingMode::place(const std::string& symbol, const staggered::StaggeredOrder& order,
                                       const sdk::MarketInfo& market) {
  sdk::OrderRequest request;
  request.symbol = symbol;
  request.side = order.side;
  request.type = sdk::OrderType::limit;
  request.amount = sdk::to_decimal(order.amount).text;
  request.price = sdk::to_decimal(order.price).text;
  request.tag = order.side == sdk::Side::buy ? buy_tag : sell_tag;
  if (const auto why = modes::below_minimum(market, order.amount, order.price)) {
    log(sdk::LogLevel::warning, "order not created: " + modes::describe(request) + ": " + *why);
    return false;
  }
  return reporter_.create(*this, request).has_value();
}

void StaggeredOrdersTradingMode::create_orders(const std::string& symbol, double price) {
  if (!settings_) return;
  const modes::Pair pair = modes::parse_pair(symbol);
  const sdk::MarketInfo market = orders().market(symbol);
  const auto plan = staggered::plan_orders(*settings_, price, number(portfolio().balance(pair.base).available),
                                           number(portfolio().balance(pair.quote).available),
                                           {market.amount_step, market.min_amount, market.min_cost});
  for (const auto& report : plan.reports) log(sdk::LogLevel::warning, "[" + symbol + "] " + report);
  int created = 0;
  for (const auto& order : plan.orders) created += place(symbol, order, market) ? 1 : 0;
  log(sdk::LogLevel::info,
      "[" + symbol + "] " + std::to_string(created) + " staggered orders around " + std::to_string(price));
}

}  // namespace octobot::tentacles_bundled
