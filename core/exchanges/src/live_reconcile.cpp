// LiveGateway::reconcile: after a restart (graceful or kill -9), settles every order the journal
// says may be on the exchange, by asking the exchange about each one by name. Nothing is resent.
#include <octobot/commons/decimal_format.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/exchange.h>
#include <octobot/exchanges/live_gateway.hpp>

#include <fmt/format.h>

#include <set>

#include "live_reconciling.hpp"

namespace octobot::exchanges {
namespace {

using channel::OrderType;
using channel::Side;
using trading::Order;
using trading::OrderState;

constexpr std::string_view kLog = "live";

bool is_limit_type(OrderType type) {
  return type == OrderType::limit || type == OrderType::stop_loss_limit || type == OrderType::take_profit_limit;
}

}  // namespace

void LiveGateway::reconcile(std::function<void(const ReconcileReport&)> done) {
  if (reconciling_) throw std::logic_error("reconcile is already running");
  reconciling_ = std::make_unique<Reconciling>();
  Reconciling& state = *reconciling_;
  state.done = std::move(done);
  state.entries = journal_.unfinished();
  state.pending = 1;  // released at the end of this function: completions may run inline
  // First the orders, the open orders and the balances; once they are all in, the trades of the
  // orders that filled unseen (lookup_missed_fills), then the settling (finish_reconcile).
  const auto finished_one = [](LiveGateway& self) {
    if (--self.reconciling_->pending == 0) self.lookup_missed_fills();
  };
  for (const JournalEntry& entry : state.entries) {
    if (entry.state == JournalState::held) continue;  // never sent: nothing to ask
    ++state.pending;
    client_.fetch_order(entry.symbol, entry.client_order_id,
                        guarded<ClientOrder>([id = entry.client_order_id, finished_one](LiveGateway& self,
                                                                                        Outcome<ClientOrder> outcome) {
                          self.reconciling_->remote.insert_or_assign(id, std::move(outcome));
                          finished_one(self);
                        }));
  }
  // Orders with our prefix that the journal does not know, on every symbol we ever traded.
  for (const std::string& symbol : journal_.symbols()) {
    ++state.pending;
    client_.open_orders(symbol, guarded<std::vector<ClientOrder>>(
                                    [finished_one](LiveGateway& self, Outcome<std::vector<ClientOrder>> outcome) {
                                      if (auto* open = std::get_if<std::vector<ClientOrder>>(&outcome)) {
                                        auto& all = self.reconciling_->open_on_exchange;
                                        all.insert(all.end(), open->begin(), open->end());
                                      }
                                      finished_one(self);
                                    }));
  }
  ++state.pending;
  client_.balances(guarded<std::vector<AssetBalance>>([finished_one](LiveGateway& self,
                                                                     Outcome<std::vector<AssetBalance>> outcome) {
    if (auto* balances = std::get_if<std::vector<AssetBalance>>(&outcome)) {
      self.reconciling_->balances = std::move(*balances);
    } else {
      self.reconciling_->report.errors.push_back(fmt::format("balances: {}", std::get<ClientError>(outcome).message));
    }
    finished_one(self);
  }));
  if (--state.pending == 0) lookup_missed_fills();
}

void LiveGateway::lookup_missed_fills() {
  Reconciling& state = *reconciling_;
  // Per symbol, from the earliest order the exchange counts more fills of than the journal applied.
  // From its creation on the exchange's clock (the lookup's answer), which its trades carry and which
  // may be far from ours (a testnet, a replayed market); a minute early all the same.
  std::map<std::string, std::int64_t> fills_from;
  for (const JournalEntry& entry : state.entries) {
    const auto found = state.remote.find(entry.client_order_id);
    if (found == state.remote.end()) continue;
    const auto* remote = std::get_if<ClientOrder>(&found->second);
    if (remote == nullptr || remote->filled <= entry.filled) continue;
    const std::int64_t from = (remote->created_ms > 0 ? remote->created_ms : entry.created_ms) - 60'000;
    const auto [it, inserted] = fills_from.emplace(entry.symbol, from);
    if (!inserted) it->second = std::min(it->second, from);
  }
  state.pending = 1;  // released at the end of this function: completions may run inline
  for (const auto& [symbol, since] : fills_from) {
    ++state.pending;
    client_.fills_since(symbol, since,
                        guarded<std::vector<ClientFill>>(
                            [symbol = symbol](LiveGateway& self, Outcome<std::vector<ClientFill>> outcome) {
                              if (auto* fills = std::get_if<std::vector<ClientFill>>(&outcome)) {
                                self.reconciling_->fills[symbol] = std::move(*fills);
                              } else {
                                self.reconciling_->report.errors.push_back(
                                    fmt::format("fills of {}: {}", symbol, std::get<ClientError>(outcome).message));
                              }
                              if (--self.reconciling_->pending == 0) self.finish_reconcile();
                            }));
  }
  if (--state.pending == 0) finish_reconcile();
}

void LiveGateway::restore(const JournalEntry& entry, JournalState state) {
  Tracked tracked;
  Order& order = tracked.order;
  order.id = entry.client_order_id;
  order.symbol = entry.symbol;
  order.side = entry.side;
  order.type = entry.type;
  order.state = OrderState::open;
  order.amount = entry.amount;
  order.price = entry.price;
  order.trigger_price = entry.trigger_price;
  order.filled = entry.filled;
  order.filled_cost = entry.filled_cost;
  order.fees = entry.fees;
  order.fee_asset = entry.fee_asset;
  order.reason = entry.reason;
  order.created_at_ms = entry.created_ms;
  if (order.filled.is_positive() && order.filled < order.amount) order.state = OrderState::partially_filled;
  // A sent trigger order fired before the crash: it is a plain market or limit order now.
  order.triggered = state != JournalState::held && entry.type != OrderType::limit && entry.type != OrderType::market;
  const trading::Market& m = market(entry.symbol);
  order.reserved_asset = order.side == Side::buy ? m.quote : m.base;
  // Sub-portfolios are created by the modes after the restart: restored orders go to the account.
  tracked.portfolio = &portfolio_;
  tracked.group = entry.group;
  tracked.owner = entry.owner;
  tracked.journal_state = state;
  tracked.journaled = true;
  tracked.exchange_order_id = entry.exchange_order_id;
  if (!entry.group.empty()) {
    auto [group, created] = groups_.try_emplace(entry.group);
    if (created) {
      group->second.kind = static_cast<trading::OrderGroupKind>(std::max(entry.group_kind, 0));
      group->second.portfolio = &portfolio_;
      group->second.reserved_asset = order.reserved_asset;
    }
    group->second.ids.push_back(order.id);
  }
  orders_.insert_or_assign(order.id, std::move(tracked));
  open_ids_.push_back(entry.client_order_id);
}

void LiveGateway::finish_reconcile() {
  const std::unique_ptr<Reconciling> state = std::move(reconciling_);
  ReconcileReport& report = state->report;
  // 1. The exchange's balances: they already count every fill that happened while we were down.
  if (state->balances) {
    set_balances(*state->balances);
    balances_known_ = true;
  }
  // 2. Every unfinished order tracked again before any is settled: a fill applied to one member of a
  //    group acts on the others (one-cancels-the-other cancels them), which must all be there whatever
  //    order the journal lists them in. Tracked already when an earlier reconcile could not settle it.
  for (const JournalEntry& entry : state->entries) {
    if (markets_.contains(entry.symbol) && !orders_.contains(entry.client_order_id)) restore(entry, entry.state);
  }
  // 3. Each of them settled. Missed fills update the orders and are published, but move no funds (the
  //    balances above hold them already).
  std::set<std::string> known;
  for (const JournalEntry& entry : state->entries) {
    known.insert(entry.client_order_id);
    ++report.checked;
    if (!markets_.contains(entry.symbol)) {
      report.errors.push_back(
          fmt::format("order {}: market {} is not traded any more", entry.client_order_id, entry.symbol));
      continue;
    }
    Tracked& tracked = orders_.at(entry.client_order_id);
    if (entry.state == JournalState::held) {
      ++report.held;
      continue;
    }
    const Outcome<ClientOrder>& outcome = state->remote.at(entry.client_order_id);
    if (const auto* error = std::get_if<ClientError>(&outcome)) {
      if (error->code != OB_ERROR_EXCHANGE_UNKNOWN_ORDER) {
        report.errors.push_back(fmt::format("order {}: {}", entry.client_order_id, error->message));
        continue;  // stays as the journal had it; a later reconcile settles it
      }
      if (entry.state == JournalState::pending_send) {
        ++report.never_reached;
        tracked.order.state = OrderState::pending;  // it never was anywhere but here
        reject(tracked, "never reached the exchange (unknown to it after a restart)");
      } else {
        ++report.cancelled;
        close(tracked, OrderState::cancelled, "unknown to the exchange after a restart (acknowledged before)");
      }
      continue;
    }
    const ClientOrder& remote = std::get<ClientOrder>(outcome);
    if (tracked.exchange_created_ms == 0) tracked.exchange_created_ms = remote.created_ms;
    if (entry.state == JournalState::pending_send && remote.status != channel::OrderStatus::rejected) {
      tracked.exchange_order_id = remote.exchange_order_id;
      journal(tracked, JournalState::acknowledged);
    }
    // Missed fills: applied with no reservation to spend (funds move nowhere twice, see above).
    const auto fills = state->fills.find(entry.symbol);
    if (fills != state->fills.end()) {
      for (const ClientFill& fill : fills->second) {
        if (fill.client_order_id != entry.client_order_id) continue;
        if (journal_.has_fill(entry.client_order_id, fill.trade_id)) continue;
        OrderJournal::Transaction write(journal_);  // the trade and the order's row, committed together
        journal_.record_fill(entry.client_order_id, fill.trade_id, entry.symbol, fill.time_ms);
        Order& order = tracked.order;
        order.filled += fill.amount;
        order.filled_cost += fill.amount * fill.price;
        order.fees += fill.fee;
        if (!fill.fee_asset.empty()) order.fee_asset = fill.fee_asset;
        const bool complete = order.filled >= order.amount;
        order.transition(complete ? OrderState::filled : OrderState::partially_filled);
        journal(tracked, complete ? JournalState::filled : tracked.journal_state);
        write.commit();
        publish(tracked);
        const trading::Market& m = market(order.symbol);
        channel::TradeMessage trade{m.base,     order.symbol, fill.trade_id, order.id,        order.side,
                                    fill.price, fill.amount,  fill.fee,      order.fee_asset, fill.time_ms};
        if (channels_.trades) channels_.trades->send(trade);
        if (fill_listener_) fill_listener_(portfolio_, order, trade);
        ++report.fills_applied;
        if (complete) {
          // Reserved by an earlier reconcile that could not settle it: the exchange spent it.
          if (tracked.group.empty() && order.reserved.is_positive()) {
            portfolio_.unlock(order.reserved_asset, order.reserved);
            order.reserved = Decimal{};
            publish_balance(portfolio_, order.reserved_asset);
          }
          closed(tracked);
          if (!tracked.group.empty()) after_fill(tracked);
          break;
        }
      }
    }
    if (remote.filled > tracked.order.filled) {
      report.errors.push_back(fmt::format("order {}: the exchange reports {} filled, the trades found give {}",
                                          entry.client_order_id, remote.filled, tracked.order.filled));
    }
    switch (remote.status) {
      case channel::OrderStatus::filled:
        if (tracked.order.state == OrderState::filled) ++report.filled;
        break;
      case channel::OrderStatus::canceled:
        ++report.cancelled;
        close(tracked, OrderState::cancelled,
              remote.reason.empty() ? "cancelled while the bot was down" : remote.reason);
        break;
      case channel::OrderStatus::expired:
        ++report.cancelled;
        close(tracked, OrderState::expired, remote.reason.empty() ? "expired while the bot was down" : remote.reason);
        break;
      case channel::OrderStatus::rejected:
        ++report.never_reached;
        if (tracked.order.filled.is_zero()) tracked.order.state = OrderState::pending;
        reject(tracked, remote.reason.empty() ? "rejected by the exchange" : remote.reason);
        break;
      default:
        if (!trading::is_final(tracked.order.state)) ++report.still_open;
        break;
    }
  }
  // 4. What the orders still open reserve, locked again inside the exchange's balances (once they
  //    are known: refresh_balances does it when they load later).
  if (balances_known_) reserve_open_orders(report.errors);
  // 5. Ours by name, unknown to the journal: left alone (whose they are and which mode they belong
  //    to is unknown), reported.
  const std::string prefix = options_.id_prefix;
  for (const ClientOrder& remote : state->open_on_exchange) {
    if (!remote.client_order_id.starts_with(prefix) || known.contains(remote.client_order_id)) continue;
    if (journal_.find(remote.client_order_id)) continue;
    report.foreign_orders.push_back(remote.client_order_id);
    commons::log(commons::LogLevel::warning, kLog,
                 fmt::format("open order {} on {} carries our prefix but is not in the journal: left alone",
                             remote.client_order_id, remote.symbol));
  }
  commons::log(report.complete() ? commons::LogLevel::info : commons::LogLevel::warning, kLog,
               fmt::format("reconciled {} orders: {} open, {} held, {} filled, {} cancelled, {} never reached the "
                           "exchange, {} fills applied, {} errors",
                           report.checked, report.still_open, report.held, report.filled, report.cancelled,
                           report.never_reached, report.fills_applied, report.errors.size()));
  if (state->done) state->done(report);
}

void LiveGateway::reserve_open_orders(std::vector<std::string>& errors) {
  for (auto& [id, tracked] : orders_) {
    Order& order = tracked.order;
    if (trading::is_final(order.state)) continue;
    const Decimal price = is_limit_type(order.type) ? order.price : order.trigger_price;
    const Decimal needed = order.side == Side::buy ? order.remaining() * price : order.remaining();
    if (!needed.is_positive()) continue;
    Decimal& reserved = tracked.group.empty() ? order.reserved : groups_.at(tracked.group).reserved;
    const Decimal more = needed - reserved;  // a group reserves once, for its largest member
    if (!more.is_positive()) continue;
    try {
      portfolio_.lock(order.reserved_asset, more);
      reserved += more;
    } catch (const trading::InsufficientFunds& error) {
      errors.push_back(fmt::format("order {}: cannot reserve {} {}: {}", id, more, order.reserved_asset, error.what()));
    }
    publish(tracked);
    publish_balance(portfolio_, order.reserved_asset);
  }
}

}  // namespace octobot::exchanges
