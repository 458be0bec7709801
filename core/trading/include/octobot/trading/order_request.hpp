// What a trading mode asks an exchange for: one order (OrderRequest), or orders that live together
// (OrderGroupKind). Shared by every OrderGateway (the simulated exchange, live connectors later), so
// that trading modes build requests without knowing which exchange fills them.
#pragma once

#include <octobot/channel/standard/trading_types.hpp>
#include <octobot/commons/decimal.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace octobot::trading {

using channel::OrderType;
using channel::Side;
using commons::Decimal;

// The trading-mode instance that places an order and the tag it gives it: order_links.hpp's
// OrderOwnerLink before the order has an id. A live gateway journals it with the order, before the
// order is sent, so that a restart after a crash gives the order back to its mode even when the
// crash came before the owner reached the trading store. Other gateways ignore it. Empty `mode`:
// nobody's (a manual order, a test's).
struct OrderOwner {
  std::string mode;         // trading-mode class name
  std::string mode_symbol;  // the instance's symbol; "" for an exchange-scope instance
  std::string tag;

  [[nodiscard]] bool empty() const noexcept { return mode.empty(); }
  friend bool operator==(const OrderOwner&, const OrderOwner&) = default;
};

struct OrderRequest {
  std::string symbol;
  Side side = Side::buy;
  OrderType type = OrderType::market;
  Decimal amount;            // in base
  Decimal price;             // limit price: limit, stop_loss_limit, take_profit_limit; trailing_stop_limit:
                             // an absolute limit price, or zero to use limit_offset_percent
  Decimal trigger_price;     // stop_loss*, take_profit*
  Decimal trailing_percent;  // trailing_stop, trailing_stop_limit
  // trailing_stop_limit without a price: the limit is placed this far beyond the trigger when it is
  // hit (sell: trigger * (1 - offset/100), buy: trigger * (1 + offset/100)). Zero: at the trigger.
  Decimal limit_offset_percent;
  // Time in force. 0: good till cancelled. Otherwise the order expires (state expired, funds
  // released, published) on the first candle opening at or after this time, before that candle can
  // fill it, or when the exchange's clock reaches it (SimulatedExchange::expire_orders).
  std::int64_t expire_at_ms = 0;
  // Who places it (TradingModeRunner's accounts fill it in); the factories below leave it empty.
  OrderOwner owner;

  [[nodiscard]] static OrderRequest market(std::string symbol, Side side, Decimal amount) {
    return {std::move(symbol), side, OrderType::market, amount, {}, {}, {}, {}, 0, {}};
  }
  [[nodiscard]] static OrderRequest limit(std::string symbol, Side side, Decimal amount, Decimal price) {
    return {std::move(symbol), side, OrderType::limit, amount, price, {}, {}, {}, 0, {}};
  }
  // stop_loss, take_profit (price unused), stop_loss_limit, take_profit_limit (price: the limit).
  [[nodiscard]] static OrderRequest triggered(std::string symbol, Side side, OrderType type, Decimal amount,
                                              Decimal trigger_price, Decimal price = {}) {
    return {std::move(symbol), side, type, amount, price, trigger_price, {}, {}, 0, {}};
  }
  [[nodiscard]] static OrderRequest trailing_stop(std::string symbol, Side side, Decimal amount,
                                                  Decimal trailing_percent) {
    return {std::move(symbol), side, OrderType::trailing_stop, amount, {}, {}, trailing_percent, {}, 0, {}};
  }
  // The trigger trails the best price; once hit, the order rests as a limit `limit_offset_percent`
  // beyond the trigger, fillable from the next candle.
  [[nodiscard]] static OrderRequest trailing_stop_limit(std::string symbol, Side side, Decimal amount,
                                                        Decimal trailing_percent, Decimal limit_offset_percent) {
    return {std::move(symbol),
            side,
            OrderType::trailing_stop_limit,
            amount,
            {},
            {},
            trailing_percent,
            limit_offset_percent,
            0,
            {}};
  }
  // The same request, expiring at `time_ms` (chainable: OrderRequest::limit(...).expiring_at(t)).
  [[nodiscard]] OrderRequest expiring_at(std::int64_t time_ms) const {
    OrderRequest copy = *this;
    copy.expire_at_ms = time_ms;
    return copy;
  }
  friend bool operator==(const OrderRequest&, const OrderRequest&) = default;
};

// Orders that live together. Members share one reservation (the largest any member needs), so a
// take-profit and a stop-loss on the same 1 BTC lock 1 BTC, not 2.
//   one_cancels_the_other: the first fill of any member cancels the others.
//   balanced_take_profit_stop_loss: members have the same amount; a (partial) fill of one shrinks the
//     others by the same amount, so what stays open always matches what is left to exit.
// Cancelling any member cancels the group. Members must share symbol and side.
enum class OrderGroupKind : std::uint8_t { one_cancels_the_other, balanced_take_profit_stop_loss };

// What every gateway requires of a group (anything else is a caller bug): at least two members, one
// symbol and side, no market order, equal amounts in a balanced group. Throws std::invalid_argument.
inline void check_group_requests(OrderGroupKind kind, const std::vector<OrderRequest>& requests) {
  if (requests.size() < 2) throw std::invalid_argument("an order group needs at least two orders");
  for (const OrderRequest& request : requests) {
    if (request.symbol != requests.front().symbol || request.side != requests.front().side) {
      throw std::invalid_argument("the orders of a group must share symbol and side");
    }
    if (request.type == OrderType::market) throw std::invalid_argument("a market order cannot be in a group");
    if (kind == OrderGroupKind::balanced_take_profit_stop_loss && request.amount != requests.front().amount) {
      throw std::invalid_argument("the orders of a balanced group must have the same amount");
    }
  }
}

}  // namespace octobot::trading
