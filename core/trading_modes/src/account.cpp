#include <octobot/trading_modes/account.hpp>
#include <octobot/trading_modes/service_error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace octobot::trading_modes {
namespace {

std::vector<trading::OrderRequest> plain(const std::vector<TaggedRequest>& requests) {
  std::vector<trading::OrderRequest> out;
  out.reserve(requests.size());
  for (const auto& tagged : requests) out.push_back(tagged.request);
  return out;
}

// The tags of `requests`, in order; empty when none has one (as a chain without tags is saved).
std::vector<std::string> tags_of(const std::vector<TaggedRequest>& requests) {
  std::vector<std::string> tags;
  for (const auto& tagged : requests) tags.push_back(tagged.tag);
  if (std::all_of(tags.begin(), tags.end(), [](const std::string& tag) { return tag.empty(); })) tags.clear();
  return tags;
}

// The request as sent by `by`: its owner, with the request's tag, goes along (OrderRequest::owner).
trading::OrderRequest with_owner(const TaggedRequest& request, const Account::Placer& by) {
  trading::OrderRequest sent = request.request;
  sent.owner = {std::string(by.mode), std::string(by.mode_symbol), request.tag};
  return sent;
}

std::string state_name(trading::OrderState state) { return std::string(trading::to_string(state)); }

}  // namespace

void check_group(trading::OrderGroupKind kind, const std::vector<TaggedRequest>& requests) {
  const auto refuse = [](const std::string& why) { throw ServiceError(OB_ERROR_INVALID_ARGUMENT, why); };
  if (requests.size() < 2) refuse(fmt::format("an order group needs at least 2 orders, found {}", requests.size()));
  const trading::OrderRequest& first = requests.front().request;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const trading::OrderRequest& member = requests[i].request;
    if (member.symbol != first.symbol || member.side != first.side) {
      refuse(fmt::format("the orders of a group share symbol and side: order 0 is {} {}, order {} is {} {}",
                         first.symbol, first.side == channel::Side::buy ? "buy" : "sell", i, member.symbol,
                         member.side == channel::Side::buy ? "buy" : "sell"));
    }
    if (member.type == channel::OrderType::market) {
      refuse(fmt::format("order {} of the group is a market order: a group holds resting orders only", i));
    }
    if (kind == trading::OrderGroupKind::balanced_take_profit_stop_loss && member.amount != first.amount) {
      refuse(fmt::format("a balanced group needs equal amounts: order 0 has {}, order {} has {}",
                         first.amount.to_string(), i, member.amount.to_string()));
    }
  }
}

Account::Account(AccountConfig config) : config_(std::move(config)), portfolio_(config_.portfolio) {
  if (config_.gateway == nullptr) throw std::invalid_argument("an account needs an order gateway");
  if (!config_.prices) throw std::invalid_argument("an account needs a price source");
  if (config_.reference_market.empty()) throw std::invalid_argument("an account needs a reference market");
  if (portfolio_ == nullptr) portfolio_ = &config_.gateway->portfolio();
}

const trading::Market& Account::market(std::string_view symbol) const {
  try {
    return gateway().market(symbol);
  } catch (const std::invalid_argument&) {
    throw ServiceError(
        OB_ERROR_INVALID_ARGUMENT,
        fmt::format("symbol: expected a market of this exchange such as \"BTC/USDT\", found \"{}\"", symbol));
  }
}

void Account::remember(const trading::Order& order, const std::string& tag) {
  if (tags_.emplace(order.id, tag).second && !trading::is_final(order.state)) open_ids_.push_back(order.id);
  if (creation_listener_) creation_listener_(*this, order);
}

std::optional<Account::Placer> Account::placer() const {
  if (!placer_source_) return std::nullopt;
  return placer_source_();
}

std::vector<trading::OrderRequest> Account::owned(const std::vector<TaggedRequest>& requests) const {
  const auto by = placer();
  if (!by) return plain(requests);
  std::vector<trading::OrderRequest> out;
  out.reserve(requests.size());
  for (const TaggedRequest& request : requests) out.push_back(with_owner(request, *by));
  return out;
}

const trading::Order& Account::create(const TaggedRequest& request) {
  (void)market(request.request.symbol);
  const auto by = placer();
  const trading::Order& order = by ? gateway().create_order(with_owner(request, *by), portfolio_)
                                   : gateway().create_order(request.request, portfolio_);
  remember(order, request.tag);
  return order;
}

