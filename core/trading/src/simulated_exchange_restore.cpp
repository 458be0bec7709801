// Restoring a previous run's open orders, groups and chains on the simulated exchange (a resumed
// paper session), and the links it saves for that.
#include <octobot/trading/simulated_exchange.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace octobot::trading {
namespace {

bool is_trailing(OrderType type) { return type == OrderType::trailing_stop || type == OrderType::trailing_stop_limit; }
std::string_view side_name(Side side) { return side == Side::buy ? "buy" : "sell"; }
bool is_open(OrderState state) { return state == OrderState::open || state == OrderState::partially_filled; }

// The price a restored order reserves at when it saved no reservation: its limit once it rests as one,
// otherwise its trigger.
Decimal reservation_price(const Order& order) {
  const bool limit = order.type == OrderType::limit || order.type == OrderType::stop_loss_limit ||
                     order.type == OrderType::take_profit_limit ||
                     (order.type == OrderType::trailing_stop_limit && order.triggered);
  return limit ? order.price : order.trigger_price;
}

}  // namespace

void SimulatedExchange::check_restorable(const Order& saved) const {
  if (!symbols_.contains(saved.symbol)) {
    throw std::invalid_argument(fmt::format("cannot restore order '{}': unknown market '{}'", saved.id, saved.symbol));
  }
  if (!is_open(saved.state)) {
    throw std::invalid_argument(
        fmt::format("cannot restore order '{}': it is {}, not open", saved.id, to_string(saved.state)));
  }
  if (orders_.contains(saved.id)) {
    throw std::invalid_argument(fmt::format("cannot restore order '{}': the id is already used", saved.id));
  }
}

SimulatedExchange::Tracked& SimulatedExchange::reopen(const Order& saved, Portfolio* target, std::uint64_t group) {
  const SymbolState& state = symbols_.find(saved.symbol)->second;
  Tracked tracked{saved, target, state.has_candle ? state.latest.open_time_ms : INT64_MIN, Decimal{}, group};
  if (is_trailing(saved.type) && !saved.triggered) {
    // The best price is not saved; the one the current stop was computed from is close enough (the
    // stop itself is restored exactly and only moves in the order's favour).
    const Decimal fraction = saved.trailing_percent / Decimal::from_integer(100);
    const Decimal one = Decimal::from_integer(1);
    tracked.best_price =
        saved.side == Side::sell ? saved.trigger_price / (one - fraction) : saved.trigger_price / (one + fraction);
  }
  // Ids of this exchange are "sim-N": new ones must not collide with restored ones.
  if (saved.id.starts_with("sim-")) {
    try {
      next_id_ = std::max<std::uint64_t>(next_id_, std::stoull(saved.id.substr(4)) + 1);
    } catch (const std::exception&) {
      // Not one of ours after all: no collision possible.
    }
  }
  Tracked& stored = orders_.emplace(saved.id, std::move(tracked)).first->second;
  open_ids_.push_back(saved.id);
  return stored;
}

const Order& SimulatedExchange::restore_order(const Order& saved, Portfolio* portfolio) {
  check_restorable(saved);
  const SymbolState& state = symbols_.find(saved.symbol)->second;
  Portfolio* target = portfolio != nullptr ? portfolio : &portfolio_;
  Order order = saved;
  if (order.reserved.is_zero() && order.remaining().is_positive()) {
    // A group member restored on its own (restore_order_group restores it with its group): it saved
    // no reservation of its own, so it gets the one it needs by itself.
    order.reserved = order.side == Side::buy ? order.remaining() * reservation_price(order) : order.remaining();
    order.reserved_asset = order.side == Side::buy ? state.market.quote : state.market.base;
  }
  if (order.reserved.is_positive()) target->lock(order.reserved_asset, order.reserved);  // may throw: nothing kept
  Tracked& stored = reopen(order, target, kNoGroup);
  publish_balance(*target, stored.order.reserved_asset);
  publish(stored, state.has_candle ? state.latest.open_time_ms : saved.created_at_ms);
  return stored.order;
}

