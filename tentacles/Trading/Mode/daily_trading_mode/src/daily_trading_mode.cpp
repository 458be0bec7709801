#include "daily_trading_mode.hpp"

#include <array>
#include <charconv>
#include <octobot_modes/amount_syntax.hpp>
#include <octobot_modes/exchange_rules.hpp>
#include <octobot_modes/exits.hpp>
#include <octobot_modes/order_outcome.hpp>
#include <octobot_modes/pair.hpp>
#include <vector>

namespace octobot::tentacles_bundled {

namespace {

void require_range(const std::string& key, double value, double minimum, double maximum) {
  if (!(value >= minimum && value <= maximum)) {
    throw sdk::ConfigError("'" + key + "' must be in [" + std::to_string(minimum) + ", " + std::to_string(maximum) +
                           "], got " + std::to_string(value));
  }
}

sdk::OrderRequest to_request(const std::string& symbol, const daily::PlannedOrder& order, const char* tag) {
  sdk::OrderRequest request;
  request.symbol = symbol;
  request.side = order.side;
  request.type = order.type;
  request.amount = sdk::to_decimal(order.amount).text;
  if (order.type != sdk::OrderType::market) request.price = sdk::to_decimal(order.price).text;
  if (order.trigger_price > 0) request.trigger_price = sdk::to_decimal(order.trigger_price).text;
  request.tag = tag;
  return request;
}

const char* exit_tag(const daily::PlannedOrder& order) {
  return order.type == sdk::OrderType::stop_loss ? DailyTradingMode::stop_tag : DailyTradingMode::take_profit_tag;
}

}  // namespace

void DailyTradingMode::configure(const sdk::Config& config) {
  daily::DailySettings settings;
  settings.use_prices_close_to_current_price = config.boolean("use_prices_close_to_current_price", false);
  settings.close_to_current_price_difference = config.number("close_to_current_price_difference", 0.005);
  settings.buy_with_maximum_size_orders = config.boolean("buy_with_maximum_size_orders", false);
  settings.sell_with_maximum_size_orders = config.boolean("sell_with_maximum_size_orders", false);
  settings.disable_buy_orders = config.boolean("disable_buy_orders", false);
  settings.disable_sell_orders = config.boolean("disable_sell_orders", false);
  settings.use_stop_orders = config.boolean("use_stop_orders", true);
  settings.max_currency_percent = config.number("max_currency_percent", 100);
  settings.target_profits_mode = config.boolean("target_profits_mode", false);
  settings.target_profits_mode_take_profit = config.number("target_profits_mode_take_profit", 5);
  settings.target_profits_mode_stop_loss = config.number("target_profits_mode_stop_loss", 2.5);
  // OctoBot reads the risk from the profile's trading settings; the host does not hand those to a
  // tentacle, so the mode takes it from its own config, with OctoBot's default.
  settings.risk = config.number("risk", 0.5);
  require_range("close_to_current_price_difference", settings.close_to_current_price_difference, 0, 1);
  require_range("max_currency_percent", settings.max_currency_percent, 0, 100);
  require_range("target_profits_mode_take_profit", settings.target_profits_mode_take_profit, 0, 1e6);
  require_range("target_profits_mode_stop_loss", settings.target_profits_mode_stop_loss, 0, 100);
  require_range("risk", settings.risk, 0, 1);
  settings.market_quantity_min_percent = variant_.market_quantity_min_percent;
  settings.buy_limit_min_percent = variant_.buy_limit_min_percent;
  const std::string buy_amount = config.string("buy_order_amount", "");
  const std::string sell_amount = config.string("sell_order_amount", "");
  modes::check_amount_syntax("buy_order_amount", buy_amount);
  modes::check_amount_syntax("sell_order_amount", sell_amount);
  buy_order_amount_ = buy_amount;
  sell_order_amount_ = sell_amount;
  settings_ = settings;
}

void DailyTradingMode::on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) {
  const std::string symbol = signal.symbol.empty() ? context().symbol : std::string(signal.symbol);
  const auto change = tracker_.on_note(signal.strategy_name, signal.note, settings_.risk);
  if (!change) return;
  // Info lines are checked before they are built: backtests run with info off, and the text would
  // cost more than the decision.
  if (host().log_enabled(sdk::LogLevel::info)) {
    // The note as std::to_string writes it ("%f"), without going through printf.
    std::array<char, 64> note{};
    const auto written =
        std::to_chars(note.data(), note.data() + note.size(), change->final_note, std::chars_format::fixed, 6);
    std::string line = "[" + symbol + "] new state: ";
    line.append(daily::state_name(change->state)).append(" (note ");
    if (written.ec == std::errc()) {
      line.append(note.data(), written.ptr);
    } else {
      line.append(std::to_string(change->final_note));  // a note far outside [-1, 1]: longer than the buffer
    }
    line.append(")");
    log(sdk::LogLevel::info, line);
  }
  // NEUTRAL keeps whatever is open; any other new state replaces the previous orders.
  if (change->state == sdk::SignalState::neutral) return;
  cancel_replaced_orders(symbol);
  sink.submit(sdk::Decision{symbol, change->state, change->final_note, {}});
}

