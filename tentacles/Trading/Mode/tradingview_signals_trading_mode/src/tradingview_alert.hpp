// A TradingView alert as OctoBot's TradingViewSignalsTradingMode reads it: KEY=value pairs, one per
// line or separated by ';' (keys in any case), or a flat JSON object of the same keys (with
// TradingView's "ticker" and "action" accepted for SYMBOL and SIGNAL):
//
//   EXCHANGE=binance        optional: the alert is ignored by a mode trading on another exchange
//   SYMBOL=BTCUSDT          optional: "BTCUSDT", "BTC/USDT" and "BTC-USDT" all name BTC/USDT
//   SIGNAL=BUY              required: BUY, SELL or CANCEL
//   ORDER_TYPE=LIMIT        optional: MARKET or LIMIT (default: the mode's use_market_orders)
//   VOLUME=12%              optional: OctoBot's amount syntax (0.1, 100q, 12%, 12a%, 12t%, 12p%)
//   PRICE=42000             optional: the limit price (default: near the current price)
//   STOP_PRICE=38000        optional, BUY only: a stop-loss exit for the bought amount
//   TAKE_PROFIT_PRICE=45000 optional, BUY only: a take-profit exit (with STOP_PRICE: one cancels the other)
//   TAG=my-entry            optional: kept on the orders; with CANCEL, only the orders with this tag
//
// Other keys are kept in `ignored_keys` (TradingView alerts often carry more) and change nothing.
// Pure text handling, no SDK: the parser is tested on its own.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::tentacles_bundled::tradingview {

enum class Signal { buy, sell, cancel };
enum class OrderKind { market, limit };

// A bad alert: the message names the key and the value at fault.
class AlertError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct Alert {
  std::string exchange;  // as written; empty when absent
  std::string symbol;    // as written; empty when absent
  Signal signal = Signal::buy;
  std::optional<OrderKind> order_type;
  std::string volume;  // amount syntax, checked; empty when absent
  std::string price;   // positive decimal text; empty when absent
  std::string stop_price;
  std::string take_profit_price;
  std::string tag;
  std::vector<std::string> ignored_keys;
};

// Throws AlertError when the alert cannot be traded as written.
[[nodiscard]] Alert parse_alert(std::string_view body);

// "BTCUSDT", "btc/usdt", "BTC-USDT", "BTC_USDT" -> "BTCUSDT": the form two symbols are compared in.
[[nodiscard]] std::string compact_symbol(std::string_view symbol);

// The alert as the flat JSON a decision carries from producer to consumer, and back.
[[nodiscard]] std::string to_decision_data(const Alert& alert);
[[nodiscard]] Alert from_decision_data(std::string_view data);

[[nodiscard]] const char* signal_name(Signal signal) noexcept;

}  // namespace octobot::tentacles_bundled::tradingview
