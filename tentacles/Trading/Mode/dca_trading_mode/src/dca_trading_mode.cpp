#include "dca_trading_mode.hpp"

#include <cstdlib>
#include <octobot_modes/amount_syntax.hpp>
#include <octobot_modes/exchange_rules.hpp>
#include <octobot_modes/order_outcome.hpp>
#include <octobot_modes/pair.hpp>

namespace octobot::tentacles_bundled {

namespace {

double number(const std::string& text) { return text.empty() ? 0.0 : std::strtod(text.c_str(), nullptr); }

double percent(const sdk::Config& config, const std::string& key, double fallback) {
  const double value = config.number(key, fallback);
  if (!(value >= 0 && value <= 100)) {
    throw sdk::ConfigError("'" + key + "' must be a percentage in [0, 100], got " + std::to_string(value));
  }
  return value;
}

int count(const sdk::Config& config, const std::string& key) {
  const std::int64_t value = config.integer(key, 0);
  if (value < 0 || value > 1000) {
    throw sdk::ConfigError("'" + key + "' must be an integer in [0, 1000], got " + std::to_string(value));
  }
  return static_cast<int>(value);
}

sdk::OrderRequest to_request(const std::string& symbol, const dca::PlannedOrder& order, const char* tag) {
  sdk::OrderRequest request;
  request.symbol = symbol;
  request.side = order.side;
  request.type = order.type;
  request.amount = sdk::to_decimal(order.amount).text;
  if (order.type == sdk::OrderType::limit) request.price = sdk::to_decimal(order.price).text;
  if (order.type == sdk::OrderType::stop_loss) request.trigger_price = sdk::to_decimal(order.price).text;
  request.tag = tag;
  return request;
}

}  // namespace

void DCATradingMode::configure(const sdk::Config& config) {
  // Everything is checked before anything changes: a refused update leaves the mode as it was.
  const std::string buy_amount = config.string("buy_order_amount", "");
  const std::string secondary_amount = config.string("secondary_entry_orders_amount", "");
  modes::check_amount_syntax("buy_order_amount", buy_amount);
  modes::check_amount_syntax("secondary_entry_orders_amount", secondary_amount);
  dca::DcaSettings settings;
  settings.use_market_entry_orders = config.boolean("use_market_entry_orders", true);
  settings.entry_limit_orders_price_percent = percent(config, "entry_limit_orders_price_percent", 5);
  settings.use_secondary_entry_orders = config.boolean("use_secondary_entry_orders", false);
  settings.secondary_entry_orders_count = count(config, "secondary_entry_orders_count");
  settings.secondary_entry_orders_price_percent = percent(config, "secondary_entry_orders_price_percent", 5);
  settings.use_take_profit_exit_orders = config.boolean("use_take_profit_exit_orders", false);
  settings.exit_limit_orders_price_percent = config.number("exit_limit_orders_price_percent", 5);
  if (!(settings.exit_limit_orders_price_percent >= 0)) {
    throw sdk::ConfigError("'exit_limit_orders_price_percent' must be >= 0");
  }
  settings.use_secondary_exit_orders = config.boolean("use_secondary_exit_orders", false);
  settings.secondary_exit_orders_count = count(config, "secondary_exit_orders_count");
  settings.secondary_exit_orders_price_percent = config.number("secondary_exit_orders_price_percent", 5);
  settings.use_stop_losses = config.boolean("use_stop_losses", false);
  settings.stop_loss_price_percent = percent(config, "stop_loss_price_percent", 10);
  settings.max_asset_holding_percent = percent(config, "max_asset_holding_percent", 100);

  const dca::TriggerMode mode = dca::parse_trigger_mode(config.string("trigger_mode", "Time based"));
  const std::int64_t minutes = config.integer("minutes_before_next_buy", 10080);
  if (minutes < 1)
    throw sdk::ConfigError("'minutes_before_next_buy' must be at least 1, got " + std::to_string(minutes));
  const bool initialization = config.boolean("use_init_entry_orders", false);
  // A config update keeps the trigger's memory unless what it depends on changed.
  if (!time_trigger_ || minutes != minutes_before_next_buy_)
    time_trigger_ = std::make_unique<dca::TimeTrigger>(minutes);
  if (!signal_trigger_ || mode != trigger_mode_) signal_trigger_ = std::make_unique<dca::SignalTrigger>(initialization);
  trigger_mode_ = mode;
  minutes_before_next_buy_ = minutes;
  enable_initialization_entry_ = initialization;
  cancel_open_orders_at_each_entry_ = config.boolean("cancel_open_orders_at_each_entry", true);
  buy_order_amount_ = buy_amount;
  secondary_entry_orders_amount_ = secondary_amount;
  settings_ = settings;
}

void DCATradingMode::on_candle(const sdk::Candles& candles, const sdk::DecisionSink& sink) {
  if (trigger_mode_ != dca::TriggerMode::time_based) return;
  const std::string symbol = candles.symbol().empty() ? context().symbol : std::string(candles.symbol());
  if (!time_trigger_->due(host().now_ms())) return;
  sink.submit(sdk::Decision{symbol, sdk::SignalState::very_long, -1.0, {}});
}

void DCATradingMode::on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) {
  if (trigger_mode_ != dca::TriggerMode::maximum_evaluators_signals_based) return;
  const std::string symbol = signal.symbol.empty() ? context().symbol : std::string(signal.symbol);
  const sdk::SignalState state = signal_trigger_->on_note(std::string(signal.strategy_name), signal.note);
  if (state == sdk::SignalState::very_short) {
    log(sdk::LogLevel::debug, "[" + symbol + "] every note at +1: sell entries are not traded by DCA");
  }
  if (state != sdk::SignalState::very_long) return;
  sink.submit(sdk::Decision{symbol, state, signal.note, {}});
}

