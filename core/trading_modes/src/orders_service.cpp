#include <octobot/commons/logging.hpp>
#include <octobot/trading_modes/decimal_text.hpp>
#include <octobot/trading_modes/order_view.hpp>
#include <octobot/trading_modes/orders_service.hpp>
#include <octobot/trading_modes/service_error.hpp>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "service_guard.hpp"

namespace octobot::trading_modes {
namespace {

using detail::guarded;

const AccountSet& accounts_of(void* context) { return *static_cast<const AccountSet*>(context); }

void require_out(const void* out, std::string_view what) {
  if (out == nullptr) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT, fmt::format("{}: expected a buffer to write into, found NULL", what));
  }
}

std::string_view required_symbol(const char* symbol) {
  if (symbol == nullptr) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "symbol: expected text such as \"BTC/USDT\", found NULL");
  }
  return symbol;
}

std::optional<trading::OrderGroupKind> to_group(uint32_t group, bool allow_none) {
  switch (group) {
    case OB_GROUP_ONE_CANCELS_THE_OTHER:
      return trading::OrderGroupKind::one_cancels_the_other;
    case OB_GROUP_BALANCED_TAKE_PROFIT_STOP_LOSS:
      return trading::OrderGroupKind::balanced_take_profit_stop_loss;
    case OB_GROUP_NONE:
      if (allow_none) return std::nullopt;
      break;
    default:
      break;
  }
  throw ServiceError(OB_ERROR_INVALID_ARGUMENT, fmt::format("group: expected {}OB_GROUP_ONE_CANCELS_THE_OTHER (1) or "
                                                            "OB_GROUP_BALANCED_TAKE_PROFIT_STOP_LOSS (2), found {}",
                                                            allow_none ? "OB_GROUP_NONE (0), " : "", group));
}

std::vector<TaggedRequest> to_requests(const Account& account, const ob_order_request* requests, uint64_t count) {
  if (requests == nullptr && count > 0) {
    throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "requests: expected an array of order requests, found NULL");
  }
  std::vector<TaggedRequest> out;
  out.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    try {
      out.push_back(to_request(account, &requests[i]));
    } catch (const ServiceError& error) {
      throw ServiceError(error.status(), fmt::format("request {}: {}", i, error.what()));
    }
  }
  return out;
}

Decimal decimal_step(int decimals) {
  // 10^-decimals: 2 decimals is a 0.01 step, -1 a step of 10. The usual precisions (0 to 18
  // decimals) are one raw power of ten: modes read the market rules at every decision.
  if (decimals >= 0 && decimals <= Decimal::kFractionalDigits) {
    Decimal::Raw raw = 1;
    for (int i = decimals; i < Decimal::kFractionalDigits; ++i) raw *= 10;
    return Decimal::from_raw(raw);
  }
  return Decimal::from_string(fmt::format("1e{}", -decimals));
}

// A market's fields as `market` (ABI 1.0, decimal text) and `market_rules` (1.4, exact binary) give
// them: the same fields, each decimal through `convert`. The caller sets the header.
template <typename Out, typename Convert>
Out market_fields(const trading::Market& market, Convert convert) {
  Out out{};
  copy_text(out.base, sizeof(out.base), market.base);
  copy_text(out.quote, sizeof(out.quote), market.quote);
  out.price_tick = convert(decimal_step(market.price_decimals));
  out.amount_step = convert(decimal_step(market.amount_decimals));
  out.min_amount = convert(market.min_amount);
  out.min_cost = convert(market.min_cost);
  out.maker_fee = convert(market.maker_fee);
  out.taker_fee = convert(market.taker_fee);
  return out;
}

// The price `last_price` and `last_price_fixed` report; OB_ERROR_STATE before the first one.
Decimal required_price(const Account& account, std::string_view symbol) {
  (void)account.market(symbol);
  const std::optional<Decimal> price = account.last_price(symbol);
  if (!price) throw ServiceError(OB_ERROR_STATE, fmt::format("no price for {} yet", symbol));
  return *price;
}

}  // namespace

OrdersService::OrdersService(const AccountSet& accounts)
    : accounts_(accounts),
      table_{OB_HEADER_INIT(ob_orders_service_v1),
             const_cast<AccountSet*>(&accounts_),  // the C table's context is void*; never written through
             &OrdersService::create,
             &OrdersService::create_group,
             &OrdersService::chain,
             &OrdersService::cancel,
             &OrdersService::open_orders,
             &OrdersService::market,
             &OrdersService::last_price,
             &OrdersService::market_rules,
             &OrdersService::last_price_fixed,
             &OrdersService::open_order_briefs} {}

ob_status OrdersService::create(void* context, const ob_account* account, const ob_order_request* request,
                                ob_order_view* out, ob_error* error) {
  return guarded(error, "orders/1 create", [&] {
    Account& target = accounts_of(context).get(account);
    require_out(out, "out");
    const TaggedRequest tagged = to_request(target, request);
    const trading::Order& order = target.create(tagged);
    *out = to_order_view(order, tagged.tag);
  });
}

