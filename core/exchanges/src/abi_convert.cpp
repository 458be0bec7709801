#include "abi_convert.hpp"

#include <octobot/trading_modes/decimal_text.hpp>

#include <cstring>

namespace octobot::exchanges::detail {
namespace {

// Digits after the point of a step ("0.01" -> 2, "1" -> 0); 8 when the exchange gives none.
int decimals_of(const ob_decimal& step) {
  const Decimal value = decimal(step);
  if (value <= Decimal()) return 8;
  const std::string text = value.to_string();
  const auto point = text.find('.');
  return point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

ob_decimal optional_decimal(const Decimal& value) {
  if (value == Decimal()) return ob_decimal{};
  return trading_modes::to_ob_decimal(value);
}

template <typename Enum>
Enum checked_enum(std::uint32_t raw, std::uint32_t last, Enum fallback) {
  return raw <= last ? static_cast<Enum>(raw) : fallback;
}

}  // namespace

std::string fixed_text(const char* text, std::size_t capacity) {
  if (text == nullptr) return {};
  return std::string(text, strnlen(text, capacity));
}

Decimal decimal(const ob_decimal& value) {
  const auto text = trading_modes::decimal_text(value);
  if (text.empty()) return Decimal();
  return Decimal::from_string(text);
}

trading::Market to_market(const ob_exchange_market& market) {
  trading::Market out;
  out.symbol = fixed_text(market.symbol, OB_SYMBOL_CAPACITY);
  if (market.info == nullptr) throw std::invalid_argument("market " + out.symbol + " has no trading rules");
  const ob_market_info& info = *market.info;
  out.base = fixed_text(info.base, OB_ASSET_CAPACITY);
  out.quote = fixed_text(info.quote, OB_ASSET_CAPACITY);
  out.price_decimals = decimals_of(info.price_tick);
  out.amount_decimals = decimals_of(info.amount_step);
  out.min_amount = decimal(info.min_amount);
  out.min_cost = decimal(info.min_cost);
  out.maker_fee = decimal(info.maker_fee);
  out.taker_fee = decimal(info.taker_fee);
  return out;
}

CandleEvent to_candle(const ob_exchange_candle& candle) {
  CandleEvent out;
  out.symbol = fixed_text(candle.symbol, OB_SYMBOL_CAPACITY);
  out.time_frame = fixed_text(candle.time_frame, 16);
  out.open_time_ms = candle.candle.open_time_ms;
  out.open = decimal(candle.candle.open);
  out.high = decimal(candle.candle.high);
  out.low = decimal(candle.candle.low);
  out.close = decimal(candle.candle.close);
  out.volume = decimal(candle.candle.volume);
  out.closed = candle.closed != 0;
  out.from_rest = candle.from_rest != 0;
  return out;
}

ClientOrder to_order(const ob_order_view& view, const char* exchange_order_id) {
  ClientOrder out;
  out.client_order_id = fixed_text(view.id, OB_ID_CAPACITY);
  out.exchange_order_id = fixed_text(exchange_order_id, OB_ID_CAPACITY);
  out.symbol = fixed_text(view.symbol, OB_SYMBOL_CAPACITY);
  out.side = view.side == OB_SIDE_SELL ? channel::Side::sell : channel::Side::buy;
  // OB_ORDER_TYPE_* and OB_ORDER_STATUS_* are numbered like the channel enums.
  out.type = checked_enum(view.type, OB_ORDER_TYPE_TRAILING_STOP_LIMIT, channel::OrderType::unknown);
  out.status = checked_enum(view.state, OB_ORDER_STATUS_EXPIRED, channel::OrderStatus::unknown);
  out.amount = decimal(view.amount);
  out.filled = decimal(view.filled);
  out.price = decimal(view.price);
  out.average_price = decimal(view.average_price);
  out.fee = decimal(view.fee);
  out.fee_asset = fixed_text(view.fee_asset, OB_ASSET_CAPACITY);
  out.reason = fixed_text(view.reason, OB_REASON_CAPACITY);
  out.created_ms = view.created_ms;
  out.updated_ms = view.updated_ms;
  return out;
}

ClientFill to_fill(std::string client_order_id, const ob_exchange_fill& fill) {
  ClientFill out;
  out.trade_id = fixed_text(fill.trade_id, OB_ID_CAPACITY);
  out.client_order_id = std::move(client_order_id);
  out.time_ms = fill.time_ms;
  out.price = decimal(fill.price);
  out.amount = decimal(fill.amount);
  out.fee = decimal(fill.fee);
  out.fee_asset = fixed_text(fill.fee_asset, OB_ASSET_CAPACITY);
  out.maker = fill.maker != 0;
  return out;
}

AssetBalance to_balance(const ob_asset_balance& balance) {
  return {fixed_text(balance.asset, OB_ASSET_CAPACITY), decimal(balance.total), decimal(balance.available)};
}

KeyPermissions to_permissions(const ob_key_permissions& permissions) {
  KeyPermissions out;
  out.known = permissions.known != 0;
  out.can_read = permissions.can_read != 0;
  out.can_trade = permissions.can_trade != 0;
  out.can_withdraw = permissions.can_withdraw != 0;
  out.ip_restricted = permissions.ip_restricted != 0;
  out.detail = fixed_text(permissions.detail, OB_REASON_CAPACITY);
  return out;
}

ob_order_view empty_view() {
  ob_order_view view{};
  view.header = OB_HEADER_INIT(ob_order_view);
  return view;
}

RawRequest::RawRequest(const trading::OrderRequest& order) : symbol(order.symbol) {
  request.header = OB_HEADER_INIT(ob_order_request);
  request.symbol = symbol.c_str();
  request.side = order.side == channel::Side::sell ? OB_SIDE_SELL : OB_SIDE_BUY;
  request.type = static_cast<std::uint32_t>(order.type);
  request.amount = trading_modes::to_ob_decimal(order.amount);
  request.price = optional_decimal(order.price);
  request.trigger_price = optional_decimal(order.trigger_price);
  request.trailing_percent = optional_decimal(order.trailing_percent);
  request.tag = nullptr;
}

}  // namespace octobot::exchanges::detail