void DCATradingMode::on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& /*sink*/) {
  reporter_.on_update(*this, order);
}

dca::DcaInputs DCATradingMode::read_inputs(const std::string& symbol) const {
  const modes::Pair pair = modes::parse_pair(symbol);
  dca::DcaInputs inputs;
  inputs.price = number(orders().last_price(symbol));
  inputs.quote_available = number(portfolio().balance(pair.quote).available);
  const double value = number(portfolio().value());
  if (value > 0) inputs.base_holding_ratio = number(portfolio().balance(pair.base).total) * inputs.price / value;
  const sdk::MarketInfo market = orders().market(symbol);
  inputs.min_amount = market.min_amount;
  inputs.min_cost = market.min_cost;
  inputs.entry_amount = number(portfolio().resolve_amount(symbol, sdk::Side::buy, buy_order_amount_));
  if (settings_.use_secondary_entry_orders && !secondary_entry_orders_amount_.empty()) {
    inputs.secondary_entry_amount =
        number(portfolio().resolve_amount(symbol, sdk::Side::buy, secondary_entry_orders_amount_));
  }
  return inputs;
}

void DCATradingMode::cancel_previous_entries(const std::string& symbol) {
  for (const auto& order : orders().open_orders(symbol)) {
    // Entries of earlier steps that did not fill are replaced; their exits are not created yet, and
    // the exits of filled entries stay.
    if (order.side != sdk::Side::buy || order.status != sdk::OrderStatus::open) continue;
    if (orders().cancel(order.id)) log(sdk::LogLevel::info, "cancelled previous entry " + order.id);
  }
}

void DCATradingMode::on_decision(const sdk::Decision& decision) {
  const std::string& symbol = decision.symbol;
  if (buy_order_amount_.empty()) {
    log(sdk::LogLevel::error, "[" + symbol + "] no entry: buy_order_amount is not set (e.g. \"50q\" for 50 " +
                                  modes::parse_pair(symbol).quote + " per entry)");
    return;
  }
  dca::DcaInputs inputs;
  try {
    inputs = read_inputs(symbol);
  } catch (const sdk::Error& error) {
    log(sdk::LogLevel::warning, "[" + symbol + "] no entry: " + error.what());
    return;
  }
  const sdk::MarketInfo market = orders().market(symbol);
  const double entry_price = settings_.use_market_entry_orders
                                 ? inputs.price
                                 : inputs.price * (1 - settings_.entry_limit_orders_price_percent / 100.0);
  const auto too_small = modes::below_minimum(market, inputs.entry_amount, entry_price);
  if (cancel_open_orders_at_each_entry_) {
    // Keep the previous entries when the new one could not replace them (OctoBot does the same).
    if (too_small) {
      log(sdk::LogLevel::info, "[" + symbol + "] previous entries kept: the new entry would be too small");
    } else {
      cancel_previous_entries(symbol);
      inputs = read_inputs(symbol);
    }
  }
  const dca::DcaPlan plan = dca::plan_entries(settings_, inputs);
  for (const auto& note : plan.notes) log(sdk::LogLevel::info, "[" + symbol + "] " + note);
  for (const auto& entry : plan.entries) {
    const sdk::OrderRequest request = to_request(symbol, entry.order, entry_tag);
    if (const auto why = modes::below_minimum(market, entry.order.amount, entry.order.price)) {
      log(sdk::LogLevel::warning, "order not created: " + modes::describe(request) + ": " + *why + " (get more " +
                                      market.quote + " or raise buy_order_amount)");
      break;  // the next entries are not larger
    }
    const auto created = reporter_.create(*this, request);
    if (!created) break;
    place_exits(symbol, *created, entry.exits);
  }
}

void DCATradingMode::place_exits(const std::string& symbol, const sdk::OrderView& entry,
                                 const std::vector<dca::ExitCouple>& exits) {
  for (const auto& couple : exits) {
    std::vector<sdk::OrderRequest> requests;
    if (couple.stop_loss) requests.push_back(to_request(symbol, *couple.stop_loss, stop_tag));
    if (couple.take_profit) requests.push_back(to_request(symbol, *couple.take_profit, take_profit_tag));
    if (requests.empty()) continue;
    const auto group = requests.size() > 1 ? sdk::OrderGroup::one_cancels_the_other : sdk::OrderGroup::none;
    if (entry.is_open()) {
      orders().chain(entry.id, group, requests);
      continue;
    }
    // A market entry is filled at once: its exits go to the exchange now.
    if (requests.size() > 1) {
      const auto views = orders().create_group(group, requests);
      for (std::size_t i = 0; i < views.size(); ++i) (void)reporter_.report(*this, requests[i], views[i]);
    } else {
      (void)reporter_.create(*this, requests.front());
    }
  }
}

}  // namespace octobot::tentacles_bundled
