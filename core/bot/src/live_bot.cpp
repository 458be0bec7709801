#include <octobot/bot/live_bot.hpp>
#include <octobot/bot/snapshot_schedule.hpp>
#include <octobot/channel/delivery_mode.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/standard/service_feed.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/exchange.h>
#include <octobot/exchanges/ban_file.hpp>
#include <octobot/exchanges/exchange_client.hpp>
#include <octobot/exchanges/live_gateway.hpp>
#include <octobot/exchanges/order_poll_schedule.hpp>
#include <octobot/exchanges/retry_backoff.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/exchange_manager.hpp>
#include <octobot/trading/trading_recorder.hpp>
#include <octobot/trading/trading_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "bot_wiring.hpp"
#include "live_gateway_choice.hpp"

namespace octobot::bot {
namespace {

using commons::Decimal;
using commons::LogLevel;

constexpr const char* kMatrixId = "live";
constexpr const char* kLogSource = "bot";
// A due portfolio snapshot waits this long after the latest closed candle (SnapshotSchedule): its
// evaluation and orders take well under a millisecond.
constexpr std::int64_t kSnapshotQuietMs = 100;

// The time frames the profile's active strategies require (their resolved `required_time_frames`).
std::vector<commons::TimeFrame> strategy_time_frames(tentacles::TentacleHost& host, const commons::Profile& profile) {
  std::set<commons::TimeFrame> found;
  const ob_config_service_v1* config = tentacles::config_service();
  for (const auto& name : profile.active_classes()) {
    const ob_class_descriptor* descriptor = host.find_class(name);
    if (descriptor == nullptr || descriptor->kind != OB_KIND_STRATEGY) continue;
    const tentacles::TentacleConfig resolved = host.resolve_config(name);
    uint64_t count = 0;
    ob_error error = {OB_HEADER_INIT(ob_error), {0}};
    if (config->get_array_size(resolved.handle(), "required_time_frames", &count, &error) != OB_OK) continue;
    for (uint64_t i = 0; i < count; ++i) {
      char text[32];
      uint64_t length = 0;
      const std::string path = "required_time_frames[" + std::to_string(i) + "]";
      if (config->get_string(resolved.handle(), path.c_str(), text, sizeof(text), &length, &error) != OB_OK) continue;
      if (const auto time_frame = commons::parse_time_frame(text)) found.insert(*time_frame);
    }
  }
  if (found.empty()) found.insert(commons::TimeFrame::one_hour);
  return {found.begin(), found.end()};
}

channel::Candle core_candle(const exchanges::CandleEvent& event) {
  return {event.open_time_ms, event.open, event.high, event.low, event.close, event.volume};
}

std::string_view status_name(channel::OrderStatus status) {
  switch (status) {
    case channel::OrderStatus::open:
      return "open";
    case channel::OrderStatus::partially_filled:
      return "partially_filled";
    case channel::OrderStatus::filled:
      return "filled";
    case channel::OrderStatus::canceled:
      return "canceled";
    case channel::OrderStatus::rejected:
      return "rejected";
    case channel::OrderStatus::expired:
      return "expired";
    case channel::OrderStatus::unknown:
      break;
  }
  return "unknown";
}

std::string describe(const channel::OrderMessage& order) {
  return fmt::format("order {} {} {} {} {}: amount {} filled {}{}", order.order_id, order.symbol,
                     order.side == channel::Side::buy ? "buy" : "sell", channel::to_string(order.type),
                     status_name(order.status), order.amount.to_string(), order.filled.to_string(),
                     order.price > Decimal() ? " price " + order.price.to_string() : std::string());
}

}  // namespace

TradingKind trading_kind(const commons::Profile& profile) noexcept {
  return profile.trader_enabled ? TradingKind::real : TradingKind::paper;
}

struct LiveBot::Impl {
  enum class Phase : std::uint8_t { idle, starting, subscribing, history, live, stopped };
  using SeriesKey = std::pair<std::string, commons::TimeFrame>;

  Impl(tentacles::TentacleHost& host_, exchanges::ExchangeClient& client_, channel::Executor loop_,
       LiveBotConfig config_)
      : host(host_), client(client_), loop(std::move(loop_)), config(std::move(config_)), services([this] {
          return now;
        }) {}

  tentacles::TentacleHost& host;
  exchanges::ExchangeClient& client;
  channel::Executor loop;
  LiveBotConfig config;
  std::vector<std::string> symbols;
  std::vector<commons::TimeFrame> time_frames;  // shortest first

  std::int64_t now = 0;                   // bot time: the latest closed candle's close
  std::int64_t remembered_ban_until = 0;  // the latest ban end written to config.ban_file
  tentacles::HostServices services;
  channel::ChannelRegistry registry;
  std::unique_ptr<trading::ExchangeManager> exchange;
  exchanges::LiveGateway* live_gateway = nullptr;  // real trading (owned by `exchange`)
  std::unique_ptr<evaluators::EvaluationPipeline> pipeline;
  std::unique_ptr<detail::TradingSide> side;
  std::optional<trading::TradingStore> store;
  std::optional<trading::TradingRecorder> recorder;
  std::vector<channel::Subscription> subscriptions;