void DailyTradingMode::cancel_replaced_orders(const std::string& symbol) {
  // Briefs: id, tag and side are all this needs (the full views write five decimals per order).
  for (const auto& order : orders().open_order_briefs(symbol)) {
    // In target profits mode the exits of filled entries stay: they are the position's way out.
    if (settings_.target_profits_mode && order.tag != entry_tag) continue;
    if (orders().cancel(order.id) && host().log_enabled(sdk::LogLevel::info)) {
      log(sdk::LogLevel::info, "cancelled " + std::string(modes::side_name(order.side)) + " order " + order.id +
                                   " (replaced by the new state)");
    }
  }
}

void DailyTradingMode::on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& /*sink*/) {
  // Rejections found after creation (e.g. by a live exchange) must reach the user too.
  reporter_.on_update(*this, order);
}

daily::DailyInputs DailyTradingMode::read_inputs(const sdk::Decision& decision) const {
  const modes::Pair pair = modes::parse_pair(decision.symbol);
  daily::DailyInputs inputs;
  inputs.state = decision.state;
  inputs.final_note = decision.final_note;
  // Exact reads in binary (ABI 1.4; text with an older host): the same doubles as the text gave.
  inputs.price = orders().last_price_exact(decision.symbol).to_double();
  const sdk::ExactBalance base = portfolio().balance_exact(pair.base);
  inputs.base_available = base.available.to_double();
  inputs.quote_available = portfolio().balance_exact(pair.quote).available.to_double();
  const std::string reference = portfolio().reference_market();
  inputs.base_is_reference_market = pair.base == reference;
  inputs.quote_is_reference_market = pair.quote == reference;
  inputs.portfolio_value = portfolio().value_exact().to_double();
  if (inputs.quote_is_reference_market && inputs.portfolio_value > 0) {
    inputs.base_holding_ratio = base.total.to_double() * inputs.price / inputs.portfolio_value;
  }
  const auto resolve = [&](const std::string& expression, sdk::Side side) -> std::optional<double> {
    if (expression.empty()) return std::nullopt;
    return sdk::to_double(sdk::to_decimal(portfolio().resolve_amount(decision.symbol, side, expression)));
  };
  inputs.user_buy_amount = resolve(buy_order_amount_, sdk::Side::buy);
  inputs.user_sell_amount = resolve(sell_order_amount_, sdk::Side::sell);
  return inputs;
}

void DailyTradingMode::on_decision(const sdk::Decision& decision) {
  daily::DailyInputs inputs;
  try {
    inputs = read_inputs(decision);
  } catch (const sdk::Error& error) {
    // No price yet, or an amount the portfolio cannot resolve: this state change places nothing.
    log(sdk::LogLevel::warning,
        "[" + decision.symbol + "] " + daily::state_name(decision.state) + ": no order: " + error.what());
    return;
  }
  const daily::DailyPlan plan = daily::plan_orders(settings_, inputs);
  if (!plan.entry) {
    if (!host().log_enabled(sdk::LogLevel::info)) return;
    log(sdk::LogLevel::info,
        "[" + decision.symbol + "] " + daily::state_name(decision.state) + ": no order: " + plan.nothing_because);
    return;
  }
  place(decision.symbol, plan);
}

void DailyTradingMode::place(const std::string& symbol, const daily::DailyPlan& plan) {
  const sdk::OrderRequest entry = to_request(symbol, *plan.entry, entry_tag);
  const sdk::MarketInfo market = orders().market(symbol);
  if (!(modes::floor_to_step(plan.entry->amount, market.amount_step) > 0)) {
    // Dust left by earlier orders (less than one amount step): nothing to trade, nothing wrong.
    log(sdk::LogLevel::info, "no order: " + modes::describe(entry) + " is less than one amount step (" +
                                 sdk::to_decimal(market.amount_step).text + ")");
    return;
  }
  if (const auto why = modes::below_minimum(market, plan.entry->amount, plan.entry->price)) {
    log(sdk::LogLevel::warning, "order not created: " + modes::describe(entry) + ": " + *why);
    return;
  }
  std::optional<sdk::OrderView> created;
  if (plan.oco_stop) {
    const sdk::OrderRequest stop = to_request(symbol, *plan.oco_stop, stop_tag);
    const auto views = orders().create_group(sdk::OrderGroup::one_cancels_the_other, {entry, stop});
    if (reporter_.report(*this, entry, views.at(0))) created = views.at(0);
    (void)reporter_.report(*this, stop, views.at(1));
  } else {
    created = reporter_.create(*this, entry);
  }
  if (!created || plan.chained_exits.empty()) return;

  std::vector<sdk::OrderRequest> exits;
  for (const auto& exit : plan.chained_exits) exits.push_back(to_request(symbol, exit, exit_tag(exit)));
  modes::place_exits(*this, reporter_, *created, exits);
}

}  // namespace octobot::tentacles_bundled
