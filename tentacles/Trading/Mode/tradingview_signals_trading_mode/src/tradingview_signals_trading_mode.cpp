#include "tradingview_signals_trading_mode.hpp"

#include <algorithm>
#include <cctype>
#include <octobot_modes/amount_syntax.hpp>
#include <octobot_modes/exchange_rules.hpp>
#include <octobot_modes/exits.hpp>
#include <octobot_modes/order_outcome.hpp>
#include <octobot_modes/pair.hpp>
#include <vector>

namespace octobot::tentacles_bundled {

namespace {

using tradingview::Alert;
using tradingview::OrderKind;
using tradingview::Signal;

bool same_text_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// OctoBot's states for the decision: market orders are the "very" states, as in the daily mode.
sdk::SignalState state_of(const Alert& alert, bool market) {
  switch (alert.signal) {
    case Signal::buy:
      return market ? sdk::SignalState::very_long : sdk::SignalState::long_;
    case Signal::sell:
      return market ? sdk::SignalState::very_short : sdk::SignalState::short_;
    case Signal::cancel:
      break;
  }
  return sdk::SignalState::neutral;
}

double note_of(sdk::SignalState state) {
  switch (state) {
    case sdk::SignalState::very_long:
      return -1;
    case sdk::SignalState::long_:
      return -0.5;
    case sdk::SignalState::short_:
      return 0.5;
    case sdk::SignalState::very_short:
      return 1;
    default:
      return 0;
  }
}

}  // namespace

void TradingViewSignalsTradingMode::configure(const sdk::Config& config) {
  Settings settings;
  settings.use_market_orders = config.boolean("use_market_orders", true);
  settings.use_maximum_size_orders = config.boolean("use_maximum_size_orders", false);
  settings.cancel_previous_orders = config.boolean("cancel_previous_orders", false);
  settings.close_to_current_price_difference = config.number("close_to_current_price_difference", 0.005);
  if (!(settings.close_to_current_price_difference >= 0 && settings.close_to_current_price_difference < 1)) {
    throw sdk::ConfigError("'close_to_current_price_difference' must be in [0, 1), got " +
                           std::to_string(settings.close_to_current_price_difference));
  }
  settings.buy_order_amount = config.string("buy_order_amount", "10%");
  settings.sell_order_amount = config.string("sell_order_amount", "100%");
  modes::check_amount_syntax("buy_order_amount", settings.buy_order_amount);
  modes::check_amount_syntax("sell_order_amount", settings.sell_order_amount);
  if (settings.buy_order_amount.empty() || settings.sell_order_amount.empty()) {
    throw sdk::ConfigError(
        "'buy_order_amount' and 'sell_order_amount' are the sizes of alerts without VOLUME: "
        "they cannot be empty");
  }
  settings_ = settings;
}

void TradingViewSignalsTradingMode::on_service_feed(const sdk::ServiceFeedMessage& message,
                                                    const sdk::DecisionSink& sink) {
  const std::string symbol = context().symbol;
  const std::string where = "alert on webhook " + std::string(message.feed) + " for " + symbol;
  Alert alert;
  try {
    alert = tradingview::parse_alert(message.body);
  } catch (const tradingview::AlertError& error) {
    log(sdk::LogLevel::error, where + " not traded: " + error.what());
    return;
  }
  if (!alert.exchange.empty() && !same_text_ignoring_case(alert.exchange, context().exchange)) {
    log(sdk::LogLevel::info,
        where + " ignored: EXCHANGE=" + alert.exchange + ", this mode trades on " + context().exchange);
    return;
  }
  if (!alert.symbol.empty() && tradingview::compact_symbol(alert.symbol) != tradingview::compact_symbol(symbol)) {
    log(sdk::LogLevel::info, where + " ignored: SYMBOL=" + alert.symbol + " is not " + symbol);
    return;
  }
  if (!alert.ignored_keys.empty() && host().log_enabled(sdk::LogLevel::debug)) {
    std::string keys;
    for (const auto& key : alert.ignored_keys) keys += (keys.empty() ? "" : ", ") + key;
    log(sdk::LogLevel::debug, where + ": keys not used: " + keys);
  }
  const bool market = alert.order_type ? *alert.order_type == OrderKind::market : settings_.use_market_orders;
  alert.order_type = market ? OrderKind::market : OrderKind::limit;
  const sdk::SignalState state = state_of(alert, market);
  log(sdk::LogLevel::info, where + ": " + tradingview::signal_name(alert.signal) +
                               (alert.signal == Signal::cancel ? ""
                                : market                       ? " at market"
                                                               : " limit"));
  sink.submit(sdk::Decision{symbol, state, note_of(state), tradingview::to_decision_data(alert)});
}

void TradingViewSignalsTradingMode::on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& /*sink*/) {
  reporter_.on_update(*this, order);
}

void TradingViewSignalsTradingMode::on_decision(const sdk::Decision& decision) {
  Alert alert;
  try {
    alert = tradingview::from_decision_data(decision.data);
  } catch (const std::invalid_argument& error) {  // AlertError or a data text that is not flat JSON
    log(sdk::LogLevel::error, "[" + decision.symbol + "] decision not traded: " + error.what());
    return;
  }
  if (alert.signal == Signal::cancel) {
    cancel(decision.symbol, alert.tag, "CANCEL alert");
    return;
  }
  if (settings_.cancel_previous_orders) cancel(decision.symbol, {}, "replaced by a new alert");
  try {
    place(decision.symbol, alert);
  } catch (const sdk::Error& error) {
    // No price yet, an amount the portfolio cannot resolve: this alert places nothing.
    log(sdk::LogLevel::warning,
        "[" + decision.symbol + "] " + tradingview::signal_name(alert.signal) + " alert: no order: " + error.what());
  }
}