  Phase phase = Phase::idle;
  std::function<void(std::optional<std::string>)> on_live;
  std::size_t subscribes_waiting = 0;
  std::size_t history_waiting = 0;
  std::vector<exchanges::CandleEvent> held;  // live closed candles before the bot is live
  std::vector<exchanges::CandleEvent> history;
  std::map<SeriesKey, std::int64_t> last_open;  // per series: the latest candle stored
  // The periodic portfolio snapshot: off the path from a closed candle to its orders.
  SnapshotSchedule snapshots{config.snapshot_interval_ms, kSnapshotQuietMs};
  LiveBotStats counts;
  exchanges::OrderPollSchedule order_polls{config.order_poll_interval_ms};
  // Real trading whose start could not load the account's balances: retried, 1 s then doubling to a minute.
  exchanges::RetryBackoff balance_retry{1000, 60'000};
  std::set<std::string> orders_seen;  // ids on the Orders channel (real trading's order count)
  // The previous session's state (config.resume_from). Paper: its last snapshot's balances, restored
  // as the starting portfolio, and its open orders, restored once the history reaches `time_ms`. Real
  // (the exchange and the journal hold the orders): the owners and pending chains of its open orders.
  struct Resume {
    std::int64_t time_ms = 0;
    std::map<std::string, trading::Balance, std::less<>> balances;
    std::vector<trading::Order> open_orders;
    trading::OrderLinks links;  // their groups, pending chains and owners
    bool owners_saved = true;   // false: a store written before the owners were saved
    bool restored = false;
  };
  std::optional<Resume> resume;
  std::uint64_t ids_before = 0;  // the simulated exchange's order count after the restore
  bool checkpoint_posted = false;
  std::shared_ptr<int> alive = std::make_shared<int>(0);  // posted tasks check it: the bot may be gone

  void fail(const std::string& reason) {
    if (phase == Phase::stopped) return;
    stop();
    if (auto done = std::exchange(on_live, nullptr)) done(reason);
  }

  void stop() {
    if (phase == Phase::stopped) return;
    phase = Phase::stopped;
    client.stop();
    if (recorder) {
      // With order deliveries still queued, the store would miss their rows: the open orders (what a
      // resumed session needs) and what became of the orders this session inherited are saved as they are.
      recorder->record_open_orders();
      if (resume && store && exchange->has_gateway()) {
        for (const auto& inherited : resume->open_orders) {
          if (const trading::Order* order = exchange->gateway().order(inherited.id)) store->save_order(*order);
        }
      }
      checkpoint();
    }
    if (store) store->flush();
  }

  // 1. Markets and the gateway.
  void on_markets(std::vector<trading::Market> markets) {
    std::vector<trading::Market> used;
    for (const auto& symbol : symbols) {
      const auto it = std::find_if(markets.begin(), markets.end(), [&](const auto& m) { return m.symbol == symbol; });
      if (it == markets.end()) {
        return fail("the profile trades " + symbol + " but " + client.exchange() + " has no such market");
      }
      trading::Market market = *it;
      if (config.kind == TradingKind::paper) {
        // The simulator's fees are the profile's (percent), as in a backtest; precision and minimums stay
        // the exchange's.
        const Decimal hundred = Decimal::from_integer(100);
        if (!config.profile.maker_fee_percent.empty())
          market.maker_fee = Decimal::from_string(config.profile.maker_fee_percent) / hundred;
        if (!config.profile.taker_fee_percent.empty())
          market.taker_fee = Decimal::from_string(config.profile.taker_fee_percent) / hundred;
      }
      used.push_back(std::move(market));
    }
    const auto mode = channel::DeliveryMode::asynchronous(loop);
    channel::create_exchange_channels(registry, client.exchange(), mode);
    channel::create_matrix_channels(registry, kMatrixId, mode);
    // The service feed (the web API's webhook publishes on it, the trading modes hear it), on the bot
    // loop like the rest; created before the trading side so that its runner subscribes.
    if (registry.find(channel::ServiceFeedChannel::kName) == nullptr) {
      registry.create<channel::ServiceFeedChannel>("", mode);
    }
    exchange = std::make_unique<trading::ExchangeManager>(
        trading::ExchangeManagerConfig{client.exchange(), config.candle_buffer_capacity, 1000}, registry,
        std::move(used));
    detail::GatewaySetup gateway{config.kind, &config.profile, time_frames.front(), config.journal_file};
    if (gateway.journal_file.empty()) gateway.journal_file = config.store_file.parent_path() / "orders-journal.sqlite";
    gateway.journal_durability = config.journal_durability;
    std::map<std::string, Decimal, std::less<>> totals;
    if (config.kind == TradingKind::paper && !config.resume_from.empty()) load_resume();
    if (config.kind == TradingKind::real) load_real_resume();
    if (resume) {
      for (const auto& [asset, balance] : resume->balances) totals.emplace(asset, balance.total);
      gateway.paper_totals = &totals;
    }
    live_gateway = detail::install_gateway(*exchange, client, gateway);
    exchange->publish_balances();
    open_store();
    if (live_gateway == nullptr) return subscribe();
    // Real trading: settle every order the journal holds from an earlier run before anything trades.
    live_gateway->reconcile([this](const exchanges::ReconcileReport& report) {
      if (phase == Phase::stopped) return;
      commons::log(
          report.complete() ? LogLevel::info : LogLevel::warning, kLogSource,
          fmt::format("reconciled {} journal orders with {}: {} open, {} filled, {} cancelled, {} never "
                      "reached it, {} missed fills applied{}",
                      report.checked, client.exchange(), report.still_open, report.filled, report.cancelled,
                      report.never_reached, report.fills_applied,
                      report.errors.empty() ? std::string()
                                            : "; errors: " + fmt::format("{}", fmt::join(report.errors, "; "))));
      if (!live_gateway->balances_known()) {
        const std::int64_t delay = balance_retry.failed(steady_now_ms());
        commons::log(LogLevel::warning, kLogSource,
                     fmt::format("{} account balances unknown: no order is sized until they load; retrying in {} ms",
                                 client.exchange(), delay));
      }
      subscribe();
    });
  }

  // The links between open orders a restarted session must restore: the requests the modes chained to
  // open orders and the mode owning each open order with its tag (kept by the accounts and the runner,
  // not by the exchange), and in paper trading the simulated exchange's groups. Real trading's groups
  // are the gateway's journal's (each member's row names its group): not saved here.
  trading::OrderLinks current_links() const {
    trading::OrderLinks links;
    if (!exchange) return links;
    if (const trading::SimulatedExchange* simulated = exchange->simulated_exchange()) links = simulated->links();
    if (side) {
      for (auto& chain : side->account().pending_chains()) links.chains.push_back(std::move(chain));
      links.owners = side->runner().order_owners();
    }
    return links;
  }

  // Paper: reads the previous session's last portfolio snapshot and open orders.
  void load_resume() {
    const trading::TradingStore previous(config.resume_from.string());
    Resume state;
    const auto latest = previous.load_latest_portfolio(exchange->portfolio().name());
    for (const auto& row : latest) {
      state.time_ms = row.time_ms;
      state.balances[row.asset] = row.balance;
    }
    if (latest.empty()) {
      commons::log(LogLevel::warning, kLogSource,
                   fmt::format("paper trading: {} holds no portfolio snapshot: starting from the profile's "
                               "starting portfolio",
                               config.resume_from.string()));
      return;
    }
    state.open_orders = previous.load_open_orders();
    state.links = previous.load_order_links();
    state.owners_saved = !previous.predates_order_owners();
    if (!state.owners_saved && !state.open_orders.empty()) {
      commons::log(LogLevel::warning, kLogSource,
                   fmt::format("{} was written before the owners of open orders were saved: its open orders come "
                               "back belonging to no trading mode (no mode sees, updates or cancels them)",
                               config.resume_from.string()));
    }
    if (previous.predates_order_links() && !state.open_orders.empty()) {
      commons::log(LogLevel::warning, kLogSource,
                   fmt::format("{} was written before order groups and chains were saved: its open orders come "
                               "back on their own (a group member beyond the snapshot's reserved funds is "
                               "cancelled) and no chained order is restored",
                               config.resume_from.string()));
    }
    std::vector<std::string> holdings;
    for (const auto& [asset, balance] : state.balances) {
      if (!balance.total.is_zero()) holdings.push_back(asset + " " + balance.total.to_string());
    }
    commons::log(LogLevel::info, kLogSource,
                 fmt::format("paper trading continues the previous session ({}): its portfolio at bot time {} "
                             "({}) and its {} open orders, {} order groups and {} pending chains (`octobot run "
                             "--reset-paper` starts afresh)",
                             config.resume_from.string(), state.time_ms, fmt::join(holdings, ", "),
                             state.open_orders.size(), state.links.groups.size(), state.links.chains.size()));
    resume = std::move(state);
  }

  // Real: the owners and pending chains of the previous real session's open orders (config.resume_from,
  // latest_real_state), for the orders the journal's reconcile leaves open. Without a previous store
  // (the first run, or every earlier one killed before its first checkpoint) the open orders come back
  // belonging to no mode, said when they are adopted.
  void load_real_resume() {
    Resume state;
    state.restored = true;  // nothing to restore: the reconcile tracks the journal's orders again
    if (config.resume_from.empty()) {
      state.owners_saved = false;
      resume = std::move(state);
      return;
    }
    const trading::TradingStore previous(config.resume_from.string());
    state.links = previous.load_order_links();
    state.owners_saved = !previous.predates_order_owners() && !previous.predates_order_links();
    commons::log(LogLevel::info, kLogSource,
                 fmt::format("real trading: the owners of the open orders ({}) and the pending chains ({}) of the "
                             "previous session ({}) go back to their trading modes once the journal is reconciled",
                             state.links.owners.size(), state.links.chains.size(), config.resume_from.string()));
    resume = std::move(state);
  }

  // Paper: the previous session's open orders, back on the simulated exchange with their reservations,
  // their groups and the orders chained to them. A link that cannot be restored is reported (warning)
  // and its orders come back on their own.
  void restore_orders() {
    resume->restored = true;
    trading::SimulatedExchange& simulated = *exchange->simulated_exchange();
    std::set<std::string> in_groups;
    for (const auto& group : resume->links.groups) {
      try {
        simulated.restore_order_group(group, resume->open_orders);
        in_groups.insert(group.order_ids.begin(), group.order_ids.end());
        counts.orders_restored += group.order_ids.size();
        ++counts.groups_restored;
      } catch (const std::exception& e) {
        commons::log(LogLevel::warning, kLogSource,
                     fmt::format("order group ({}) of the previous session not restored: {}; its members come "
                                 "back on their own",
                                 fmt::join(group.order_ids, ", "), e.what()));
      }
    }
    for (const auto& order : resume->open_orders) {
      if (in_groups.contains(order.id)) continue;
      try {
        const trading::Order& restored = simulated.restore_order(order);
        // A group member whose group was not restored (an older store, or a group refused above) comes
        // back holding funds of its own. Beyond the funds the snapshot reserved, it is cancelled rather
        // than letting the account reserve (and later spend) the same funds twice.
        const auto it = resume->balances.find(restored.reserved_asset);
        const Decimal allowed = it == resume->balances.end() ? Decimal() : it->second.locked();
        if (exchange->portfolio().balance(restored.reserved_asset).locked() > allowed) {
          simulated.cancel_order(order.id);
          // Saved now: the store must say what became of it even if the bot stops before the
          // cancel's delivery runs.
          if (store) {
            if (const trading::Order* cancelled = simulated.order(order.id)) store->save_order(*cancelled);
          }
          commons::log(LogLevel::warning, kLogSource,
                       fmt::format("order {} of the previous session cancelled: it shared its group's reserved "
                                   "funds (its group was not restored)",
                                   order.id));
          continue;
        }
        ++counts.orders_restored;
      } catch (const std::exception& e) {
        commons::log(LogLevel::warning, kLogSource, fmt::format("order {} not restored: {}", order.id, e.what()));
      }
    }
    for (const auto& chain : resume->links.chains) {
      try {
        simulated.restore_chain(chain);
        ++counts.chains_restored;
      } catch (const std::exception& e) {
        commons::log(LogLevel::warning, kLogSource,
                     fmt::format("{} orders chained to {} of the previous session not restored: {}",
                                 chain.requests.size(), chain.parent_id, e.what()));
      }
    }
    ids_before = simulated.orders_created();
    // A checkpoint commits the snapshot after the order rows it follows: the locked funds match.
    std::vector<std::string> mismatches;
    for (const auto& [asset, balance] : resume->balances) {
      const Decimal locked = exchange->portfolio().balance(asset).locked();
      if (locked != balance.locked()) {
        mismatches.push_back(
            fmt::format("{} {} locked, {} in the snapshot", asset, locked.to_string(), balance.locked().to_string()));
      }
    }
    commons::log(
        mismatches.empty() ? LogLevel::info : LogLevel::warning, kLogSource,
        fmt::format("restored {} open orders of the previous session, {} order groups, {} pending chains{}",
                    counts.orders_restored, counts.groups_restored, counts.chains_restored,
                    mismatches.empty() ? std::string()
                                       : "; reservations differ: " + fmt::format("{}", fmt::join(mismatches, "; "))));
  }

  // The previous session's orders to give back, as they were restored (paper: its restored open
  // orders; real: those the reconcile left open, then the owned ones it closed, filled or cancelled
  // while no bot ran), and their owners: the store's, then the journal's (written before each order's
  // send) for the orders the store names none for: the previous session stopped before the checkpoint
  // that follows their creation, or no store of it was found.
  struct PreviousOrders {
    std::vector<std::string> ids;
    std::vector<trading::OrderOwnerLink> owners;
  };
  [[nodiscard]] PreviousOrders previous_orders() const {
    PreviousOrders previous{{}, resume->links.owners};
    std::set<std::string, std::less<>> owned;
    for (const auto& owner : previous.owners) owned.insert(owner.order_id);
    std::size_t from_journal = 0;
    if (live_gateway != nullptr) {
      for (auto& owner : live_gateway->journal_owners()) {
        if (!owned.insert(owner.order_id).second) continue;
        previous.owners.push_back(std::move(owner));
        ++from_journal;
      }
    }
    if (from_journal > 0) {
      commons::log(LogLevel::info, kLogSource,
                   fmt::format("the owners of {} orders of the previous session taken from the order journal: it "
                               "stopped before its trading store saved them",
                               from_journal));
    }
    if (exchange->simulated_exchange() != nullptr) {
      for (const auto& saved : resume->open_orders) previous.ids.push_back(saved.id);
      return previous;
    }
    for (const trading::Order* order : exchange->gateway().open_orders()) previous.ids.push_back(order->id);
    for (const auto& owner : previous.owners) {
      if (std::find(previous.ids.begin(), previous.ids.end(), owner.order_id) == previous.ids.end())
        previous.ids.push_back(owner.order_id);
    }
    return previous;
  }

  // Once the modes exist, each open order of the previous session goes back to the mode instance that
  // created it, with its tag, and the chains pending on it to its account (which then creates them as
  // its own when the parent's final update is delivered, as in the session that never stopped). Paper:
  // the orders restored on the simulated exchange, their chains taken back from it. Real: the journal's
  // orders the reconcile left open, their chains as the previous session's store saved them; an owned
  // order the reconcile found closed is adopted too and its final update published again, so that its
  // mode hears what became of it (and its chained orders are created when it filled). An order whose
  // mode is not in this run stays on the exchange, belonging to no mode (warning).
  void adopt_previous_orders() {
    trading::OrderGateway& gateway = exchange->gateway();
    trading::SimulatedExchange* simulated = exchange->simulated_exchange();
    const PreviousOrders restored = previous_orders();
    std::map<std::string, const trading::OrderOwnerLink*, std::less<>> owners;
    for (const auto& owner : restored.owners) owners.emplace(owner.order_id, &owner);
    const std::vector<std::string>& previous = restored.ids;
    std::set<std::string> adopted;
    std::vector<std::string> closed;  // real: adopted, their final update to publish again
    std::size_t ownerless = 0;
    for (const auto& id : previous) {
      const trading::Order* order = gateway.order(id);
      const bool was_closed = order == nullptr || trading::is_final(order->state);
      // Paper: closed while restoring (cancelled, or filled by the candles replayed before the modes
      // existed): its final update went out before the runner subscribed, so no update would ever
      // make the account forget it. Not adopted (what is not done, live-trading.md). Real: an owned
      // order the journal no longer holds (closed before the previous session stopped).
      if (order == nullptr || (was_closed && simulated != nullptr)) {
        commons::log(LogLevel::info, kLogSource,
                     fmt::format("order {} of the previous session closed before the trading modes started: its "
                                 "mode is not told",
                                 id));
        continue;
      }
      const auto owner = owners.find(id);
      if (owner == owners.end()) {
        if (was_closed) continue;
        ++ownerless;
        if (resume->owners_saved) {
          commons::log(LogLevel::warning, kLogSource,
                       fmt::format("order {} of the previous session belongs to no trading mode ({})", id,
                                   simulated != nullptr ? "it had none"
                                                        : "neither the store nor the journal names one: no "
                                                          "mode placed it, or a version before the journal "
                                                          "kept owners did"));
        }
        continue;
      }
      const trading::OrderOwnerLink& link = *owner->second;
      if (!side->runner().adopt(link.mode, link.mode_symbol, *order, link.tag)) {
        commons::log(LogLevel::warning, kLogSource,
                     fmt::format("order {} of the previous session belongs to no trading mode: its mode {}{} does "
                                 "not run in this session",
                                 id, link.mode, link.mode_symbol.empty() ? "" : " on " + link.mode_symbol));
        continue;
      }
      adopted.insert(id);
      if (was_closed) {
        closed.push_back(id);
      } else {
        ++counts.orders_adopted;
      }
    }
    if (simulated == nullptr && !resume->owners_saved && ownerless > 0) {
      commons::log(LogLevel::warning, kLogSource,
                   fmt::format("{} orders the journal holds open belong to no trading mode: neither an earlier "
                               "real session's store nor the journal names their owners (no mode sees, updates "
                               "or cancels them)",
                               ownerless));
    }
    for (const auto& saved : resume->links.chains) {
      if (!adopted.contains(saved.parent_id)) continue;  // stays on the exchange: its orders belong to no mode
      const trading::Order* parent = gateway.order(saved.parent_id);
      // Cancelled while no bot ran: its chained orders are dropped, as the account drops them.
      if (parent->state != trading::OrderState::filled && trading::is_final(parent->state)) continue;
      for (auto& taken : simulated != nullptr ? simulated->take_chains(saved.parent_id)
                                              : std::vector<trading::ChainedOrdersLink>{saved}) {
        std::vector<trading_modes::TaggedRequest> requests;
        for (std::size_t i = 0; i < taken.requests.size(); ++i) {
          requests.push_back({std::move(taken.requests[i]), i < taken.tags.size() ? taken.tags[i] : std::string()});
        }
        try {
          // Filled while no bot ran: created now, the parent's mode's (before it hears of the fill, as
          // when a parent fills live).
          side->runner().chain(taken.parent_id, taken.group, std::move(requests));
          ++counts.chains_adopted;
        } catch (const std::exception& e) {
          commons::log(
              LogLevel::warning, kLogSource,
              fmt::format("orders chained to {} of the previous session dropped: {}", taken.parent_id, e.what()));
        }
      }
    }
    for (const auto& id : closed) {
      commons::log(LogLevel::info, kLogSource,
                   fmt::format("order {} of the previous session {} while no bot ran: its trading mode is told now", id,
                               status_name(trading::to_channel_status(gateway.order(id)->state))));
      live_gateway->publish_again(id);
      ++counts.closed_orders_told;
    }
    if (simulated == nullptr) {
      commons::log(LogLevel::info, kLogSource,
                   fmt::format("{} open orders of the previous session adopted by their trading modes, {} pending "
                               "chains back with them, {} closed while no bot ran told to their modes",
                               counts.orders_adopted, counts.chains_adopted, counts.closed_orders_told));
    }
  }

  // The store, from the gateway's start on (a resumed session's restored orders and the fills while no
  // bot ran are in it), and the checkpoints.
  void open_store() {
    if (config.store_file.empty()) return;
    std::filesystem::create_directories(config.store_file.parent_path());
    // The bot loop writes it: its log is checkpointed off the loop (an fsync there delayed a candle in a hundred).
    trading::StoreOptions store_options;
    store_options.background_checkpoint_interval = std::chrono::milliseconds(1000);
    store.emplace(config.store_file.string(), store_options);
    recorder.emplace(*store, *exchange, config.profile.reference_market);
    subscriptions.push_back(registry.get<channel::OrdersChannel>(client.exchange())
                                ->subscribe([this](const channel::OrderMessage&) { schedule_checkpoint(); },
                                            channel::ConsumerOptions()
                                                .with_name("live bot: state checkpoint")
                                                .with_priority(channel::Priority::medium)));
  }

  // After an order change: once the deliveries already queued (the recorder's order and trade rows)
  // have run, a portfolio snapshot and a commit. What a crash leaves is then a consistent state: the
  // last commit holds the orders and the portfolio they leave.
  void schedule_checkpoint() {
    if (checkpoint_posted || !recorder) return;
    checkpoint_posted = true;
    loop.post([this, weak = std::weak_ptr<int>(alive)] {
      if (weak.expired()) return;
      checkpoint_posted = false;
      if (phase == Phase::stopped) return;
      checkpoint();
    });
  }

  // The links, a portfolio snapshot and a commit: the state a restart resumes from. No snapshot before
  // the bot has a time (a stop before the first candle): a snapshot at time 0 would say nothing.
  void checkpoint() {
    if (!recorder) return;
    recorder->record_order_links(current_links());
    if (now > 0) take_snapshot();
    recorder->flush();
  }

  void take_snapshot() {
    recorder->record_portfolio(now);
    snapshots.taken(now);
  }

  // On a market event that causes no order of its own (the candle in progress, a ticker, the book).
  void maybe_snapshot() {
    if (recorder && snapshots.on_other_event(now, steady_now_ms())) take_snapshot();
  }

  void subscribe() {
    phase = Phase::subscribing;
    subscribes_waiting = symbols.size() * time_frames.size();
    for (const auto& symbol : symbols) {
      for (const auto time_frame : time_frames) {
        // Candles per time frame; the ticker and the order book are the symbol's, asked for once.
        const std::uint32_t streams = time_frame == time_frames.front()
                                          ? OB_STREAM_CANDLES | OB_STREAM_TICKER | OB_STREAM_BOOK
                                          : OB_STREAM_CANDLES;
        client.subscribe(symbol, std::string(commons::to_string(time_frame)), streams,
                         [this, symbol, time_frame](exchanges::Outcome<std::monostate> outcome) {
                           if (phase == Phase::stopped) return;
                           if (const auto* error = std::get_if<exchanges::ClientError>(&outcome)) {
                             return fail(fmt::format("subscribing to {} {} failed: {}", symbol,
                                                     commons::to_string(time_frame), error->message));
                           }
                           --subscribes_waiting;
                         });
      }
    }
  }

  // 2-3. Live events; the first candle gives the exchange's clock for the history requests.
  void on_candle(const exchanges::CandleEvent& event) {
    if (phase == Phase::stopped || phase == Phase::idle || phase == Phase::starting) return;
    const auto time_frame = commons::parse_time_frame(event.time_frame);
    if (!time_frame || std::find(symbols.begin(), symbols.end(), event.symbol) == symbols.end()) return;
    if (phase == Phase::live) {
      maybe_poll_orders();
      if (event.closed) {
        push_live(event, *time_frame);
      } else {
        maybe_snapshot();
      }
      return;
    }
    if (event.closed) held.push_back(event);
    // History ends before the first candle seen (closed or in progress), which may itself be live.
    if (phase == Phase::subscribing) request_history(event.open_time_ms);
  }

  void request_history(std::int64_t anchor_ms) {
    phase = Phase::history;
    history_waiting = symbols.size() * time_frames.size();
    for (const auto& symbol : symbols) {
      for (const auto time_frame : time_frames) {
        const std::int64_t duration = commons::duration_ms(time_frame);
        const std::int64_t since = anchor_ms - static_cast<std::int64_t>(config.history_candles) * duration;
        client.candles(symbol, std::string(commons::to_string(time_frame)), since, config.history_candles,
                       [this, symbol, time_frame](exchanges::Outcome<std::vector<exchanges::CandleEvent>> outcome) {
                         if (phase == Phase::stopped) return;
                         if (const auto* error = std::get_if<exchanges::ClientError>(&outcome)) {
                           return fail(fmt::format("loading {} {} history failed: {}", symbol,
                                                   commons::to_string(time_frame), error->message));
                         }
                         auto& candles = std::get<std::vector<exchanges::CandleEvent>>(outcome);
                         history.insert(history.end(), candles.begin(), candles.end());
                         if (--history_waiting == 0) go_live();
                       });
      }
    }
  }

  // Stores a closed candle when it is newer than its series' latest. Returns whether it did.
  bool store_candle(const exchanges::CandleEvent& event, commons::TimeFrame time_frame) {
    auto [it, inserted] = last_open.try_emplace({event.symbol, time_frame}, event.open_time_ms);
    if (!inserted) {
      if (event.open_time_ms <= it->second) return false;  // seen (a history candle sent live too)
      it->second = event.open_time_ms;
    }
    now = std::max(now, event.open_time_ms + commons::duration_ms(time_frame));
    exchange->push_candle(event.symbol, time_frame, core_candle(event));
    return true;
  }

  // 4. Evaluators and modes on the warm buffers, then live candles.
  void go_live() {
    // In close-time order, the shortest time frame first at equal close (as a backtest's time step).
    const auto close_of = [](const exchanges::CandleEvent& c) {
      return c.open_time_ms + commons::duration_ms(*commons::parse_time_frame(c.time_frame));
    };
    std::stable_sort(history.begin(), history.end(), [&](const auto& a, const auto& b) {
      const auto ca = close_of(a), cb = close_of(b);
      if (ca != cb) return ca < cb;
      return commons::duration_ms(*commons::parse_time_frame(a.time_frame)) <
             commons::duration_ms(*commons::parse_time_frame(b.time_frame));
    });
    try {
      // Nobody listens yet: the candles are stored, no evaluator or mode sees them one by one.
      for (const auto& candle : history) {
        // A resumed session's orders come back once the candles its previous session saw are stored.
        if (resume && !resume->restored && close_of(candle) > resume->time_ms) restore_orders();
        if (store_candle(candle, *commons::parse_time_frame(candle.time_frame))) ++counts.history_candles;
      }
      if (resume && !resume->restored) restore_orders();
      history.clear();
      history.shrink_to_fit();
      if (live_gateway != nullptr) {
        // The gateway's first prices (market orders reserve at them), before anything can trade.
        for (const auto& symbol : symbols) {
          if (const auto* buffer = exchange->candles(symbol, time_frames.front());
              buffer != nullptr && buffer->size() > 0)
            live_gateway->on_price(symbol, buffer->latest().close);
        }
      }
      wire();
      if (resume) adopt_previous_orders();
      // The first checkpoint, once the modes own their orders again: a restart finds this session's
      // state from now on.
      checkpoint();
      // Evaluate once on the warm buffers: each series' latest candle, as OctoBot does on start.
      auto ohlcv = registry.get<channel::OhlcvChannel>(client.exchange());
      for (const auto& symbol : symbols) {
        for (const auto time_frame : time_frames) {
          const auto* buffer = exchange->candles(symbol, time_frame);
          if (buffer == nullptr || buffer->size() == 0) continue;
          const auto& latest = buffer->latest();
          ohlcv->send(channel::OhlcvMessage{symbol.substr(0, symbol.find('/')), symbol,
                                            std::string(commons::to_string(time_frame)), latest});
        }
      }
      phase = Phase::live;
      commons::log(
          LogLevel::info, kLogSource,
          fmt::format("live on {} {} ({}): {} history candles, bot time {}", client.exchange(), fmt::join(symbols, ","),
                      config.kind == TradingKind::paper ? "paper trading" : "real", counts.history_candles, now));
      auto held_back = std::move(held);
      held.clear();
      for (const auto& event : held_back) push_live(event, *commons::parse_time_frame(event.time_frame));
    } catch (const std::exception& e) {
      return fail(std::string("the bot could not start: ") + e.what());
    }
    if (auto done = std::exchange(on_live, nullptr)) done(std::nullopt);
  }

  void push_live(const exchanges::CandleEvent& event, commons::TimeFrame time_frame) {
    try {
      if (!store_candle(event, time_frame)) return;
      ++counts.live_candles;
      if (live_gateway != nullptr && time_frame == time_frames.front())
        live_gateway->on_price(event.symbol, event.close);
      if (recorder && snapshots.on_closed_candle(now, steady_now_ms())) take_snapshot();
    } catch (const std::exception& e) {
      commons::log(
          LogLevel::error, kLogSource,
          fmt::format("candle {} {} at {} dropped: {}", event.symbol, event.time_frame, event.open_time_ms, e.what()));
    }
  }

  void on_ticker(const exchanges::TickerEvent& event) {
    if (phase != Phase::live || exchange->find_market(event.symbol) == nullptr) return;
    maybe_poll_orders();
    if (live_gateway != nullptr && event.last > Decimal()) live_gateway->on_price(event.symbol, event.last);
    channel::TickerMessage ticker;
    ticker.cryptocurrency = event.symbol.substr(0, event.symbol.find('/'));
    ticker.symbol = event.symbol;
    ticker.timestamp_ms = event.time_ms;
    ticker.bid = event.bid;
    ticker.ask = event.ask;
    ticker.last = event.last;
    exchange->update_ticker(std::move(ticker));
    maybe_snapshot();
  }

  // The latest book of a market, for the OrderBook channel's consumers and ExchangeManager::order_book.
  void on_book(const exchanges::BookEvent& event) {
    if (phase != Phase::live || exchange->find_market(event.symbol) == nullptr) return;
    channel::OrderBookMessage book;
    book.symbol = event.symbol;
    book.timestamp_ms = event.time_ms;
    book.bids.reserve(event.bids.size());
    for (const auto& level : event.bids) book.bids.push_back({level.price, level.amount});
    book.asks.reserve(event.asks.size());
    for (const auto& level : event.asks) book.asks.push_back({level.price, level.amount});
    exchange->update_order_book(std::move(book));
    ++counts.order_books;
    maybe_snapshot();
  }

  void on_connection(const exchanges::ConnectionEvent& event) {
    static constexpr const char* names[] = {"connecting", "connected", "degraded", "disconnected", "banned"};
    const auto level = event.state == exchanges::ConnectionState::connected ? LogLevel::info : LogLevel::warning;
    commons::log(level, kLogSource,
                 fmt::format("{}: {}{}", client.exchange(), names[static_cast<int>(event.state)],
                             event.reason.empty() ? std::string() : " (" + event.reason + ")"));
    if (event.state == exchanges::ConnectionState::banned) remember_ban(event);
    if (order_polls.on_connection(event.state)) poll_orders("the connection is back");
  }

  // A ban outlives this process: a restart before its end must not knock again (Binance lengthens the
  // bans of an IP that keeps sending).
  // The connector reports BANNED again on every call it refuses during the ban: the file is read and
  // written once per ban end, not once per refusal.
  void remember_ban(const exchanges::ConnectionEvent& event) {
    if (config.ban_file.empty() || event.until_ms <= remembered_ban_until) return;
    remembered_ban_until = event.until_ms;
    try {
      exchanges::BanFile(config.ban_file).record(client.exchange(), {event.until_ms, event.reason});
    } catch (const std::exception& e) {
      commons::log(LogLevel::warning, kLogSource,
                   fmt::format("{}'s ban until {} is not remembered for a restart: {}", client.exchange(),
                               event.until_ms, e.what()));
    }
  }

  // Real trading's REST fallback (OrderPollSchedule): called with whatever still arrives.
  void maybe_poll_orders() {
    const std::int64_t steady_ms = steady_now_ms();
    if (order_polls.on_tick(steady_ms)) poll_orders("order events may be missing");
    if (balance_retry.due(steady_ms)) refresh_balances();
  }

  static std::int64_t steady_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }

