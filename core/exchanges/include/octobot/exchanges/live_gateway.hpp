// Real trading: a trading::OrderGateway that sends orders to an exchange account through an
// ExchangeClient, with an order journal written before anything is sent (order_journal.hpp).
//
// Usage (the daemon, on the bot loop thread):
//   LiveGateway gateway(client, user_dir / "orders-journal.sqlite", markets, "USDT", channels);
//   client.start({.on_ticker = [&](auto& t) { gateway.on_price(t.symbol, t.last); },
//                 .on_order = [&](auto& e) { gateway.on_order_event(e); },
//                 .on_balances = [&](auto& b) { gateway.on_balances(b); }}, ...);
//   gateway.reconcile([&](const ReconcileReport& report) { /* log it; start trading modes */ });
//   exchange_manager.set_gateway(gateway);   // trading modes now trade live
// Feed on_price with every ticker/candle close: market orders reserve at it and emulated triggers
// (stop-loss, take-profit) fire on it.
//
// Design (docs/live-gateway.md):
//   - create_order validates and rounds like SimulatedExchange (market.hpp's helpers), reserves the
//     funds in the local portfolio, names the order (client order id "<prefix><salt>-<n>"), journals
//     it, sends it, and returns it at once in state open. The exchange's answer comes later on the
//     bot loop: a refusal turns it rejected with the exchange's reason (funds released), fills arrive
//     as order events (or from fills_since when the answer says filled before any event).
//   - Each fill is applied once, by trade id (recorded in the journal), whichever path brings it.
//   - Portfolio: fills are applied locally at once; a balance snapshot from the exchange
//     (on_balances, reconcile) wins: it sets the account's totals, our open orders' reservations
//     stay locked inside them.
//   - Stop-loss / take-profit (and their _limit variants) are held locally and sent when on_price
//     crosses their trigger (as a market order, or a limit at their price). OCO groups and chained
//     orders are emulated locally, as SimulatedExchange does. Trailing types are rejected.
//   - reconcile() at start settles every unfinished journal order with the exchange; nothing is
//     ever resent.
// THREAD: bot loop only (the thread the client posts completions and events to).
#pragma once

#include <octobot/exchanges/exchange_client.hpp>
#include <octobot/exchanges/order_journal.hpp>
#include <octobot/trading/order_gateway.hpp>
#include <octobot/trading/order_links.hpp>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace octobot::exchanges {

struct LiveGatewayOptions {
  // Client order ids are "<prefix><salt>-<n>": the salt is drawn per run (a restarted bot never
  // reuses a name), n counts this run's orders. Letters, digits, '-' and '_' only (Binance's rule).
  // Default length: 9 + digits of n (15 up to a million orders a run), within the 27 characters the
  // Binance connector leaves to the host after its "x-<broker_id>" prefix (docs/exchange-connectors.md).
  std::string id_prefix = "ob";
  std::string salt;  // empty: random per run; tests set it
  // Final orders stay readable through order() for this many later closings.
  std::size_t closed_orders_kept = 1024;
  // The journal's: full (an fsync per order, survives a power cut) or process (survives a crash or
  // kill -9 of the bot only). See journal_durability.hpp and docs/live-gateway.md.
  JournalDurability journal_durability = JournalDurability::full;
};

// What reconcile() found. Every unfinished journal order is counted once.
struct ReconcileReport {
  std::size_t checked = 0;                  // unfinished journal orders looked up
  std::size_t still_open = 0;               // open on the exchange: tracked again
  std::size_t held = 0;                     // local triggers never sent: held again
  std::size_t filled = 0;                   // filled while we were down
  std::size_t cancelled = 0;                // cancelled or expired while down (or unknown after acknowledgement)
  std::size_t never_reached = 0;            // unknown to the exchange and never acknowledged: rejected
  std::size_t fills_applied = 0;            // missed fills applied (each once)
  std::vector<std::string> foreign_orders;  // open on the exchange with our prefix, not in the journal: left alone
  std::vector<std::string> errors;          // lookups that failed: those orders stay unsettled (retry reconcile)
  [[nodiscard]] bool complete() const noexcept { return errors.empty(); }
};

class LiveGateway final : public trading::OrderGateway {
 public:
  // `client` must outlive the gateway (or be stopped first). Throws JournalError when the journal
  // cannot be opened.
  LiveGateway(ExchangeClient& client, const std::string& journal_path, std::vector<trading::Market> markets,
              std::string reference_market, trading::ExchangeChannels channels = {}, LiveGatewayOptions options = {});
  ~LiveGateway() override;
  LiveGateway(const LiveGateway&) = delete;
  LiveGateway& operator=(const LiveGateway&) = delete;