void TradingViewSignalsTradingMode::cancel(const std::string& symbol, const std::string& tag, const char* why) {
  std::size_t cancelled = 0;
  for (const auto& order : orders().open_order_briefs(symbol)) {
    // With a TAG, only the orders of that tag and their exits (whose tags start with it).
    if (!tag.empty() && order.tag.rfind(tag, 0) != 0) continue;
    if (orders().cancel(order.id)) {
      ++cancelled;
      log(sdk::LogLevel::info, "cancelled " + std::string(modes::side_name(order.side)) + " order " + order.id +
                                   (order.tag.empty() ? "" : " (" + order.tag + ")") + ": " + why);
    }
  }
  if (cancelled == 0) {
    log(sdk::LogLevel::info,
        "[" + symbol + "] " + why + ": no open order" + (tag.empty() ? "" : " tagged " + tag) + " to cancel");
  }
}

std::string TradingViewSignalsTradingMode::limit_price(const std::string& symbol, const Alert& alert) const {
  if (!alert.price.empty()) return alert.price;
  // No PRICE: close to the current price, on the side that waits (below for a buy, above for a sell).
  const double price = orders().last_price_exact(symbol).to_double();
  const double distance = settings_.close_to_current_price_difference;
  return sdk::to_decimal(price * (alert.signal == Signal::buy ? 1 - distance : 1 + distance)).text;
}

void TradingViewSignalsTradingMode::place(const std::string& symbol, const Alert& alert) {
  const sdk::Side side = alert.signal == Signal::buy ? sdk::Side::buy : sdk::Side::sell;
  std::string volume = alert.volume;
  if (volume.empty()) {
    if (settings_.use_maximum_size_orders) {
      volume = "100%";
    } else {
      volume = side == sdk::Side::buy ? settings_.buy_order_amount : settings_.sell_order_amount;
    }
  }
  sdk::OrderRequest entry;
  entry.symbol = symbol;
  entry.side = side;
  entry.type = *alert.order_type == OrderKind::market ? sdk::OrderType::market : sdk::OrderType::limit;
  entry.amount = portfolio().resolve_amount(symbol, side, volume);
  if (entry.type == sdk::OrderType::limit) entry.price = limit_price(symbol, alert);
  entry.tag = alert.tag.empty() ? default_tag : alert.tag;

  const double amount = sdk::to_double(sdk::to_decimal(entry.amount));
  const double price = entry.price.empty() ? orders().last_price_exact(symbol).to_double()
                                           : sdk::to_double(sdk::to_decimal(entry.price));
  if (!alert.stop_price.empty() && !(sdk::to_double(sdk::to_decimal(alert.stop_price)) < price)) {
    log(sdk::LogLevel::error, "[" + symbol + "] BUY alert not traded: STOP_PRICE " + alert.stop_price +
                                  " is not below the entry price " + sdk::to_decimal(price).text);
    return;
  }
  if (!alert.take_profit_price.empty() && !(sdk::to_double(sdk::to_decimal(alert.take_profit_price)) > price)) {
    log(sdk::LogLevel::error, "[" + symbol + "] BUY alert not traded: TAKE_PROFIT_PRICE " + alert.take_profit_price +
                                  " is not above the entry price " + sdk::to_decimal(price).text);
    return;
  }
  const sdk::MarketInfo market = orders().market(symbol);
  if (const auto why = modes::below_minimum(market, amount, price)) {
    log(sdk::LogLevel::warning, "order not created: " + modes::describe(entry) + " (VOLUME " + volume + "): " + *why);
    return;
  }
  const std::optional<sdk::OrderView> created = reporter_.create(*this, entry);
  if (!created || (alert.stop_price.empty() && alert.take_profit_price.empty())) return;
  place_exits(symbol, alert, *created, entry.tag);
}

void TradingViewSignalsTradingMode::place_exits(const std::string& symbol, const Alert& alert,
                                                const sdk::OrderView& entry, const std::string& tag) {
  // The bought amount leaves through the exits: what filled for a market entry, all of it for a limit.
  const std::string amount = entry.is_open() || entry.filled.empty() ? entry.amount : entry.filled;
  // A sell of the bought amount; a stop's price is its trigger too.
  const auto exit_order = [&](sdk::OrderType type, const std::string& price, const std::string& trigger,
                              const char* tag_suffix) {
    sdk::OrderRequest exit;
    exit.symbol = symbol;
    exit.side = sdk::Side::sell;
    exit.type = type;
    exit.amount = amount;
    exit.price = price;
    exit.trigger_price = trigger;
    exit.tag = tag + tag_suffix;
    return exit;
  };
  std::vector<sdk::OrderRequest> exits;
  if (!alert.take_profit_price.empty()) {
    exits.push_back(exit_order(sdk::OrderType::limit, alert.take_profit_price, {}, "-take-profit"));
  }
  if (!alert.stop_price.empty()) {
    exits.push_back(exit_order(sdk::OrderType::stop_loss, alert.stop_price, alert.stop_price, "-stop-loss"));
  }
  modes::place_exits(*this, reporter_, entry, exits);
}

}  // namespace octobot::tentacles_bundled
