#include <octobot/commons/append_integer.hpp>
#include <octobot/commons/decimal_format.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/exchange.h>
#include <octobot/exchanges/live_gateway.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <stdexcept>
#include <tuple>

#include "live_reconciling.hpp"

namespace octobot::exchanges {
namespace {

using channel::OrderType;
using channel::Side;
using trading::InsufficientFunds;
using trading::Order;
using trading::OrderGroupKind;
using trading::OrderRequest;
using trading::OrderState;
using trading::Portfolio;

constexpr std::string_view kLog = "live";

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool is_limit_type(OrderType type) {
  return type == OrderType::limit || type == OrderType::stop_loss_limit || type == OrderType::take_profit_limit;
}
// Types held locally until on_price crosses their trigger.
bool is_trigger_type(OrderType type) {
  return type == OrderType::stop_loss || type == OrderType::stop_loss_limit || type == OrderType::take_profit ||
         type == OrderType::take_profit_limit;
}
bool is_trailing(OrderType type) { return type == OrderType::trailing_stop || type == OrderType::trailing_stop_limit; }
// Stop-loss sells and take-profit buys fire on a falling price.
bool fires_on_fall(OrderType type, Side side) {
  const bool stop = type == OrderType::stop_loss || type == OrderType::stop_loss_limit;
  return stop == (side == Side::sell);
}

// 6 characters of [a-z0-9]: 2 billion names per prefix, drawn once per run.
std::string random_salt() {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::mt19937_64 engine(device() ^ static_cast<std::uint64_t>(now_ms()));
  std::string salt;
  for (int i = 0; i < 6; ++i) salt += kAlphabet[engine() % kAlphabet.size()];
  return salt;
}

bool valid_id_chars(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

JournalState journal_state_of(OrderState state) {
  switch (state) {
    case OrderState::filled:
      return JournalState::filled;
    case OrderState::cancelled:
      return JournalState::cancelled;
    case OrderState::expired:
      return JournalState::expired;
    case OrderState::rejected:
      return JournalState::rejected;
    default:
      return JournalState::acknowledged;
  }
}

}  // namespace

LiveGateway::LiveGateway(ExchangeClient& client, const std::string& journal_path, std::vector<trading::Market> markets,
                         std::string reference_market, trading::ExchangeChannels channels, LiveGatewayOptions options)
    : client_(client),
      journal_(journal_path, options.journal_durability),
      reference_market_(std::move(reference_market)),
      channels_(std::move(channels)),
      options_(std::move(options)),
      self_(std::make_shared<LiveGateway*>(this)) {
  if (options_.salt.empty()) options_.salt = random_salt();
  if (!valid_id_chars(options_.id_prefix) || !valid_id_chars(options_.salt) ||
      options_.id_prefix.size() + options_.salt.size() + 21 > 36) {
    throw std::invalid_argument(fmt::format(
        "client order id prefix '{}' and salt '{}': letters, digits, '-' and '_' only, at most 15 characters together",
        options_.id_prefix, options_.salt));
  }
  for (trading::Market& market : markets) {
    std::string symbol = market.symbol;
    markets_.emplace(std::move(symbol), std::move(market));
  }
}

LiveGateway::~LiveGateway() = default;

const trading::Market& LiveGateway::market(std::string_view symbol) const {
  const auto found = markets_.find(symbol);
  if (found == markets_.end()) throw std::invalid_argument(fmt::format("unknown market '{}'", symbol));
  return found->second;
}

std::optional<Decimal> LiveGateway::last_price(std::string_view symbol) const {
  const auto found = prices_.find(symbol);
  if (found == prices_.end()) return std::nullopt;
  return found->second;
}

LiveGateway::Tracked* LiveGateway::find(std::string_view id) {
  const auto found = orders_.find(std::string(id));
  return found == orders_.end() ? nullptr : &found->second;
}

const Order* LiveGateway::order(std::string_view id) const {
  const auto found = orders_.find(std::string(id));
  return found == orders_.end() ? nullptr : &found->second.order;
}

std::vector<const Order*> LiveGateway::open_orders() const {
  std::vector<const Order*> result;
  for (const std::string& id : open_ids_) {
    const Order& order = orders_.find(id)->second.order;
    if (!trading::is_final(order.state)) result.push_back(&order);
  }
  return result;
}

void LiveGateway::closed(const Tracked& tracked) { closed_ids_.push_back(tracked.order.id); }

void LiveGateway::release_closed() {
  std::erase_if(open_ids_, [this](const std::string& id) { return trading::is_final(orders_.at(id).order.state); });
  while (closed_ids_.size() > options_.closed_orders_kept) {
    orders_.erase(closed_ids_.front());
    closed_ids_.pop_front();
  }
}

void LiveGateway::publish(const Tracked& tracked) {
  if (!channels_.orders) return;
  const Order& order = tracked.order;
  channel::OrderMessage message;
  message.cryptocurrency = market(order.symbol).base;
  message.symbol = order.symbol;
  // Our name is the id everything else (accounts, stores) knows the order by.
  message.order_id = order.id;
  message.client_order_id = order.id;
  message.side = order.side;
  message.type = order.type;
  message.status = trading::to_channel_status(order.state);
  message.price = is_limit_type(order.type) ? order.price : order.trigger_price;
  message.amount = order.amount;
  message.filled = order.filled;
  message.timestamp_ms = now_ms();
  channels_.orders->send(std::move(message));
}

bool LiveGateway::publish_again(std::string_view id) {
  const Tracked* tracked = find(id);
  if (tracked == nullptr) return false;
  publish(*tracked);
  return true;
}

std::vector<trading::OrderOwnerLink> LiveGateway::journal_owners() const {
  std::vector<const Tracked*> owned;
  for (const auto& [id, tracked] : orders_) {
    if (!tracked.owner.empty()) owned.push_back(&tracked);
  }
  std::sort(owned.begin(), owned.end(), [](const Tracked* a, const Tracked* b) {
    return std::tie(a->order.created_at_ms, a->order.id) < std::tie(b->order.created_at_ms, b->order.id);
  });
  std::vector<trading::OrderOwnerLink> links;
  links.reserve(owned.size());
  for (const Tracked* tracked : owned) {
    links.push_back({tracked->order.id, tracked->owner.mode, tracked->owner.mode_symbol, tracked->owner.tag});
  }
  return links;
}

void LiveGateway::publish_balance(const Portfolio& portfolio, std::string_view asset) {
  if (!channels_.balance) return;
  const Portfolio* root = &portfolio;
  while (root->parent() != nullptr) root = root->parent();
  const trading::Balance balance = root->balance(asset);
  channels_.balance->send(channel::BalanceMessage{std::string(asset), balance.total, balance.available});
}

void LiveGateway::journal(Tracked& tracked, JournalState state) {
  tracked.journal_state = state;
  tracked.journaled = true;
  const Order& order = tracked.order;
  JournalEntry entry;
  entry.client_order_id = order.id;
  entry.symbol = order.symbol;
  entry.side = order.side;
  entry.type = order.type;
  entry.amount = order.amount;
  entry.price = order.price;
  entry.trigger_price = order.trigger_price;
  entry.group = tracked.group;
  if (!tracked.group.empty()) entry.group_kind = static_cast<int>(groups_.at(tracked.group).kind);
  entry.portfolio = tracked.portfolio->name();
  entry.state = state;
  entry.exchange_order_id = tracked.exchange_order_id;
  entry.filled = order.filled;
  entry.filled_cost = order.filled_cost;
  entry.fees = order.fees;
  entry.fee_asset = order.fee_asset;
  entry.reason = order.reason;
  entry.created_ms = order.created_at_ms;
  entry.updated_ms = now_ms();
  entry.owner = tracked.owner;
  journal_.save(std::move(entry));
}

// "<prefix><salt>-<n>", appended in place: it is made on every order's path, where formatting it
// through fmt cost ~700 instructions and brought fmt's code in.
std::string LiveGateway::next_order_id() {
  std::string id;
  id.reserve(options_.id_prefix.size() + options_.salt.size() + 21);  // '-' and up to 20 digits
  id.append(options_.id_prefix).append(options_.salt).append(1, '-');
  commons::append_integer(id, next_id_++);
  return id;
}

LiveGateway::Tracked& LiveGateway::place(const OrderRequest& request, Portfolio* portfolio) {
  const trading::Market& m = market(request.symbol);
  const auto type_name = channel::to_string(request.type);
  if (request.type == OrderType::unknown) throw std::invalid_argument("order type unknown is not supported");
  if (is_limit_type(request.type) && !request.price.is_positive()) {
    throw std::invalid_argument(fmt::format("order type {} on {} needs a positive price", type_name, request.symbol));
  }
  if (is_trigger_type(request.type) && !request.trigger_price.is_positive()) {
    throw std::invalid_argument(
        fmt::format("order type {} on {} needs a positive trigger price", type_name, request.symbol));
  }
  Tracked tracked;
  tracked.portfolio = portfolio != nullptr ? portfolio : &portfolio_;
  tracked.owner = request.owner;
  Order& order = tracked.order;
  order.id = next_order_id();
  order.symbol = request.symbol;
  order.side = request.side;
  order.type = request.type;
  order.amount = trading::round_amount(m, request.amount);
  order.price = is_limit_type(request.type) ? trading::round_price(m, request.price) : Decimal{};
  order.trigger_price = is_trigger_type(request.type) ? trading::round_price(m, request.trigger_price) : Decimal{};
  order.created_at_ms = now_ms();
  order.reserved_asset = order.side == Side::buy ? m.quote : m.base;
  const std::string id = order.id;
  return orders_.emplace(id, std::move(tracked)).first->second;
}

std::optional<std::string> LiveGateway::reference_price(const Tracked& tracked, Decimal& price) const {
  const Order& order = tracked.order;
  const trading::Market& m = market(order.symbol);
  if (is_trailing(order.type)) {
    return fmt::format("{}: trailing orders are not supported by live trading yet", order.symbol);
  }
  if (order.type == OrderType::market) {
    const auto last = last_price(order.symbol);
    if (!last) return fmt::format("{}: no price yet for a market order", order.symbol);
    price = *last;
  } else {
    price = is_limit_type(order.type) ? order.price : order.trigger_price;
  }
  if (auto rejection = trading::check_minimums(m, order.amount, price)) return std::move(rejection->reason);
  return std::nullopt;
}

void LiveGateway::reject(Tracked& tracked, std::string reason) {
  if (trading::is_final(tracked.order.state)) return;
  commons::log(commons::LogLevel::warning, kLog, fmt::format("order {} rejected: {}", tracked.order.id, reason));
  close(tracked, OrderState::rejected, std::move(reason));
}

void LiveGateway::mark_open(Tracked& tracked) {
  tracked.order.transition(OrderState::open);
  open_ids_.push_back(tracked.order.id);
}

void LiveGateway::open_locally(Tracked& tracked) {
  mark_open(tracked);
  publish(tracked);
}

const Order& LiveGateway::create_order(const OrderRequest& request, Portfolio* portfolio) {
  Tracked& tracked = place(request, portfolio);
  Order& order = tracked.order;
  Decimal price;
  if (auto reason = reference_price(tracked, price)) {
    reject(tracked, std::move(*reason));
    return order;
  }
  const Decimal needed = order.side == Side::buy ? order.amount * price : order.amount;
  try {
    tracked.portfolio->lock(order.reserved_asset, needed);
  } catch (const InsufficientFunds& error) {
    reject(tracked, error.what());
    return order;
  }
  order.reserved = needed;
  try {
    journal(tracked, is_trigger_type(order.type) ? JournalState::held : JournalState::pending_send);
  } catch (...) {
    // Not journaled: not sent, nothing reserved, no trace.
    tracked.portfolio->unlock(order.reserved_asset, needed);
    orders_.erase(order.id);
    throw;
  }
  if (tracked.journal_state != JournalState::pending_send) {
    publish_balance(*tracked.portfolio, order.reserved_asset);
    open_locally(tracked);
    return order;
  }
  // The request leaves before the balance and the open order are published: their consumers run later
  // on this loop whatever the order here (the answer, posted back to it, comes after them too), and
  // copying the order for each of them is work the request need not wait for.
  mark_open(tracked);
  send(tracked);
  publish_balance(*tracked.portfolio, order.reserved_asset);
  publish(tracked);
  return order;
}

std::vector<const Order*> LiveGateway::create_order_group(OrderGroupKind kind,
                                                          const std::vector<OrderRequest>& requests,
                                                          Portfolio* portfolio) {
  trading::check_group_requests(kind, requests);
  std::vector<Tracked*> members;
  for (const OrderRequest& request : requests) members.push_back(&place(request, portfolio));
  const auto reject_all = [&](const std::string& reason) {
    std::vector<const Order*> rejected;
    for (Tracked* member : members) {
      reject(*member, reason);
      rejected.push_back(&member->order);
    }
    return rejected;
  };
  Decimal needed;
  for (Tracked* member : members) {
    Decimal price;
    if (auto reason = reference_price(*member, price)) {
      return reject_all(fmt::format("group member {}: {}", member->order.id, *reason));
    }
    const Order& order = member->order;
    needed = commons::max(needed, order.side == Side::buy ? order.amount * price : order.amount);
  }
  Tracked& first = *members.front();
  try {
    first.portfolio->lock(first.order.reserved_asset, needed);
  } catch (const InsufficientFunds& error) {
    return reject_all(error.what());
  }
  const std::string key = fmt::format("{}{}-g{}", options_.id_prefix, options_.salt, next_group_++);
  Group& group =
      groups_.emplace(key, Group{kind, {}, needed, first.portfolio, first.order.reserved_asset}).first->second;
  for (Tracked* member : members) {
    member->group = key;
    group.ids.push_back(member->order.id);
  }
  try {
    for (Tracked* member : members) {
      journal(*member, is_trigger_type(member->order.type) ? JournalState::held : JournalState::pending_send);
    }
  } catch (...) {
    first.portfolio->unlock(first.order.reserved_asset, needed);
    for (Tracked* member : members) orders_.erase(member->order.id);
    groups_.erase(key);
    throw;
  }
  publish_balance(*first.portfolio, first.order.reserved_asset);
  std::vector<const Order*> result;
  for (Tracked* member : members) {
    open_locally(*member);
    result.push_back(&member->order);
  }
  for (Tracked* member : members) {
    if (member->journal_state == JournalState::pending_send) send(*member);
  }
  return result;
}

void LiveGateway::chain(std::string_view parent_id, std::vector<OrderRequest> requests,
                        std::optional<OrderGroupKind> group, Portfolio* portfolio) {
  const Order* parent = order(parent_id);
  if (parent == nullptr || trading::is_final(parent->state)) {
    throw std::invalid_argument(fmt::format("cannot chain orders to '{}': no such open order", parent_id));
  }
  if (requests.empty() || (group.has_value() && requests.size() < 2)) {
    throw std::invalid_argument(fmt::format("chained orders of '{}': nothing to create", parent_id));
  }
  chained_[std::string(parent_id)].push_back(Chained{std::move(requests), group, portfolio});
}

void LiveGateway::create_chained(const std::string& parent_id) {
  const auto found = chained_.find(parent_id);
  if (found == chained_.end()) return;
  const std::vector<Chained> children = std::move(found->second);
  chained_.erase(found);
  for (const Chained& child : children) {
    if (child.group.has_value()) {
      create_order_group(*child.group, child.requests, child.portfolio);
    } else {
      for (const OrderRequest& request : child.requests) create_order(request, child.portfolio);
    }
  }
}

void LiveGateway::send(Tracked& tracked) {
  const Order& order = tracked.order;
  OrderRequest request;
  request.symbol = order.symbol;
  request.side = order.side;
  request.amount = order.remaining();
  if (order.triggered) {
    // An emulated trigger that fired: a market order, or a limit at its price for the _limit types.
    request.type = is_limit_type(order.type) ? OrderType::limit : OrderType::market;
    request.price = order.price;
  } else {
    request.type = order.type;
    request.price = order.price;
  }
  ++in_flight_;
  const std::string id = order.id;
  client_.create_order(std::move(request), id,
                       guarded<ClientOrder>([id](LiveGateway& self, Outcome<ClientOrder> outcome) {
                         self.on_created(id, std::move(outcome));
                       }));
  // With `process` durability the row above was written ahead (the mapped write-ahead file); it goes into SQLite now
  // that the request is out, off the order's path. A failure loses nothing: the row stays in the
  // write-ahead file, and the next journal write, read or start moves it in.
  try {
    journal_.settle();
  } catch (const std::exception& e) {
    commons::log(commons::LogLevel::warning, kLog,
                 fmt::format("order {}: its journal row stays in the write-ahead file for now: {}", id, e.what()));
  }
}

void LiveGateway::on_created(const std::string& id, Outcome<ClientOrder> outcome) {
  --in_flight_;
  Tracked* tracked = find(id);
  if (tracked == nullptr) return;
  if (auto* remote = std::get_if<ClientOrder>(&outcome)) {
    on_accepted(*tracked, *remote);
    return;
  }
  // The connector already looked the name up before giving up: ask once more, then leave it to
  // reconcile (never resend: the exchange may have it).
  const std::string first_error = std::get<ClientError>(outcome).message;
  client_.fetch_order(
      tracked->order.symbol, id,
      guarded<ClientOrder>([id, first_error](LiveGateway& self, Outcome<ClientOrder> fetched) {
        Tracked* again = self.find(id);
        if (again == nullptr) return;
        if (auto* remote = std::get_if<ClientOrder>(&fetched)) {
          self.on_accepted(*again, *remote);
          return;
        }
        const ClientError& lookup = std::get<ClientError>(fetched);
        if (lookup.code == OB_ERROR_EXCHANGE_UNKNOWN_ORDER && again->journal_state == JournalState::pending_send) {
          self.reject(*again, fmt::format("never reached the exchange: {}", first_error));
          return;
        }
        commons::log(commons::LogLevel::warning, kLog,
                     fmt::format("order {}: outcome unknown ({}; lookup: {}); reconcile settles it", id, first_error,
                                 lookup.message));
      }));
}

void LiveGateway::on_accepted(Tracked& tracked, const ClientOrder& remote) {
  if (tracked.exchange_created_ms == 0) tracked.exchange_created_ms = remote.created_ms;
  if (remote.status == channel::OrderStatus::rejected) {
    reject(tracked, remote.reason.empty() ? "rejected by the exchange" : remote.reason);
    return;
  }
  if (tracked.journal_state == JournalState::pending_send) {
    tracked.exchange_order_id = remote.exchange_order_id;
    journal(tracked, JournalState::acknowledged);
  }
  if (tracked.cancel_requested) {
    // A cancel asked for while the order was being created goes now.
    tracked.cancel_requested = false;
    cancel_member(tracked, tracked.order.reason.empty() ? "cancelled" : tracked.order.reason);
  }
  apply_exchange_state(tracked, remote);
}

void LiveGateway::on_order_event(const OrderEvent& event) {
  Tracked* tracked = find(event.order.client_order_id);
  if (tracked == nullptr) return;  // not ours, or released long ago
  if (tracked->journal_state == JournalState::pending_send && event.order.status != channel::OrderStatus::rejected &&
      event.order.status != channel::OrderStatus::unknown) {
    tracked->exchange_order_id = event.order.exchange_order_id;
    journal(*tracked, JournalState::acknowledged);
  }
  if (event.fill) apply_fill(*tracked, *event.fill);
  if (event.order.status == channel::OrderStatus::rejected && tracked->order.filled.is_zero()) {
    reject(*tracked, event.order.reason.empty() ? "rejected by the exchange" : event.order.reason);
    return;
  }
  apply_exchange_state(*tracked, event.order);
}

void LiveGateway::apply_exchange_state(Tracked& tracked, const ClientOrder& remote) {
  if (remote.filled > tracked.order.filled) {
    // The exchange counts fills we have not seen (events lost or still to come): fetch them, then
    // settle the state.
    fetch_missing_fills(tracked.order.id, remote);
    return;
  }
  if (trading::is_final(tracked.order.state)) return;
  const std::string reason = remote.reason;
  switch (remote.status) {
    case channel::OrderStatus::canceled:
      close(tracked, OrderState::cancelled, reason.empty() ? "cancelled on the exchange" : reason);
      break;
    case channel::OrderStatus::expired:
      close(tracked, OrderState::expired, reason.empty() ? "expired on the exchange" : reason);
      break;
    case channel::OrderStatus::rejected:
      if (tracked.order.filled.is_zero()) {
        reject(tracked, reason.empty() ? "rejected by the exchange" : reason);
      } else {
        close(tracked, OrderState::cancelled, reason.empty() ? "rejected by the exchange" : reason);
      }
      break;
    default:
      break;  // open, partially filled, filled: our fills already say so
  }
}

void LiveGateway::fetch_missing_fills(const std::string& id, const ClientOrder& remote) {
  Tracked* tracked = find(id);
  if (tracked == nullptr) return;
  // A minute before the order's creation, on the exchange's clock when known (its trades carry it;
  // an event's time is its trade's, not the order's); else ours, the minute covering a small skew.
  const std::int64_t created =
      tracked->exchange_created_ms > 0 ? tracked->exchange_created_ms : tracked->order.created_at_ms;
  const std::int64_t since = created - 60'000;
  client_.fills_since(
      tracked->order.symbol, since,
      guarded<std::vector<ClientFill>>([id, remote](LiveGateway& self, Outcome<std::vector<ClientFill>> outcome) {
        Tracked* again = self.find(id);
        if (again == nullptr) return;
        if (auto* fills = std::get_if<std::vector<ClientFill>>(&outcome)) {
          for (const ClientFill& fill : *fills) {
            if (fill.client_order_id == id) self.apply_fill(*again, fill);
          }
        } else {
          commons::log(commons::LogLevel::warning, kLog,
                       fmt::format("order {}: fills lookup failed: {}", id, std::get<ClientError>(outcome).message));
        }
        if (remote.filled > again->order.filled) {
          commons::log(commons::LogLevel::warning, kLog,
                       fmt::format("order {}: the exchange reports {} filled, the trades found give {}", id,
                                   remote.filled, again->order.filled));
          ClientOrder settled = remote;
          settled.filled = again->order.filled;  // state only: no second lookup
          self.apply_exchange_state(*again, settled);
          return;
        }
        self.apply_exchange_state(*again, remote);
      }));
}

void LiveGateway::spend(Portfolio& portfolio, const std::string& asset, Decimal amount, Decimal& reserved) {
  const Decimal from_reserved = commons::min(amount, reserved);
  const Decimal extra = amount - from_reserved;
  Decimal spent = amount;
  if (extra.is_positive()) {
    try {
      portfolio.lock(asset, extra);
    } catch (const InsufficientFunds& error) {
      // The exchange did spend it: the next balance snapshot brings the portfolio in line.
      spent = from_reserved;
      commons::log(commons::LogLevel::warning, kLog,
                   fmt::format("fill needs {} {} beyond the reservation: {}", extra, asset, error.what()));
    }
  }
  if (spent.is_positive()) portfolio.spend_locked(asset, spent);
  reserved -= from_reserved;
}

Decimal& LiveGateway::reservation(Tracked& tracked) {
  return tracked.group.empty() ? tracked.order.reserved : groups_.at(tracked.group).reserved;
}

bool LiveGateway::apply_fill(Tracked& tracked, const ClientFill& fill) {
  Order& order = tracked.order;
  if (!fill.amount.is_positive()) return false;
  // The trade recorded as applied and the order's row holding it: one commit (OrderJournal::Transaction).
  OrderJournal::Transaction write(journal_);
  if (!journal_.record_fill(order.id, fill.trade_id, order.symbol, fill.time_ms)) {
    return false;  // applied before (an event and a lookup, a duplicated event, a previous run)
  }
  const trading::Market& m = market(order.symbol);
  Portfolio& portfolio = *tracked.portfolio;
  Decimal& reserved = reservation(tracked);
  const Decimal cost = fill.amount * fill.price;
  const std::string& received_asset = order.side == Side::buy ? m.base : m.quote;
  const Decimal received = order.side == Side::buy ? fill.amount : cost;
  const std::string fee_asset = fill.fee_asset.empty() ? received_asset : fill.fee_asset;
  if (order.side == Side::buy) {
    spend(portfolio, m.quote, cost, reserved);
  } else {
    spend(portfolio, m.base, fill.amount, reserved);
  }
  if (fee_asset == received_asset) {
    if (received > fill.fee) portfolio.receive(received_asset, received - fill.fee);
  } else {
    portfolio.receive(received_asset, received);
    Decimal none;
    if (fill.fee.is_positive()) spend(portfolio, fee_asset, fill.fee, none);  // e.g. BNB
  }
  order.filled += fill.amount;
  order.filled_cost += cost;
  order.fees += fill.fee;
  order.fee_asset = fee_asset;
  const bool complete = order.filled >= order.amount;
  if (!trading::is_final(order.state)) {
    if (complete && tracked.group.empty() && reserved.is_positive()) {
      portfolio.unlock(order.reserved_asset, reserved);  // filled at a better price than reserved
      reserved = Decimal{};
    }
    order.transition(complete ? OrderState::filled : OrderState::partially_filled);
    if (complete) closed(tracked);
  }
  journal(tracked, journal_state_of(order.state));
  write.commit();
  publish(tracked);
  channel::TradeMessage trade{m.base,     order.symbol, fill.trade_id, order.id,  order.side,
                              fill.price, fill.amount,  fill.fee,      fee_asset, fill.time_ms};
  if (channels_.trades) channels_.trades->send(trade);
  publish_balance(portfolio, m.base);
  publish_balance(portfolio, m.quote);
  if (fee_asset != m.base && fee_asset != m.quote) publish_balance(portfolio, fee_asset);
  if (fill_listener_) fill_listener_(portfolio, order, trade);
  if (!tracked.group.empty()) after_fill(tracked);
  if (complete && order.state == OrderState::filled) create_chained(order.id);
  return true;
}

void LiveGateway::close(Tracked& tracked, OrderState state, std::string reason) {
  Order& order = tracked.order;
  if (trading::is_final(order.state)) return;
  order.reason = std::move(reason);
  if (tracked.group.empty() && order.reserved.is_positive()) {
    tracked.portfolio->unlock(order.reserved_asset, order.reserved);
    order.reserved = Decimal{};
    publish_balance(*tracked.portfolio, order.reserved_asset);
  }
  order.transition(state);
  if (tracked.journaled) journal(tracked, journal_state_of(state));  // refused before sending: no row
  closed(tracked);
  publish(tracked);
  chained_.erase(order.id);  // a parent that did not fill never creates its chained orders
  if (tracked.group.empty()) return;
  // A triggered member waiting for the others' cancels is sent once it is alone.
  const auto group_found = groups_.find(tracked.group);
  if (group_found == groups_.end()) return;
  Group& group = group_found->second;
  Tracked* waiting = nullptr;
  bool others_on_exchange = false;
  for (const std::string& id : group.ids) {
    Tracked* member = find(id);
    if (member == nullptr || trading::is_final(member->order.state)) continue;
    if (member->send_when_alone) {
      waiting = member;
    } else if (member->journal_state != JournalState::held) {
      others_on_exchange = true;
    }
  }
  if (waiting != nullptr && !others_on_exchange) send_triggered(*waiting);
  release_group_if_done(tracked.group);
}

void LiveGateway::release_group_if_done(const std::string& key) {
  const auto found = groups_.find(key);
  if (found == groups_.end()) return;
  Group& group = found->second;
  for (const std::string& id : group.ids) {
    const Tracked* member = find(id);
    if (member != nullptr && !trading::is_final(member->order.state)) return;
  }
  if (group.reserved.is_positive()) {
    group.portfolio->unlock(group.reserved_asset, group.reserved);
    publish_balance(*group.portfolio, group.reserved_asset);
  }
  groups_.erase(found);
}

void LiveGateway::after_fill(Tracked& tracked) {
  const auto found = groups_.find(tracked.group);
  if (found == groups_.end()) return;
  const Group group = found->second;  // a copy: closing members may erase it
  for (const std::string& id : group.ids) {
    Tracked* other = find(id);
    if (other == nullptr || other == &tracked || trading::is_final(other->order.state)) continue;
    if (group.kind == OrderGroupKind::one_cancels_the_other) {
      cancel_member(*other, fmt::format("one-cancels-the-other: {} filled", tracked.order.id));
    } else if (other->journal_state == JournalState::held) {
      // Balanced: a held member is sent with its remaining amount, which shrinks with each fill.
      other->order.amount = tracked.order.remaining();
      if (other->order.remaining().is_positive()) {
        journal(*other, other->journal_state);
        publish(*other);
      } else {
        cancel_member(*other, fmt::format("balanced group: {} filled", tracked.order.id));
      }
    } else if (!tracked.order.remaining().is_positive()) {
      // An order resting on the exchange keeps its amount: it goes once the exit is complete.
      cancel_member(*other, fmt::format("balanced group: {} filled", tracked.order.id));
    }
  }
  release_group_if_done(tracked.group);
}

void LiveGateway::cancel_member(Tracked& tracked, const std::string& reason) {
  if (trading::is_final(tracked.order.state)) return;
  if (tracked.journal_state == JournalState::held) {
    close(tracked, OrderState::cancelled, reason);
    return;
  }
  tracked.order.reason = reason;
  if (tracked.cancel_requested) return;
  tracked.cancel_requested = true;
  // Still being created: the cancel goes once the exchange acknowledges it (on_created).
  if (tracked.journal_state == JournalState::pending_send) return;
  const std::string id = tracked.order.id;
  client_.cancel_order(tracked.order.symbol, id,
                       guarded<ClientOrder>([id](LiveGateway& self, Outcome<ClientOrder> outcome) {
                         self.on_cancelled(id, std::move(outcome));
                       }));
}

bool LiveGateway::cancel_order(std::string_view id) {
  Tracked* tracked = find(id);
  if (tracked == nullptr || trading::is_final(tracked->order.state)) return false;
  chained_.erase(tracked->order.id);
  if (tracked->group.empty()) {
    cancel_member(*tracked, "cancelled");
    return true;
  }
  const std::vector<std::string> ids = groups_.at(tracked->group).ids;
  const std::string reason = fmt::format("group cancelled with {}", tracked->order.id);
  for (const std::string& member_id : ids) {
    if (Tracked* member = find(member_id)) cancel_member(*member, member_id == id ? "cancelled" : reason);
  }
  return true;
}

void LiveGateway::on_cancelled(const std::string& id, Outcome<ClientOrder> outcome) {
  Tracked* tracked = find(id);
  if (tracked == nullptr) return;
  tracked->cancel_requested = false;
  if (auto* remote = std::get_if<ClientOrder>(&outcome)) {
    apply_exchange_state(*tracked, *remote);
    return;
  }
  const ClientError& error = std::get<ClientError>(outcome);
  if (error.code != OB_ERROR_EXCHANGE_UNKNOWN_ORDER) {
    commons::log(commons::LogLevel::warning, kLog, fmt::format("cancel of {} failed: {}", id, error.message));
    return;
  }
  // Closed already (filled, most likely): learn how.
  client_.fetch_order(tracked->order.symbol, id,
                      guarded<ClientOrder>([id](LiveGateway& self, Outcome<ClientOrder> fetched) {
                        Tracked* again = self.find(id);
                        if (again == nullptr) return;
                        if (auto* remote = std::get_if<ClientOrder>(&fetched))
                          self.apply_exchange_state(*again, *remote);
                      }));
}

void LiveGateway::on_price(std::string_view symbol, Decimal price) {
  prices_[std::string(symbol)] = price;
  release_closed();
  const std::vector<std::string> ids = open_ids_;
  for (const std::string& id : ids) {
    Tracked* tracked = find(id);
    if (tracked == nullptr || tracked->order.symbol != symbol || trading::is_final(tracked->order.state)) continue;
    const Order& order = tracked->order;
    if (tracked->journal_state != JournalState::held || order.triggered) continue;
    const bool hit =
        fires_on_fall(order.type, order.side) ? price <= order.trigger_price : price >= order.trigger_price;
    if (hit) trigger(*tracked);
  }
}

void LiveGateway::trigger(Tracked& tracked) {
  tracked.order.triggered = true;
  if (tracked.group.empty()) {
    send_triggered(tracked);
    return;
  }
  // The others' funds are locked on the exchange (or, held, locally): they go first, OCO or not —
  // only one exit of a group may execute at a time.
  const Group group = groups_.at(tracked.group);
  bool wait = false;
  for (const std::string& id : group.ids) {
    Tracked* other = find(id);
    if (other == nullptr || other == &tracked || trading::is_final(other->order.state)) continue;
    if (other->journal_state != JournalState::held) wait = true;
    if (group.kind == OrderGroupKind::one_cancels_the_other || other->journal_state != JournalState::held) {
      cancel_member(*other, fmt::format("{} triggered", tracked.order.id));
    }
  }
  if (wait) {
    tracked.send_when_alone = true;
  } else {
    send_triggered(tracked);
  }
}

void LiveGateway::send_triggered(Tracked& tracked) {
  tracked.send_when_alone = false;
  journal(tracked, JournalState::pending_send);
  send(tracked);
}

void LiveGateway::on_balances(const std::vector<AssetBalance>& balances) { set_balances(balances); }

void LiveGateway::refresh_balances(std::function<void(const std::optional<std::string>& error)> done) {
  client_.balances(guarded<std::vector<AssetBalance>>(
      [done = std::move(done)](LiveGateway& self, Outcome<std::vector<AssetBalance>> outcome) {
        if (const auto* balances = std::get_if<std::vector<AssetBalance>>(&outcome)) {
          self.set_balances(*balances);
          self.balances_known_ = true;
          // What the orders restored at start reserve, locked now that there are funds to lock.
          std::vector<std::string> errors;
          self.reserve_open_orders(errors);
          for (const std::string& error : errors) commons::log(commons::LogLevel::warning, kLog, error);
          done(std::nullopt);
          return;
        }
        done(std::get<ClientError>(outcome).message);
      }));
}

void LiveGateway::set_balances(const std::vector<AssetBalance>& balances) {
  // The exchange's totals win; our open orders' reservations stay locked inside them.
  for (const AssetBalance& remote : balances) {
    const trading::Balance local = portfolio_.balance(remote.asset);
    if (remote.total == local.total) continue;
    if (remote.total > local.total) {
      portfolio_.deposit(remote.asset, remote.total - local.total);
    } else {
      const Decimal excess = local.total - remote.total;
      const Decimal removable = commons::min(excess, local.available);
      if (removable.is_positive()) {
        portfolio_.lock(remote.asset, removable);
        portfolio_.spend_locked(remote.asset, removable);
      }
      if (removable < excess) {
        commons::log(commons::LogLevel::warning, kLog,
                     fmt::format("{}: the exchange holds {}, below what open orders reserve here ({})", remote.asset,
                                 remote.total, local.locked()));
      }
    }
    publish_balance(portfolio_, remote.asset);
  }
}

}  // namespace octobot::exchanges