std::vector<const Order*> SimulatedExchange::restore_order_group(const OrderGroupLink& link,
                                                                 const std::vector<Order>& saved,
                                                                 Portfolio* portfolio) {
  const std::string name = fmt::format("order group ({})", fmt::join(link.order_ids, ", "));
  if (link.order_ids.empty()) {
    throw std::invalid_argument("cannot restore an order group: expected at least one open member, found none");
  }
  std::vector<const Order*> members;
  for (const std::string& id : link.order_ids) {
    const auto found = std::find_if(saved.begin(), saved.end(), [&](const Order& order) { return order.id == id; });
    if (found == saved.end()) {
      throw std::invalid_argument(
          fmt::format("cannot restore {}: expected member '{}' among the {} saved orders, "
                      "found no order of that id",
                      name, id, saved.size()));
    }
    if (std::find(members.begin(), members.end(), &*found) != members.end()) {
      throw std::invalid_argument(fmt::format("cannot restore {}: member '{}' is listed twice", name, id));
    }
    const Order& member = *found;
    if (!is_open(member.state)) {
      throw std::invalid_argument(
          fmt::format("cannot restore {}: expected member '{}' open or partially_filled, "
                      "found it {}",
                      name, id, to_string(member.state)));
    }
    const Order& first = members.empty() ? member : *members.front();
    if (member.symbol != first.symbol || member.side != first.side) {
      throw std::invalid_argument(
          fmt::format("cannot restore {}: expected member '{}' on {} {} like '{}', found it "
                      "on {} {}",
                      name, id, first.symbol, side_name(first.side), first.id, member.symbol, side_name(member.side)));
    }
    if (!member.reserved.is_zero()) {
      throw std::invalid_argument(
          fmt::format("cannot restore {}: expected member '{}' to hold no reservation of its "
                      "own (the group's is shared), found {} {}",
                      name, id, member.reserved.to_string(), member.reserved_asset));
    }
    check_restorable(member);
    members.push_back(&member);
  }
  const Order& first = *members.front();
  const Market& m = symbols_.find(first.symbol)->second.market;
  const std::string& asset = first.side == Side::buy ? m.quote : m.base;
  if (link.reserved_asset != asset || link.reserved.is_negative()) {
    throw std::invalid_argument(
        fmt::format("cannot restore {}: expected a reservation in {} (a {} on {}), found "
                    "{} {}",
                    name, asset, side_name(first.side), first.symbol, link.reserved.to_string(), link.reserved_asset));
  }
  Portfolio* target = portfolio != nullptr ? portfolio : &portfolio_;
  if (link.reserved.is_positive()) target->lock(asset, link.reserved);  // may throw: nothing kept
  const std::uint64_t key = next_group_++;
  Group& group = groups_.emplace(key, Group{link.kind, {}, link.reserved, target, asset}).first->second;
  publish_balance(*target, asset);
  std::vector<const Order*> result;
  for (const Order* member : members) {
    Tracked& stored = reopen(*member, target, key);
    group.ids.push_back(member->id);
    const SymbolState& state = symbols_.find(member->symbol)->second;
    publish(stored, state.has_candle ? state.latest.open_time_ms : member->created_at_ms);
    result.push_back(&stored.order);
  }
  return result;
}

void SimulatedExchange::restore_chain(const ChainedOrdersLink& link, Portfolio* portfolio) {
  const Order* parent = order(link.parent_id);
  if (parent == nullptr || !is_open(parent->state)) {
    throw std::invalid_argument(
        fmt::format("cannot restore the orders chained to '{}': expected an open order of "
                    "that id, found {}",
                    link.parent_id, parent == nullptr ? std::string_view("none") : to_string(parent->state)));
  }
  if (link.requests.empty() || (link.group.has_value() && link.requests.size() < 2)) {
    throw std::invalid_argument(fmt::format("cannot restore the orders chained to '{}': expected {}, found {}",
                                            link.parent_id, link.group ? "two requests or more (a group)" : "a request",
                                            link.requests.size()));
  }
  for (const OrderRequest& request : link.requests) {
    if (!symbols_.contains(request.symbol)) {
      throw std::invalid_argument(fmt::format("cannot restore the orders chained to '{}': unknown market '{}'",
                                              link.parent_id, request.symbol));
    }
  }
  if (link.group) {
    try {
      check_group_requests(*link.group, link.requests);
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument(
          fmt::format("cannot restore the orders chained to '{}': {}", link.parent_id, error.what()));
    }
  }
  chained_[link.parent_id].push_back(Chained{link.requests, link.group, portfolio, link.tags});
}

std::vector<ChainedOrdersLink> SimulatedExchange::take_chains(std::string_view parent_id) {
  std::vector<ChainedOrdersLink> taken;
  const auto found = chained_.find(parent_id);
  if (found == chained_.end()) return taken;
  for (Chained& child : found->second) {
    taken.push_back({found->first, std::move(child.requests), child.group, std::move(child.tags)});
  }
  chained_.erase(found);
  return taken;
}

OrderLinks SimulatedExchange::links() const {
  OrderLinks links;
  std::vector<std::uint64_t> keys;
  for (const auto& [key, group] : groups_) keys.push_back(key);
  std::sort(keys.begin(), keys.end());  // creation order: the same links for the same run
  for (const std::uint64_t key : keys) {
    const Group& group = groups_.at(key);
    OrderGroupLink link{group.kind, {}, group.reserved, group.reserved_asset};
    for (const std::string& id : group.ids) {
      const Order* member = order(id);
      if (member != nullptr && is_open(member->state)) link.order_ids.push_back(id);
    }
    if (!link.order_ids.empty()) links.groups.push_back(std::move(link));
  }
  for (const auto& [parent_id, chained] : chained_) {
    // A parent closed otherwise than by a cancel, an expiry or its fill may have left its entry.
    const Order* parent = order(parent_id);
    if (parent == nullptr || !is_open(parent->state)) continue;
    for (const Chained& child : chained) links.chains.push_back({parent_id, child.requests, child.group, child.tags});
  }
  return links;
}

}  // namespace octobot::trading