std::vector<const trading::Order*> Account::create_group(trading::OrderGroupKind kind,
                                                         const std::vector<TaggedRequest>& requests) {
  check_group(kind, requests);
  (void)market(requests.front().request.symbol);
  std::vector<const trading::Order*> orders = gateway().create_order_group(kind, owned(requests), portfolio_);
  for (std::size_t i = 0; i < orders.size(); ++i) remember(*orders[i], requests[i].tag);
  return orders;
}

std::vector<const trading::Order*> Account::create_now(const Chained& chained) {
  if (chained.group) return create_group(*chained.group, chained.requests);
  std::vector<const trading::Order*> orders;
  for (const TaggedRequest& request : chained.requests) orders.push_back(&create(request));
  return orders;
}

std::vector<const trading::Order*> Account::chain(std::string_view parent_id,
                                                  std::optional<trading::OrderGroupKind> group,
                                                  std::vector<TaggedRequest> requests) {
  if (requests.empty()) throw ServiceError(OB_ERROR_INVALID_ARGUMENT, "chain: expected at least 1 request, found 0");
  if (group) check_group(*group, requests);
  for (const TaggedRequest& request : requests) (void)market(request.request.symbol);
  const trading::Order* parent = owns(parent_id) ? gateway().order(parent_id) : nullptr;
  if (parent == nullptr) {
    throw ServiceError(OB_ERROR_NOT_FOUND, fmt::format("chain: no order \"{}\" on this account", parent_id));
  }
  Chained chained{group, std::move(requests)};
  if (parent->state == trading::OrderState::filled) return create_now(chained);
  if (trading::is_final(parent->state)) {
    throw ServiceError(
        OB_ERROR_INVALID_ARGUMENT,
        fmt::format("chain: expected an open or filled parent order, found \"{}\" {}{}", parent_id,
                    state_name(parent->state), parent->reason.empty() ? "" : " (" + parent->reason + ")"));
  }
  chained_[std::string(parent_id)].push_back(std::move(chained));
  return {};
}

std::vector<const trading::Order*> Account::on_order_closed(std::string_view order_id, trading::OrderState state) {
  const auto it = chained_.find(order_id);
  if (it == chained_.end()) return {};
  std::vector<Chained> pending = std::move(it->second);
  chained_.erase(it);
  std::vector<const trading::Order*> created;
  if (state != trading::OrderState::filled) return created;
  for (const Chained& chained : pending) {
    for (const trading::Order* order : create_now(chained)) created.push_back(order);
  }
  return created;
}

std::vector<trading::ChainedOrdersLink> Account::pending_chains() const {
  std::vector<trading::ChainedOrdersLink> chains;
  for (const auto& [parent_id, pending] : chained_) {
    // A parent whose final update is not delivered yet keeps its entry until then: not pending any more.
    const trading::Order* parent = gateway().order(parent_id);
    if (parent == nullptr || trading::is_final(parent->state)) continue;
    for (const Chained& chained : pending) {
      chains.push_back({parent_id, plain(chained.requests), chained.group, tags_of(chained.requests)});
    }
  }
  return chains;
}

bool Account::cancel(std::string_view order_id) {
  if (!owns(order_id)) return false;
  return gateway().cancel_order(order_id);
}

void Account::forget(std::string_view order_id) {
  const auto it = tags_.find(order_id);
  if (it != tags_.end()) tags_.erase(it);
}

bool Account::owns(std::string_view order_id) const { return tags_.find(order_id) != tags_.end(); }

const std::string& Account::tag(std::string_view order_id) const {
  static const std::string none;
  const auto it = tags_.find(order_id);
  return it == tags_.end() ? none : it->second;
}

std::vector<const trading::Order*> Account::open_orders(std::string_view symbol) const {
  // Closed orders leave the list here, so a long run does not rescan its whole history.
  std::erase_if(open_ids_, [&](const std::string& id) {
    const trading::Order* order = gateway().order(id);
    return order == nullptr || trading::is_final(order->state);
  });
  std::vector<const trading::Order*> out;
  for (const std::string& id : open_ids_) {
    const trading::Order* order = gateway().order(id);
    if (symbol.empty() || order->symbol == symbol) out.push_back(order);
  }
  return out;
}

}  // namespace octobot::trading_modes
