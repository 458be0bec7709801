// Two orders compared field by field, each field its own CHECK so a failure names what differs: for
// tests that compare an order with its stored copy, or a resumed session's with an uninterrupted twin's.
#pragma once

#include <catch2/catch.hpp>
#include <octobot/trading/order.hpp>

namespace octobot::testing {

// Every persisted field of an order.
inline void check_same_order(const trading::Order& a, const trading::Order& b) {
  INFO("order " << a.id << " (" << a.reason << ") against " << b.id << " (" << b.reason << ")");
  CHECK(a.id == b.id);
  CHECK(a.symbol == b.symbol);
  CHECK(a.side == b.side);
  CHECK(a.type == b.type);
  CHECK(a.state == b.state);
  CHECK(a.amount == b.amount);
  CHECK(a.price == b.price);
  CHECK(a.trigger_price == b.trigger_price);
  CHECK(a.trailing_percent == b.trailing_percent);
  CHECK(a.limit_offset_percent == b.limit_offset_percent);
  CHECK(a.triggered == b.triggered);
  CHECK(a.filled == b.filled);
  CHECK(a.filled_cost == b.filled_cost);
  CHECK(a.fees == b.fees);
  CHECK(a.fee_asset == b.fee_asset);
  CHECK(a.reserved == b.reserved);
  CHECK(a.reserved_asset == b.reserved_asset);
  CHECK(a.created_at_ms == b.created_at_ms);
  CHECK(a.expire_at_ms == b.expire_at_ms);
  CHECK(a.reason == b.reason);
}

}  // namespace octobot::testing
