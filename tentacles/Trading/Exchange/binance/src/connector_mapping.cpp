#include "connector_mapping.hpp"

#include <array>
#include <string_view>

#include "decimal_text.hpp"

namespace octobot::binance::connector {

ob_status status_of(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::network:
    case ErrorKind::certificate_refused:
      return OB_ERROR_EXCHANGE_NETWORK;
    case ErrorKind::invalid_api_key:
    case ErrorKind::invalid_signature:
      return OB_ERROR_EXCHANGE_AUTH;
    case ErrorKind::rate_limited:
      return OB_ERROR_EXCHANGE_RATE_LIMITED;
    case ErrorKind::ip_banned:
      return OB_ERROR_EXCHANGE_BANNED;
    case ErrorKind::clock_skew:
      return OB_ERROR_EXCHANGE_CLOCK_SKEW;
    case ErrorKind::server_error:
    case ErrorKind::unexpected_response:
      return OB_ERROR_EXCHANGE_UNAVAILABLE;
    case ErrorKind::unknown_order:
      return OB_ERROR_EXCHANGE_UNKNOWN_ORDER;
    case ErrorKind::insufficient_balance:
    case ErrorKind::duplicate_order:
    case ErrorKind::filter_failure:
    case ErrorKind::invalid_request:
      return OB_ERROR_INVALID_ARGUMENT;
  }
  return OB_ERROR_GENERIC;
}

bool is_interval(const std::string& time_frame) noexcept {
  static constexpr std::array<std::string_view, 16> intervals = {"1s", "1m", "3m", "5m",  "15m", "30m", "1h", "2h",
                                                                 "4h", "6h", "8h", "12h", "1d",  "3d",  "1w", "1M"};
  for (const auto interval : intervals) {
    if (interval == time_frame) return true;
  }
  return false;
}

sdk::OrderStatus order_status(const std::string& s) noexcept {
  if (s == "NEW" || s == "PENDING_NEW" || s == "PENDING_CANCEL") return sdk::OrderStatus::open;
  if (s == "PARTIALLY_FILLED") return sdk::OrderStatus::partially_filled;
  if (s == "FILLED") return sdk::OrderStatus::filled;
  if (s == "CANCELED") return sdk::OrderStatus::cancelled;
  if (s == "REJECTED") return sdk::OrderStatus::rejected;
  if (s == "EXPIRED" || s == "EXPIRED_IN_MATCH") return sdk::OrderStatus::expired;
  return sdk::OrderStatus::unknown;
}

sdk::OrderType order_type(const std::string& t) noexcept {
  if (t == "LIMIT" || t == "LIMIT_MAKER") return sdk::OrderType::limit;
  if (t == "MARKET") return sdk::OrderType::market;
  if (t == "STOP_LOSS") return sdk::OrderType::stop_loss;
  if (t == "STOP_LOSS_LIMIT") return sdk::OrderType::stop_loss_limit;
  if (t == "TAKE_PROFIT") return sdk::OrderType::take_profit;
  if (t == "TAKE_PROFIT_LIMIT") return sdk::OrderType::take_profit_limit;
  return static_cast<sdk::OrderType>(OB_ORDER_TYPE_UNKNOWN);
}

namespace {

// A market order's price is "0.00000000": no price, not a price of zero.
std::string price_text(const std::string& price) {
  const std::string value = normalize(price);
  return value == "0" ? std::string() : value;
}

std::string average(const std::string& quote, const std::string& filled) {
  return filled.empty() || is_zero(filled) || quote.empty() ? std::string() : divide(quote, filled);
}

}  // namespace

sdk::OrderView to_view(const Order& order, const std::string& symbol, const std::string& client_order_id) {
  sdk::OrderView view;
  view.id = client_order_id;
  view.symbol = symbol;
  view.side = order.side == "SELL" ? sdk::Side::sell : sdk::Side::buy;
  view.type = order_type(order.type);
  view.status = order_status(order.status);
  view.amount = normalize(order.orig_qty);
  view.filled = normalize(order.executed_qty);
  view.price = price_text(order.price);
  view.average_price = average(order.cumulative_quote_qty, order.executed_qty);
  view.created_ms = order.time_ms;
  view.updated_ms = order.update_time_ms != 0 ? order.update_time_ms : order.time_ms;
  return view;
}

sdk::OrderView to_view(const ExecutionReport& report, const std::string& symbol, const std::string& client_order_id) {
  sdk::OrderView view;
  view.id = client_order_id;
  view.symbol = symbol;
  view.side = report.side == "SELL" ? sdk::Side::sell : sdk::Side::buy;
  view.type = order_type(report.order_type);
  view.status = order_status(report.order_status);
  view.amount = normalize(report.quantity);
  view.filled = normalize(report.cumulative_quantity);
  view.price = price_text(report.price);
  view.average_price = average(report.cumulative_quote, report.cumulative_quantity);
  view.created_ms = report.order_created_ms;
  view.updated_ms = report.transaction_time_ms;
  if (view.status == sdk::OrderStatus::cancelled) view.reason = "cancelled";
  if (view.status == sdk::OrderStatus::expired) view.reason = "expired (" + report.time_in_force + ")";
  return view;
}

sdk::ExchangeCandle to_candle(const Kline& kline, const std::string& symbol, const std::string& time_frame) {
  sdk::ExchangeCandle candle;
  candle.symbol = symbol;
  candle.time_frame = time_frame;
  candle.open_time_ms = kline.open_time_ms;
  candle.open = normalize(kline.open);
  candle.high = normalize(kline.high);
  candle.low = normalize(kline.low);
  candle.close = normalize(kline.close);
  candle.volume = normalize(kline.volume);
  return candle;
}

sdk::AssetBalance to_balance(const Balance& balance) {
  return {balance.asset, add(balance.free, balance.locked), normalize(balance.free)};
}

}  // namespace octobot::binance::connector