ob_status OrdersService::create_group(void* context, const ob_account* account, uint32_t group,
                                      const ob_order_request* requests, uint64_t count, ob_order_view* out,
                                      ob_error* error) {
  return guarded(error, "orders/1 create_group", [&] {
    Account& target = accounts_of(context).get(account);
    require_out(out, "out");
    const auto kind = to_group(group, false);
    const std::vector<TaggedRequest> tagged = to_requests(target, requests, count);
    const std::vector<const trading::Order*> orders = target.create_group(*kind, tagged);
    for (std::size_t i = 0; i < orders.size(); ++i) out[i] = to_order_view(*orders[i], tagged[i].tag);
  });
}

ob_status OrdersService::chain(void* context, const ob_account* account, const char* parent_id, uint32_t group,
                               const ob_order_request* requests, uint64_t count, ob_error* error) {
  return guarded(error, "orders/1 chain", [&] {
    Account& target = accounts_of(context).get(account);
    if (parent_id == nullptr) {
      throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "parent_id: expected an order id, found NULL");
    }
    const auto kind = to_group(group, true);
    (void)target.chain(parent_id, kind, to_requests(target, requests, count));
  });
}

ob_status OrdersService::cancel(void* context, const ob_account* account, const char* order_id, ob_error* error) {
  bool cancelled = true;
  const ob_status status = guarded(error, "orders/1 cancel", [&] {
    Account& target = accounts_of(context).get(account);
    if (order_id == nullptr)
      throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "order_id: expected an order id, found NULL");
    cancelled = target.cancel(order_id);
  });
  if (status != OB_OK || cancelled) return status;
  // An expected outcome (a group member already cancelled with its group, an order that just
  // filled), common in a run: a status, not an exception (throwing cost more than the cancel).
  detail::write_error(error, fmt::format("orders/1 cancel: no open order \"{}\" on this account", order_id));
  return OB_ERROR_NOT_FOUND;
}

uint64_t OrdersService::open_orders(void* context, const ob_account* account, const char* symbol, ob_order_view* out,
                                    uint64_t capacity) {
  // No error channel in this signature: a bad account reads as no orders, and is logged.
  uint64_t total = 0;
  ob_error error{};
  const ob_status status = guarded(&error, "orders/1 open_orders", [&] {
    const Account& target = accounts_of(context).get(account);
    const std::vector<const trading::Order*> orders = target.open_orders(symbol != nullptr ? symbol : "");
    total = orders.size();
    if (out == nullptr) return;
    for (uint64_t i = 0; i < total && i < capacity; ++i) out[i] = to_order_view(*orders[i], target.tag(orders[i]->id));
  });
  if (status != OB_OK) {
    commons::log(commons::LogLevel::warning, "trading_modes", error.message);
    return 0;
  }
  return total;
}

ob_status OrdersService::market(void* context, const ob_account* account, const char* symbol, ob_market_info* out,
                                ob_error* error) {
  return guarded(error, "orders/1 market", [&] {
    const Account& target = accounts_of(context).get(account);
    require_out(out, "out");
    ob_market_info info = market_fields<ob_market_info>(target.market(required_symbol(symbol)),
                                                        [](const Decimal& value) { return to_ob_decimal(value); });
    info.header = OB_HEADER_INIT(ob_market_info);
    *out = info;
  });
}

ob_status OrdersService::last_price(void* context, const ob_account* account, const char* symbol, ob_decimal* out,
                                    ob_error* error) {
  return guarded(error, "orders/1 last_price", [&] {
    const Account& target = accounts_of(context).get(account);
    require_out(out, "out");
    *out = to_ob_decimal(required_price(target, required_symbol(symbol)));
  });
}

ob_status OrdersService::market_rules(void* context, const ob_account* account, const char* symbol,
                                      ob_market_rules* out, ob_error* error) {
  return guarded(error, "orders/1 market_rules", [&] {
    const Account& target = accounts_of(context).get(account);
    require_out(out, "out");
    ob_market_rules rules = market_fields<ob_market_rules>(target.market(required_symbol(symbol)),
                                                           [](const Decimal& value) { return to_ob_fixed(value); });
    rules.header = OB_HEADER_INIT(ob_market_rules);
    *out = rules;
  });
}

ob_status OrdersService::last_price_fixed(void* context, const ob_account* account, const char* symbol, ob_fixed18* out,
                                          ob_error* error) {
  return guarded(error, "orders/1 last_price_fixed", [&] {
    const Account& target = accounts_of(context).get(account);
    require_out(out, "out");
    *out = to_ob_fixed(required_price(target, required_symbol(symbol)));
  });
}

ob_status OrdersService::open_order_briefs(void* context, const ob_account* account, const char* symbol,
                                           ob_order_brief_visitor visit, void* user, ob_error* error) {
  return guarded(error, "orders/1 open_order_briefs", [&] {
    const Account& target = accounts_of(context).get(account);
    if (visit == nullptr) throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "visit: expected a function, found NULL");
    for (const trading::Order* order : target.open_orders(symbol != nullptr ? symbol : "")) {
      ob_order_brief brief{};
      brief.header = OB_HEADER_INIT(ob_order_brief);
      brief.id = order->id.c_str();
      brief.tag = target.tag(order->id).c_str();
      brief.side = order->side == channel::Side::buy ? OB_SIDE_BUY : OB_SIDE_SELL;
      brief.type = static_cast<std::uint32_t>(order->type);  // same values as OB_ORDER_TYPE_*
      brief.state = to_ob_status(order->state);
      visit(user, &brief);
    }
  });
}

}  // namespace octobot::trading_modes