  // OrderGateway. create_order returns the order open (or rejected at once when it does not fit the
  // market or the funds); the exchange's verdict arrives later as updates on the Orders channel.
  // Throws std::invalid_argument for caller bugs (unknown symbol, missing price), JournalError when
  // the journal cannot be written (then nothing was sent and nothing is reserved).
  const trading::Order& create_order(const trading::OrderRequest& request,
                                     trading::Portfolio* portfolio = nullptr) override;
  std::vector<const trading::Order*> create_order_group(trading::OrderGroupKind kind,
                                                        const std::vector<trading::OrderRequest>& requests,
                                                        trading::Portfolio* portfolio = nullptr) override;
  void chain(std::string_view parent_id, std::vector<trading::OrderRequest> requests,
             std::optional<trading::OrderGroupKind> group = std::nullopt,
             trading::Portfolio* portfolio = nullptr) override;
  // True when the cancel was issued (a held order is cancelled at once; a sent one when the exchange
  // confirms, published then). False when unknown or already final.
  bool cancel_order(std::string_view id) override;
  [[nodiscard]] const trading::Order* order(std::string_view id) const override;
  [[nodiscard]] std::vector<const trading::Order*> open_orders() const override;
  [[nodiscard]] const trading::Market& market(std::string_view symbol) const override;
  [[nodiscard]] trading::Portfolio& portfolio() noexcept override { return portfolio_; }
  void set_fill_listener(trading::FillListener listener) override { fill_listener_ = std::move(listener); }

  // Fed by the daemon from the client's pushed events.
  void on_order_event(const OrderEvent& event);
  void on_balances(const std::vector<AssetBalance>& balances);
  void on_price(std::string_view symbol, Decimal price);

  // The REST fallback while pushed events may be missing (the connection's stream down, or just back):
  // looks up every order the exchange acknowledged and settles it as its events would have (fills
  // applied once by trade id, cancels closed). Returns the number of lookups sent.
  std::size_t poll_open_orders();

  // Publishes order `id`'s state again on the Orders channel; false when the gateway does not know it.
  // The reconcile publishes what became of the journal's orders before a restarted bot's modes exist:
  // once they adopted those orders, this tells them (the final update of an order closed while down).
  bool publish_again(std::string_view id);

  // The owners journaled with the orders the gateway knows (open, or closed and not released yet:
  // after a reconcile, those it settled), oldest first: the trading-mode instance that placed each
  // and its tag, written before the order was sent. A restarted bot falls back on them for the
  // orders its trading store has no owner for (a crash before the checkpoint after their creation).
  [[nodiscard]] std::vector<trading::OrderOwnerLink> journal_owners() const;

  // Settles the journal with the exchange (see ReconcileReport), resyncs balances, then calls
  // `done` on the bot loop. Call once at start, before trading resumes; may be called again when
  // the report has errors.
  void reconcile(std::function<void(const ReconcileReport&)> done);

  // Whether the account's balances are loaded: false until a reconcile or refresh_balances fetched
  // them. Until then the portfolio holds no funds, so the modes size no order.
  [[nodiscard]] bool balances_known() const noexcept { return balances_known_; }
  // Fetches the account's balances and applies them (after a start whose fetch failed); `done` gets
  // the error, none on success, on the bot loop.
  void refresh_balances(std::function<void(const std::optional<std::string>& error)> done);

  [[nodiscard]] const std::string& reference_market() const noexcept { return reference_market_; }
  [[nodiscard]] OrderJournal& journal() noexcept { return journal_; }
  [[nodiscard]] std::optional<Decimal> last_price(std::string_view symbol) const;
  // Orders whose create request is in flight or was never settled (tests, status).
  [[nodiscard]] std::size_t requests_in_flight() const noexcept { return in_flight_; }

