// Trading modes for the trading_modes tests, built with the SDK alone like any third-party tentacle
// and loaded through the real host. They log what they see (the tests read the log) so that the
// tests check what crossed the ABI, not what the host meant to send.
//
//   DipBuyerMode       a note <= -0.5 buys 10% of the quote balance at market, then chains a
//                      balanced exit: a limit sell 2% above the fill and a stop-loss 2% below, on the
//                      amount received; a note >= 0.5 cancels its open orders.
//   LimitDipBuyerMode  the same with a limit entry at the last price: the exit is chained while the
//                      entry is open and appears when it fills.
//   BasketMode         exchange scope: one instance, decisions and candles for every symbol.
//   ThrowingMode       throws in the producer on a positive note and in the consumer otherwise.
//   StraySymbolMode    decides for ETH/USDT whatever symbol it was created for.
//   AlertEchoMode      ABI 1.5: each service-feed message becomes a decision carrying its body; the
//                      consumer logs what it got, on which instance.
//   AlertBasketMode    the same with exchange scope: hears every message.
#include <octobot/sdk.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace sdk = octobot::sdk;

namespace {

std::string status_name(sdk::OrderStatus status) {
  switch (status) {
    case sdk::OrderStatus::open:
      return "open";
    case sdk::OrderStatus::partially_filled:
      return "partially_filled";
    case sdk::OrderStatus::filled:
      return "filled";
    case sdk::OrderStatus::cancelled:
      return "cancelled";
    case sdk::OrderStatus::rejected:
      return "rejected";
    case sdk::OrderStatus::expired:
      return "expired";
    default:
      return "unknown";
  }
}

// The SDK reports decimals as text; the modes compute targets in double (the host rounds them).
double number(const std::string& text) { return text.empty() ? 0.0 : std::strtod(text.c_str(), nullptr); }

}  // namespace

// Submits a buy decision on a dip and a sell decision on a rally; the consumer trades them.
class DipBuyerMode : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("DipBuyerMode", "1.0.0", "tests: buys dips at market with a balanced exit");
  using TradingMode::TradingMode;

  void on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) override {
    if (!signal.description.empty()) {
      log(sdk::LogLevel::info,
          "signal from " + std::string(signal.strategy_name) + " description=" + std::string(signal.description));
    }
    if (signal.note <= -0.5) {
      sink.submit({std::string(signal.symbol), sdk::SignalState::very_long, signal.note, R"({"why":"dip"})"});
    } else if (signal.note >= 0.5) {
      sink.submit({std::string(signal.symbol), sdk::SignalState::very_short, signal.note, {}});
    }
  }

  void on_order_update(const sdk::OrderView& order, const sdk::DecisionSink& /*sink*/) override {
    log(sdk::LogLevel::info, "update " + order.tag + " " + status_name(order.status) + " filled=" + order.filled +
                                 (order.reason.empty() ? "" : " reason=" + order.reason));
  }

  void on_decision(const sdk::Decision& decision) override {
    log(sdk::LogLevel::info, "decision " + decision.symbol + " data=" + decision.data);
    if (decision.state == sdk::SignalState::very_short) {
      for (const auto& order : orders().open_orders(decision.symbol)) orders().cancel(order.id);
      return;
    }
    enter(decision.symbol);
  }

 protected:
  virtual void enter(const std::string& symbol) {
    sdk::OrderRequest entry;
    entry.symbol = symbol;
    entry.side = sdk::Side::buy;
    entry.type = sdk::OrderType::market;
    entry.amount = portfolio().resolve_amount(symbol, sdk::Side::buy, "10%");
    entry.tag = "entry";
    const sdk::OrderView placed = orders().create(entry);
    if (placed.status == sdk::OrderStatus::rejected) {
      log(sdk::LogLevel::warning, "entry rejected: " + placed.reason);
      return;
    }
    // Sell what was received: the buy's fee was taken from the base asset.
    const double received = number(placed.filled) - number(placed.fee);
    chain_exit(placed.id, symbol, received, number(placed.average_price));
  }

  void chain_exit(const std::string& parent_id, const std::string& symbol, double amount, double price) {
    sdk::OrderRequest take_profit;
    take_profit.symbol = symbol;
    take_profit.side = sdk::Side::sell;
    take_profit.type = sdk::OrderType::limit;
    take_profit.amount = sdk::to_decimal(amount).text;
    take_profit.price = sdk::to_decimal(price * 1.02).text;
    take_profit.tag = "take-profit";
    sdk::OrderRequest stop_loss = take_profit;
    stop_loss.type = sdk::OrderType::stop_loss;
    stop_loss.price.clear();
    stop_loss.trigger_price = sdk::to_decimal(price * 0.98).text;
    stop_loss.tag = "stop-loss";
    orders().chain(parent_id, sdk::OrderGroup::balanced_take_profit_stop_loss, {take_profit, stop_loss});
  }
};

