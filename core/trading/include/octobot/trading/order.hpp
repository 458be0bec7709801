// An order and its lifecycle state machine. Allowed transitions:
//   pending          -> open, rejected (always with a reason), filled or partially_filled (market)
//   open             -> partially_filled, filled, cancelled, expired, rejected (a live exchange's refusal
//                       arrives after the order was shown open)
//   partially_filled -> partially_filled (another partial fill), filled, cancelled, expired
// filled, cancelled, expired and rejected are final. Every transition is published on the orders
// channel by whoever owns the order (the exchange); pending is only ever the starting state.
#pragma once

#include <octobot/channel/standard/trading_types.hpp>
#include <octobot/commons/decimal.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace octobot::trading {

using channel::OrderType;
using channel::Side;
using commons::Decimal;

enum class OrderState : std::uint8_t { pending, open, partially_filled, filled, cancelled, expired, rejected };

[[nodiscard]] std::string_view to_string(OrderState state) noexcept;
[[nodiscard]] bool is_final(OrderState state) noexcept;
[[nodiscard]] bool is_allowed_transition(OrderState from, OrderState to) noexcept;
// The channel's status. pending has none (it is never published: no transition leads to it).
[[nodiscard]] channel::OrderStatus to_channel_status(OrderState state) noexcept;

struct Order {
  std::string id;
  std::string symbol;
  Side side = Side::buy;
  OrderType type = OrderType::unknown;
  OrderState state = OrderState::pending;
  Decimal amount;                // in base, rounded to the market's precision
  Decimal price;                 // limit price (limit types); zero otherwise
  Decimal trigger_price;         // stop / take-profit trigger; for trailing orders, the current stop
  Decimal trailing_percent;      // trailing orders: distance of the stop from the best price, in %
  Decimal limit_offset_percent;  // trailing_stop_limit without a price: limit distance beyond the trigger
  bool triggered = false;        // a *_limit order whose trigger was hit: it now rests as a limit order
  Decimal filled;                // in base
  Decimal filled_cost;           // in quote: sum of fill amount * fill price
  Decimal fees;                  // in fee_asset
  std::string fee_asset;
  Decimal reserved;  // funds still locked in the portfolio for the rest of the order
  std::string reserved_asset;
  std::int64_t created_at_ms = 0;
  std::int64_t expire_at_ms = 0;  // 0: good till cancelled
  std::string reason;             // why it was rejected or cancelled by the exchange

  [[nodiscard]] Decimal remaining() const { return amount - filled; }

  // Moves to `to`. Throws std::logic_error naming the order and both states for a transition the
  // state machine does not allow (a bug, never a market condition).
  void transition(OrderState to);
};

}  // namespace octobot::trading