  void refresh_balances() {
    if (live_gateway == nullptr) return;
    balance_retry.started();
    live_gateway->refresh_balances([this](const std::optional<std::string>& error) {
      if (phase == Phase::stopped) return;
      if (!error) {
        balance_retry.succeeded();
        commons::log(LogLevel::info, kLogSource, fmt::format("{} account balances loaded", client.exchange()));
        return;
      }
      const std::int64_t delay = balance_retry.failed(steady_now_ms());
      commons::log(
          LogLevel::warning, kLogSource,
          fmt::format("{} account balances still unknown ({}); retrying in {} ms", client.exchange(), *error, delay));
    });
  }

  void poll_orders(const char* why) {
    if (live_gateway == nullptr || phase != Phase::live) return;
    const std::size_t asked = live_gateway->poll_open_orders();
    if (asked > 0) commons::log(LogLevel::info, kLogSource, fmt::format("{}: looking up {} open orders", why, asked));
  }

  // The evaluators, strategies and modes, the store, the order log.
  void wire() {
    const std::vector<std::string> modes = detail::trading_mode_classes(host, config.profile);
    if (modes.empty()) {
      throw std::runtime_error("no trading mode of profile '" + config.profile.name +
                               "' is loaded: activate one in tentacles_config.json and check `octobot tentacles`");
    }
    const auto clock = [this] { return now; };
    pipeline =
        detail::make_pipeline(host, services, *exchange, config.profile, {kMatrixId, symbols, time_frames}, clock);
    side = std::make_unique<detail::TradingSide>(
        host, *exchange,
        detail::TradingSideConfig{kMatrixId, modes, symbols, time_frames.front(), config.profile.reference_market,
                                  &services, clock, [] { return true; }, [this] { ++counts.strategy_notes; }});
    subscriptions.push_back(registry.get<channel::OrdersChannel>(client.exchange())
                                ->subscribe(
                                    [this](const channel::OrderMessage& order) {
                                      ++counts.order_updates;
                                      if (live_gateway != nullptr) orders_seen.insert(order.order_id);
                                      commons::log(order.status == channel::OrderStatus::rejected ? LogLevel::warning
                                                                                                  : LogLevel::info,
                                                   kLogSource, describe(order));
                                    },
                                    channel::ConsumerOptions()
                                        .with_name("live bot: order log")
                                        .with_priority(channel::Priority::optional)));
  }
};

LiveBot::LiveBot(tentacles::TentacleHost& host, exchanges::ExchangeClient& client, channel::Executor bot_loop,
                 LiveBotConfig config)
    : impl_(std::make_unique<Impl>(host, client, std::move(bot_loop), std::move(config))) {
  Impl& self = *impl_;
  self.symbols = self.config.symbols.empty() ? self.config.profile.trading_pairs() : self.config.symbols;
  if (self.symbols.empty()) {
    throw std::runtime_error("profile '" + self.config.profile.name + "' trades no pair: enable a currency's pairs");
  }
  self.time_frames =
      self.config.time_frames.empty() ? strategy_time_frames(host, self.config.profile) : self.config.time_frames;
  std::sort(self.time_frames.begin(), self.time_frames.end(),
            [](auto a, auto b) { return commons::duration_ms(a) < commons::duration_ms(b); });
}

LiveBot::~LiveBot() { stop(); }

void LiveBot::start(std::function<void(std::optional<std::string>)> on_live) {
  Impl& self = *impl_;
  if (self.phase != Impl::Phase::idle) throw std::logic_error("LiveBot::start called twice");
  self.on_live = std::move(on_live);
  self.phase = Impl::Phase::starting;
  exchanges::ExchangeEvents events;
  events.on_candle = [&self](const exchanges::CandleEvent& event) { self.on_candle(event); };
  events.on_ticker = [&self](const exchanges::TickerEvent& event) { self.on_ticker(event); };
  events.on_book = [&self](const exchanges::BookEvent& event) { self.on_book(event); };
  events.on_connection = [&self](const exchanges::ConnectionEvent& event) { self.on_connection(event); };
  // Real trading: the account's order and balance events go to the live gateway.
  events.on_order = [&self](const exchanges::OrderEvent& event) {
    if (self.live_gateway != nullptr && self.phase != Impl::Phase::stopped) self.live_gateway->on_order_event(event);
  };
  events.on_balances = [&self](const std::vector<exchanges::AssetBalance>& balances) {
    if (self.live_gateway != nullptr && self.phase != Impl::Phase::stopped) self.live_gateway->on_balances(balances);
  };
  self.client.start(std::move(events), [&self](exchanges::Outcome<std::vector<trading::Market>> outcome) {
    if (self.phase == Impl::Phase::stopped) return;
    if (const auto* error = std::get_if<exchanges::ClientError>(&outcome)) {
      return self.fail("connecting to " + self.client.exchange() + " failed: " + error->message);
    }
    try {
      self.on_markets(std::move(std::get<std::vector<trading::Market>>(outcome)));
    } catch (const std::exception& e) {
      self.fail(std::string("the bot could not start: ") + e.what());
    }
  });
}

void LiveBot::stop() {
  if (impl_) impl_->stop();
}

LiveBotStats LiveBot::stats() const {
  LiveBotStats out = impl_->counts;
  out.bot_time_ms = impl_->now;
  if (impl_->exchange && impl_->exchange->simulated_exchange() != nullptr) {
    out.orders_created = impl_->exchange->simulated_exchange()->orders_created() - impl_->ids_before;
  } else if (impl_->live_gateway != nullptr) {
    out.orders_created = impl_->orders_seen.size();
  }
  if (impl_->pipeline) out.tentacle_errors += impl_->pipeline->stats().tentacle_errors;
  if (impl_->side) out.tentacle_errors += impl_->side->runner().report().errors;
  return out;
}

namespace {

// The newest `<prefix>*.sqlite` store in `folder` holding a portfolio snapshot, other than `except`.
std::optional<std::filesystem::path> latest_state(const std::filesystem::path& folder, std::string_view prefix,
                                                  const std::filesystem::path& except) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return std::nullopt;
  std::vector<std::filesystem::path> stores;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".sqlite") && entry.path() != except) stores.push_back(entry.path());
  }
  std::sort(stores.rbegin(), stores.rend());
  for (const auto& file : stores) {
    // A session killed before its first checkpoint left no state: the one before it is the latest.
    try {
      if (trading::TradingStore(file.string()).has_portfolio_history()) return file;
    } catch (const std::exception& e) {
      commons::log(LogLevel::warning, kLogSource, fmt::format("{} skipped: {}", file.string(), e.what()));
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::filesystem::path> latest_paper_state(const std::filesystem::path& folder,
                                                        const std::filesystem::path& except) {
  return latest_state(folder, "paper-", except);
}

std::optional<std::filesystem::path> latest_real_state(const std::filesystem::path& folder,
                                                       const std::filesystem::path& except) {
  return latest_state(folder, "real-", except);
}

const std::vector<std::string>& LiveBot::symbols() const noexcept { return impl_->symbols; }
const std::vector<commons::TimeFrame>& LiveBot::time_frames() const noexcept { return impl_->time_frames; }
const trading::ExchangeManager* LiveBot::exchange_manager() const noexcept { return impl_->exchange.get(); }
TradingKind LiveBot::kind() const noexcept { return impl_->config.kind; }

}  // namespace octobot::bot