 private:
  struct Tracked {
    trading::Order order;
    trading::Portfolio* portfolio = nullptr;
    std::string group;          // key in groups_, "" for none
    trading::OrderOwner owner;  // journaled with each row
    JournalState journal_state = JournalState::held;
    bool journaled = false;  // has a journal row (an order refused locally has none)
    std::string exchange_order_id;
    bool cancel_requested = false;  // sent to the exchange, answer pending
    bool send_when_alone = false;   // a triggered group member waiting for the others' cancels
    // The order's creation on the exchange's clock (its answer or a lookup; 0: unknown). Its trades
    // carry that clock, which may be far from ours (a testnet, a replayed market): where a fills
    // lookup starts.
    std::int64_t exchange_created_ms = 0;
  };
  struct Group {
    trading::OrderGroupKind kind;
    std::vector<std::string> ids;
    Decimal reserved;  // shared by the members (their own Order::reserved stays zero)
    trading::Portfolio* portfolio = nullptr;
    std::string reserved_asset;
  };
  struct Chained {
    std::vector<trading::OrderRequest> requests;
    std::optional<trading::OrderGroupKind> group;
    trading::Portfolio* portfolio = nullptr;
  };
  struct Reconciling;

  template <typename T>
  Completion<T> guarded(std::function<void(LiveGateway&, Outcome<T>)> handler);

  // create_order's steps.
  [[nodiscard]] std::string next_order_id();
  Tracked& place(const trading::OrderRequest& request, trading::Portfolio* portfolio);
  [[nodiscard]] std::optional<std::string> reference_price(const Tracked& tracked, Decimal& price) const;
  void journal(Tracked& tracked, JournalState state);
  void mark_open(Tracked& tracked);     // open here, not published yet
  void open_locally(Tracked& tracked);  // mark_open, then published
  void send(Tracked& tracked);
  void on_created(const std::string& id, Outcome<ClientOrder> outcome);
  void on_accepted(Tracked& tracked, const ClientOrder& remote);
  void on_cancelled(const std::string& id, Outcome<ClientOrder> outcome);
  // The exchange's view of one of our orders: fills it reports beyond ours are fetched, its final
  // state applied.
  void apply_exchange_state(Tracked& tracked, const ClientOrder& remote);
  void fetch_missing_fills(const std::string& id, const ClientOrder& remote);
  void lookup_missed_fills();  // reconcile's second step: the trades of the orders that filled unseen
  bool apply_fill(Tracked& tracked, const ClientFill& fill);
  void spend(trading::Portfolio& portfolio, const std::string& asset, Decimal amount, Decimal& reserved);
  void close(Tracked& tracked, trading::OrderState state, std::string reason);
  void reject(Tracked& tracked, std::string reason);
  void after_fill(Tracked& tracked);
  void release_group_if_done(const std::string& group);
  void create_chained(const std::string& parent_id);
  void cancel_member(Tracked& tracked, const std::string& reason);
  void trigger(Tracked& tracked);
  void send_triggered(Tracked& tracked);
  Decimal& reservation(Tracked& tracked);
  void publish(const Tracked& tracked);
  void publish_balance(const trading::Portfolio& portfolio, std::string_view asset);
  void set_balances(const std::vector<AssetBalance>& balances);
  [[nodiscard]] Tracked* find(std::string_view id);
  void closed(const Tracked& tracked);
  void release_closed();
  void restore(const JournalEntry& entry, JournalState state);
  void finish_reconcile();
  // Locks inside the portfolio what each open order still reserves; what cannot be locked goes to `errors`.
  void reserve_open_orders(std::vector<std::string>& errors);

  ExchangeClient& client_;
  OrderJournal journal_;
  std::map<std::string, trading::Market, std::less<>> markets_;
  std::string reference_market_;
  trading::ExchangeChannels channels_;
  LiveGatewayOptions options_;
  trading::Portfolio portfolio_{"main"};
  std::unordered_map<std::string, Tracked> orders_;
  std::vector<std::string> open_ids_;
  std::deque<std::string> closed_ids_;
  std::map<std::string, Group, std::less<>> groups_;
  std::map<std::string, std::vector<Chained>, std::less<>> chained_;
  std::map<std::string, Decimal, std::less<>> prices_;
  std::uint64_t next_id_ = 1;
  std::uint64_t next_group_ = 1;
  std::size_t in_flight_ = 0;
  bool balances_known_ = false;
  trading::FillListener fill_listener_;
  std::unique_ptr<Reconciling> reconciling_;
  // Completions hold a weak reference: one that runs after the gateway is gone does nothing.
  std::shared_ptr<LiveGateway*> self_;
};

}  // namespace octobot::exchanges

namespace octobot::exchanges {

template <typename T>
Completion<T> LiveGateway::guarded(std::function<void(LiveGateway&, Outcome<T>)> handler) {
  return [weak = std::weak_ptr<LiveGateway*>(self_), handler = std::move(handler)](Outcome<T> outcome) {
    if (const auto self = weak.lock()) handler(**self, std::move(outcome));
  };
}

}  // namespace octobot::exchanges
