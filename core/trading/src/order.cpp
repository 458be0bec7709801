#include <octobot/trading/order.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace octobot::trading {

std::string_view to_string(OrderState state) noexcept {
  switch (state) {
    case OrderState::pending:
      return "pending";
    case OrderState::open:
      return "open";
    case OrderState::partially_filled:
      return "partially_filled";
    case OrderState::filled:
      return "filled";
    case OrderState::cancelled:
      return "cancelled";
    case OrderState::expired:
      return "expired";
    case OrderState::rejected:
      return "rejected";
  }
  return "unknown";
}

bool is_final(OrderState state) noexcept {
  return state == OrderState::filled || state == OrderState::cancelled || state == OrderState::expired ||
         state == OrderState::rejected;
}

bool is_allowed_transition(OrderState from, OrderState to) noexcept {
  switch (from) {
    case OrderState::pending:
      return to == OrderState::open || to == OrderState::rejected || to == OrderState::filled ||
             to == OrderState::partially_filled;
    case OrderState::open:
      // open -> rejected: a live exchange refuses an order the gateway already showed open.
      if (to == OrderState::rejected) return true;
      [[fallthrough]];
    case OrderState::partially_filled:
      // partially_filled -> partially_filled: one more partial fill.
      return to == OrderState::partially_filled || to == OrderState::filled || to == OrderState::cancelled ||
             to == OrderState::expired;
    case OrderState::filled:
    case OrderState::cancelled:
    case OrderState::expired:
    case OrderState::rejected:
      return false;
  }
  return false;
}

channel::OrderStatus to_channel_status(OrderState state) noexcept {
  switch (state) {
    case OrderState::pending:
      return channel::OrderStatus::unknown;
    case OrderState::open:
      return channel::OrderStatus::open;
    case OrderState::partially_filled:
      return channel::OrderStatus::partially_filled;
    case OrderState::filled:
      return channel::OrderStatus::filled;
    case OrderState::cancelled:
      return channel::OrderStatus::canceled;
    case OrderState::expired:
      return channel::OrderStatus::expired;
    case OrderState::rejected:
      return channel::OrderStatus::rejected;
  }
  return channel::OrderStatus::unknown;
}

void Order::transition(OrderState to) {
  if (!is_allowed_transition(state, to)) {
    throw std::logic_error(
        fmt::format("order {}: transition {} -> {} is not allowed", id, to_string(state), to_string(to)));
  }
  state = to;
}

}  // namespace octobot::trading
