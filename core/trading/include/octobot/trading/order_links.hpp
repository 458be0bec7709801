// What ties open orders together on the simulated exchange beyond the orders themselves: the groups
// whose members share one reservation, the orders chained to an open parent (created when it
// fills), and the trading mode each open order belongs to. A paper session saves them beside its open orders
// (TradingStore::save_order_links) so that a resumed session restores them (SimulatedExchange::restore_order_group,
// restore_chain) and behaves as if it had never stopped.
#pragma once

#include <octobot/trading/order_request.hpp>

#include <optional>
#include <string>
#include <vector>

namespace octobot::trading {

// A group with at least one open member. Members already final are left out: nothing links them any
// more (they cannot fill, cancel or be cancelled).
struct OrderGroupLink {
  OrderGroupKind kind = OrderGroupKind::one_cancels_the_other;
  std::vector<std::string> order_ids;  // the open members, in the group's order
  Decimal reserved;                    // shared by the members (their own Order::reserved is zero)
  std::string reserved_asset;

  friend bool operator==(const OrderGroupLink&, const OrderGroupLink&) = default;
};

// Requests waiting for `parent_id` to fill completely (SimulatedExchange::chain), as one group when
// `group` is set.
struct ChainedOrdersLink {
  std::string parent_id;
  std::vector<OrderRequest> requests;
  std::optional<OrderGroupKind> group;
  // The tag a trading mode gave each request (kept by its account, not by the exchange), in the
  // requests' order; empty when none has one.
  std::vector<std::string> tags;

  friend bool operator==(const ChainedOrdersLink&, const ChainedOrdersLink&) = default;
};

// The trading-mode instance an open order belongs to and the tag the mode gave it (kept by the mode's
// account, not by the exchange), so that a resumed session gives the order back to the same instance.
// An instance is its class and its symbol ("" for an exchange-scope instance): what identifies it
// again when the same profile runs after a restart.
struct OrderOwnerLink {
  std::string order_id;
  std::string mode;         // trading-mode class name
  std::string mode_symbol;  // the instance's symbol; "" for an exchange-scope instance
  std::string tag;

  friend bool operator==(const OrderOwnerLink&, const OrderOwnerLink&) = default;
};

struct OrderLinks {
  std::vector<OrderGroupLink> groups;     // by creation of the group
  std::vector<ChainedOrdersLink> chains;  // by parent id, then in the order they were chained
  std::vector<OrderOwnerLink> owners;     // by order id; the open orders a trading mode created

  [[nodiscard]] bool empty() const noexcept { return groups.empty() && chains.empty() && owners.empty(); }
  friend bool operator==(const OrderLinks&, const OrderLinks&) = default;
};

}  // namespace octobot::trading
