#include <octobot/trading_modes/decimal_text.hpp>
#include <octobot/trading_modes/order_view.hpp>
#include <octobot/trading_modes/service_error.hpp>

#include <fmt/format.h>

#include <cstddef>
#include <cstring>
#include <iterator>
#include <string>

namespace octobot::trading_modes {
namespace {

using channel::OrderType;

bool has_limit_price(OrderType type) {
  return type == OrderType::limit || type == OrderType::stop_loss_limit || type == OrderType::take_profit_limit ||
         type == OrderType::trailing_stop_limit;
}
bool has_trigger(OrderType type) {
  return type == OrderType::stop_loss || type == OrderType::stop_loss_limit || type == OrderType::take_profit ||
         type == OrderType::take_profit_limit;
}
bool is_trailing(OrderType type) { return type == OrderType::trailing_stop || type == OrderType::trailing_stop_limit; }

// A C string from a tentacle: NULL is refused with `field` in the message.
std::string_view required_text(const char* text, std::string_view field, std::string_view example) {
  if (text == nullptr) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("{}: expected text such as \"{}\", found NULL", field, example));
  }
  return text;
}

}  // namespace

std::uint32_t to_ob_status(trading::OrderState state) noexcept {
  switch (state) {
    case trading::OrderState::open:
      return OB_ORDER_STATUS_OPEN;
    case trading::OrderState::partially_filled:
      return OB_ORDER_STATUS_PARTIALLY_FILLED;
    case trading::OrderState::filled:
      return OB_ORDER_STATUS_FILLED;
    case trading::OrderState::cancelled:
      return OB_ORDER_STATUS_CANCELED;
    case trading::OrderState::expired:
      return OB_ORDER_STATUS_EXPIRED;
    case trading::OrderState::rejected:
      return OB_ORDER_STATUS_REJECTED;
    case trading::OrderState::pending:
      break;
  }
  return OB_ORDER_STATUS_UNKNOWN;
}

std::uint32_t to_ob_status(channel::OrderStatus status) noexcept {
  // The channel's enumeration has the ABI's order and values (unknown = 0 ... expired = 6).
  return static_cast<std::uint32_t>(status);
}

namespace {

// The view of `order` but for the fields an update overrides (written by the caller).
void fill_view(ob_order_view& view, const trading::Order& order, std::string_view tag) {
  copy_text(view.id, sizeof(view.id), order.id);
  copy_text(view.symbol, sizeof(view.symbol), order.symbol);
  copy_text(view.tag, sizeof(view.tag), tag);
  view.side = order.side == channel::Side::buy ? OB_SIDE_BUY : OB_SIDE_SELL;
  view.type = static_cast<std::uint32_t>(order.type);  // same values as OB_ORDER_TYPE_*
  if (has_limit_price(order.type) && order.price.is_positive()) {
    view.price = to_ob_decimal(order.price);
  } else if (!order.trigger_price.is_zero()) {
    view.price = to_ob_decimal(order.trigger_price);
  }
  if (order.filled.is_positive()) view.average_price = to_ob_decimal(order.filled_cost / order.filled);
  view.fee = to_ob_decimal(order.fees);
  copy_text(view.fee_asset, sizeof(view.fee_asset), order.fee_asset);
  copy_text(view.reason, sizeof(view.reason), order.reason);
  view.created_ms = order.created_at_ms;
}

}  // namespace

ob_order_view to_order_view(const trading::Order& order, std::string_view tag) {
  ob_order_view view{};
  view.header = OB_HEADER_INIT(ob_order_view);
  fill_view(view, order, tag);
  view.state = to_ob_status(order.state);
  view.amount = to_ob_decimal(order.amount);
  view.filled = to_ob_decimal(order.filled);
  view.updated_ms = order.created_at_ms;
  return view;
}

ob_order_view to_order_view(const trading::Order& order, std::string_view tag, const channel::OrderMessage& update) {
  // Every order event reaches the trading mode this way: the amounts are written once, from the update.
  ob_order_view view{};
  view.header = OB_HEADER_INIT(ob_order_view);
  fill_view(view, order, tag);
  view.state = to_ob_status(update.status);
  view.amount = to_ob_decimal(update.amount);
  view.filled = to_ob_decimal(update.filled);
  view.updated_ms = update.timestamp_ms;
  return view;
}

TaggedRequest to_request(const Account& account, const ob_order_request* raw) {
  if (raw == nullptr) throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "request: expected an order request, found NULL");
  TaggedRequest out;
  trading::OrderRequest& request = out.request;
  request.symbol = std::string(required_text(raw->symbol, "symbol", "BTC/USDT"));
  (void)account.market(request.symbol);
  if (raw->side != OB_SIDE_BUY && raw->side != OB_SIDE_SELL) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("side: expected OB_SIDE_BUY (0) or OB_SIDE_SELL (1), found {}", raw->side));
  }
  request.side = raw->side == OB_SIDE_BUY ? channel::Side::buy : channel::Side::sell;
  if (raw->type < OB_ORDER_TYPE_MARKET || raw->type > OB_ORDER_TYPE_TRAILING_STOP_LIMIT) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("type: expected an OB_ORDER_TYPE_* from 1 (market) to 8 (trailing_stop_limit), "
                                   "found {}",
                                   raw->type));
  }
  request.type = static_cast<OrderType>(raw->type);
  const std::string_view type = channel::to_string(request.type);  // OB_ORDER_TYPE_* have the channel's values
  request.amount = parse_required_decimal(raw->amount, "amount");
  const auto price = parse_optional_decimal(raw->price, "price");
  const auto trigger = parse_optional_decimal(raw->trigger_price, "trigger_price");
  const auto trailing = parse_optional_decimal(raw->trailing_percent, "trailing_percent");
  const auto missing = [&](std::string_view field, std::string_view what) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT,
                       fmt::format("{}: a {} order needs {}, found empty text", field, type, what));
  };
  if (has_limit_price(request.type) && request.type != OrderType::trailing_stop_limit && !price) {
    missing("price", "a limit price");
  }
  if (has_trigger(request.type) && !trigger) missing("trigger_price", "a trigger price");
  if (is_trailing(request.type) && !trailing) missing("trailing_percent", "a trailing distance in percent");
  request.price = price.value_or(Decimal());
  request.trigger_price = trigger.value_or(Decimal());
  request.trailing_percent = trailing.value_or(Decimal());
  // A writer's struct may be shorter than ours (a later field added after it was built): no tag then.
  // (OB_HAS_FIELD is not used: its C cast trips -Wold-style-cast in C++.)
  if (raw->header.struct_size >= offsetof(ob_order_request, tag) + sizeof(raw->tag) && raw->tag != nullptr) {
    out.tag.assign(raw->tag, strnlen(raw->tag, OB_ID_CAPACITY - 1));
  }
  return out;
}

}  // namespace octobot::trading_modes