class LimitDipBuyerMode final : public DipBuyerMode {
 public:
  OCTOBOT_TENTACLE_CLASS("LimitDipBuyerMode", "1.0.0", "tests: buys dips with a limit order and a chained exit");
  using DipBuyerMode::DipBuyerMode;

 protected:
  void enter(const std::string& symbol) override {
    const sdk::MarketInfo market = orders().market(symbol);
    sdk::OrderRequest entry;
    entry.symbol = symbol;
    entry.side = sdk::Side::buy;
    entry.type = sdk::OrderType::limit;
    entry.amount = portfolio().resolve_amount(symbol, sdk::Side::buy, "10%");
    entry.price = orders().last_price(symbol);
    entry.tag = "entry";
    const sdk::OrderView placed = orders().create(entry);
    if (placed.status == sdk::OrderStatus::rejected) {
      log(sdk::LogLevel::warning, "entry rejected: " + placed.reason);
      return;
    }
    // A maker fill pays the maker fee in base: that much less to sell.
    const double received = number(placed.amount) * (1.0 - market.maker_fee);
    chain_exit(placed.id, symbol, received, number(placed.price));
  }
};

class BasketMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("BasketMode", "1.0.0", "tests: one instance for the whole exchange");
  static constexpr std::uint32_t scope = OB_SCOPE_EXCHANGE;
  using TradingMode::TradingMode;

  void on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) override {
    sink.submit({std::string(signal.symbol), sdk::SignalState::neutral, signal.note, {}});
  }
  void on_candle(const sdk::Candles& candles, const sdk::DecisionSink& /*sink*/) override {
    log(sdk::LogLevel::info, "basket candle " + std::string(candles.symbol()) +
                                 " count=" + std::to_string(candles.size()) +
                                 " last close=" + std::to_string(candles.close().back()));
  }
  void on_decision(const sdk::Decision& decision) override {
    log(sdk::LogLevel::info, "basket decision " + decision.symbol + " on instance symbol '" + context().symbol + "'");
  }
};

// Decides for a symbol it was not created for: the host refuses the decision.
class StraySymbolMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("StraySymbolMode", "1.0.0", "tests: submits decisions for another symbol");
  using TradingMode::TradingMode;

  void on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) override {
    sink.submit({"ETH/USDT", sdk::SignalState::very_long, signal.note, {}});
  }
  void on_decision(const sdk::Decision& decision) override {
    log(sdk::LogLevel::info, "stray decision " + decision.symbol + " on " + context().symbol);
  }
};

class ThrowingMode final : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("ThrowingMode", "1.0.0", "tests: throws from both halves");
  using TradingMode::TradingMode;

  void on_strategy_signal(const sdk::StrategySignal& signal, const sdk::DecisionSink& sink) override {
    if (signal.note > 0) throw std::runtime_error("producer boom on " + std::string(signal.symbol));
    sink.submit({std::string(signal.symbol), sdk::SignalState::long_, signal.note, {}});
  }
  void on_decision(const sdk::Decision& /*decision*/) override { throw std::logic_error("consumer boom"); }
};

class AlertEchoMode : public sdk::TradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("AlertEchoMode", "1.0.0", "tests: echoes service-feed messages through its decisions");
  static constexpr bool wants_service_feed = true;
  using TradingMode::TradingMode;

  void on_service_feed(const sdk::ServiceFeedMessage& message, const sdk::DecisionSink& sink) override {
    log(sdk::LogLevel::info, "heard " + std::string(message.service) + "/" + std::string(message.feed) + " symbol '" +
                                 std::string(message.symbol) + "' written '" + std::string(message.alert_symbol) +
                                 "' action '" + std::string(message.action) + "' on instance '" + context().symbol +
                                 "'");
    const std::string symbol = message.symbol.empty() ? context().symbol : std::string(message.symbol);
    sink.submit({symbol, sdk::SignalState::very_long, -1, "{\"body\":\"" + std::string(message.body) + "\"}"});
  }
  void on_decision(const sdk::Decision& decision) override {
    log(sdk::LogLevel::info,
        "decision " + decision.symbol + " data=" + decision.data + " on instance '" + context().symbol + "'");
  }
};

class AlertBasketMode final : public AlertEchoMode {
 public:
  OCTOBOT_TENTACLE_CLASS("AlertBasketMode", "1.0.0", "tests: exchange-scope service-feed listener");
  static constexpr std::uint32_t scope = OB_SCOPE_EXCHANGE;
  using AlertEchoMode::AlertEchoMode;
};

OCTOBOT_TENTACLE_LIBRARY(DipBuyerMode, LimitDipBuyerMode, BasketMode, ThrowingMode, StraySymbolMode, AlertEchoMode,
                         AlertBasketMode)
