// An in-memory ExchangeClient that behaves like an exchange for LiveGateway's tests: limit orders
// rest until a price the test feeds crosses them, market orders fill at the price at once, refusals
// carry a reason, fills carry trade ids, the account's balances move exactly. Nothing runs inline:
// completions and events are queued and run when the test calls run() (the bot loop's io_context
// in production), so the gateway sees them later, as it would live. Events may be duplicated.
#pragma once

#include <octobot/exchange.h>
#include <octobot/exchanges/exchange_client.hpp>

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace octobot::exchanges::testing {

class ExchangeDouble final : public ExchangeClient {
 public:
  explicit ExchangeDouble(std::vector<trading::Market> markets) {
    for (auto& market : markets) markets_[market.symbol] = market;
  }

  // --- what the test controls ---------------------------------------------------------------
  std::map<std::string, Decimal> balance;  // account totals; available = total - locked
  std::map<std::string, Decimal> locked;
  std::string refuse_next;        // the next create is refused with this reason
  bool drop_creates = false;      // creates never arrive (lost on the way): no completion
  bool duplicate_events = false;  // every pushed event is delivered twice
  bool push_events = true;        // false: the user-data stream is down
  bool fail_lookups = false;      // fetch_order and fills_since fail (network)
  bool fail_balances = false;     // balances fails (network, clock skew)
  std::function<void(const std::string& client_order_id)> on_create_seen;  // when a create arrives
  // Liquidity: a crossing price fills at most this much of an order (a trade of its own each time,
  // the order PARTIALLY_FILLED until the last); unset: the whole order at once.
  std::optional<Decimal> liquidity;
  int creates = 0;  // create requests that reached the exchange
  int cancels = 0;

  // Runs every queued completion and event (and what they queue), in order.
  void run() {
    while (!queue_.empty()) {
      auto next = std::move(queue_.front());
      queue_.pop_front();
      next();
    }
  }
  // A kill -9: whatever was queued for the dead process is lost.
  void crash() {
    queue_.clear();
    events_ = {};
  }
  void connect(ExchangeEvents events) { events_ = std::move(events); }

  // A price for `symbol`: resting limit orders it crosses fill at their limit, completely or up to
  // `liquidity`.
  void set_price(const std::string& symbol, Decimal price) {
    for (auto& [id, order] : orders_) {
      if (order.symbol != symbol || !is_open(order)) continue;
      const bool crossed = order.side == channel::Side::buy ? price <= order.price : price >= order.price;
      const Decimal left = order.amount - order.filled;
      if (crossed) execute(order, liquidity && *liquidity < left ? *liquidity : left, order.price, true);
    }
  }
  // Cancels an order behind the bot's back (a user on the website, or while the bot is down).
  void cancel_outside(const std::string& id) { close(orders_.at(id), channel::OrderStatus::canceled); }
  [[nodiscard]] const ClientOrder* find(const std::string& id) const {
    const auto it = orders_.find(id);
    return it == orders_.end() ? nullptr : &it->second;
  }
  // Adds an order the journal never saw (placed by an older run under our prefix).
  void add_foreign_open(ClientOrder order) { orders_[order.client_order_id] = std::move(order); }
  [[nodiscard]] const std::vector<ClientFill>& all_fills() const { return fills_; }
  // Delivers an event as the stream would (tests replay stale or out-of-order ones with it).
  void push(const OrderEvent& event) {
    post([this, event] {
      if (events_.on_order) events_.on_order(event);
    });
  }

  // --- ExchangeClient -------------------------------------------------------------------------
  const std::string& exchange() const noexcept override { return name_; }
  void start(ExchangeEvents events, Completion<std::vector<trading::Market>> done) override {
    events_ = std::move(events);
    std::vector<trading::Market> markets;
    for (auto& [symbol, market] : markets_) markets.push_back(market);
    post([done, markets] { done(markets); });
  }
  void stop() override { crash(); }
  void key_permissions(Completion<KeyPermissions> done) override {
    post([done] { done(KeyPermissions{true, true, true, false, false, ""}); });
  }
  void subscribe(std::string, std::string, std::uint32_t, Completion<std::monostate> done) override {
    post([done] { done(std::monostate{}); });
  }
  void candles(std::string, std::string, std::int64_t, std::uint64_t,
               Completion<std::vector<CandleEvent>> done) override {
    post([done] { done(std::vector<CandleEvent>{}); });
  }
  void balances(Completion<std::vector<AssetBalance>> done) override {
    if (fail_balances) {
      post([done] { done(ClientError{OB_ERROR_EXCHANGE_NETWORK, "GET /api/v3/account: connection refused"}); });
      return;
    }
    std::vector<AssetBalance> result;
    for (auto& [asset, total] : balance) result.push_back({asset, total, total - locked[asset]});
    post([done, result] { done(result); });
  }
  void create_order(trading::OrderRequest request, std::string id, Completion<ClientOrder> done) override {
    if (drop_creates) return;
    ++creates;
    if (on_create_seen) on_create_seen(id);
    ClientOrder order;
    order.client_order_id = id;
    order.exchange_order_id = std::to_string(++next_exchange_id_);
    order.symbol = request.symbol;
    order.side = request.side;
    order.type = request.type;
    order.amount = request.amount;
    order.price = request.price;
    order.status = channel::OrderStatus::open;
    order.created_ms = now_ms;  // the exchange's clock, as its answers and lookups give it
    const trading::Market& m = markets_.at(request.symbol);
    const std::string asset = request.side == channel::Side::buy ? m.quote : m.base;
    const Decimal needed =
        request.side == channel::Side::buy
            ? request.amount * (request.type == channel::OrderType::market ? price_of(m) : request.price)
            : request.amount;
    if (orders_.contains(id)) {
      order.status = channel::OrderStatus::rejected;
      order.reason = "Duplicate order sent.";
    } else if (!refuse_next.empty()) {
      order.status = channel::OrderStatus::rejected;
      order.reason = refuse_next;
      refuse_next.clear();
    } else if (balance[asset] - locked[asset] < needed) {
      order.status = channel::OrderStatus::rejected;
      order.reason = "Account has insufficient balance for requested action.";
    }
    if (order.status == channel::OrderStatus::rejected) {
      post([done, order] { done(order); });
      return;
    }
    locked[asset] += needed;
    reserved_[id] = needed;
    ClientOrder& stored = orders_[id] = order;
    if (request.type == channel::OrderType::market) execute(stored, stored.amount, price_of(m), false);
    post([done, snapshot = stored] { done(snapshot); });
  }
  void cancel_order(std::string, std::string id, Completion<ClientOrder> done) override {
    ++cancels;
    const auto it = orders_.find(id);
    if (it == orders_.end() || !is_open(it->second)) {
      post([done] { done(ClientError{OB_ERROR_EXCHANGE_UNKNOWN_ORDER, "Unknown order sent."}); });
      return;
    }
    close(it->second, channel::OrderStatus::canceled);
    post([done, snapshot = it->second] { done(snapshot); });
  }
  void fetch_order(std::string, std::string id, Completion<ClientOrder> done) override {
    if (fail_lookups) {
      post([done] { done(ClientError{OB_ERROR_EXCHANGE_NETWORK, "connection reset"}); });
      return;
    }
    const auto it = orders_.find(id);
    if (it == orders_.end()) {
      post([done] { done(ClientError{OB_ERROR_EXCHANGE_UNKNOWN_ORDER, "Order does not exist."}); });
      return;
    }
    post([done, snapshot = it->second] { done(snapshot); });
  }
  void open_orders(std::string symbol, Completion<std::vector<ClientOrder>> done) override {
    std::vector<ClientOrder> result;
    for (auto& [id, order] : orders_) {
      if (order.symbol == symbol && is_open(order)) result.push_back(order);
    }
    post([done, result] { done(result); });
  }
  void fills_since(std::string symbol, std::int64_t since_ms, Completion<std::vector<ClientFill>> done) override {
    if (fail_lookups) {
      post([done] { done(ClientError{OB_ERROR_EXCHANGE_NETWORK, "connection reset"}); });
      return;
    }
    std::vector<ClientFill> result;
    for (const ClientFill& fill : fills_) {
      if (orders_.at(fill.client_order_id).symbol == symbol && fill.time_ms >= since_ms) result.push_back(fill);
    }
    post([done, result] { done(result); });
  }

  Decimal fee_rate = Decimal::from_string("0.001");
  std::map<std::string, Decimal> last_price;  // market orders fill here
  std::int64_t now_ms = 1'800'000'000'000;    // the exchange's clock for orders and trades (ours: the system's)

 private:
  static bool is_open(const ClientOrder& order) {
    return order.status == channel::OrderStatus::open || order.status == channel::OrderStatus::partially_filled;
  }
  Decimal price_of(const trading::Market& m) { return last_price.at(m.symbol); }
  void post(std::function<void()> task) { queue_.push_back(std::move(task)); }
  void emit(const OrderEvent& event) {
    if (!push_events) return;
    push(event);
    if (duplicate_events) push(event);
  }
  void close(ClientOrder& order, channel::OrderStatus status) {
    const trading::Market& m = markets_.at(order.symbol);
    const std::string asset = order.side == channel::Side::buy ? m.quote : m.base;
    locked[asset] -= reserved_[order.client_order_id];
    reserved_[order.client_order_id] = Decimal{};
    order.status = status;
    emit(OrderEvent{order, std::nullopt});
  }
  void execute(ClientOrder& order, Decimal amount, Decimal price, bool maker) {
    const trading::Market& m = markets_.at(order.symbol);
    const Decimal cost = amount * price;
    ClientFill fill;
    fill.trade_id = std::to_string(++next_trade_id_);
    fill.client_order_id = order.client_order_id;
    fill.time_ms = ++now_ms;
    fill.price = price;
    fill.amount = amount;
    fill.maker = maker;
    Decimal& reserved = reserved_[order.client_order_id];
    if (order.side == channel::Side::buy) {
      const Decimal from_lock = cost < reserved ? cost : reserved;
      locked[m.quote] -= from_lock;
      reserved -= from_lock;
      balance[m.quote] -= cost;
      fill.fee = amount * fee_rate;
      fill.fee_asset = m.base;
      balance[m.base] += amount - fill.fee;
    } else {
      locked[m.base] -= amount;
      reserved -= amount;
      balance[m.base] -= amount;
      fill.fee = cost * fee_rate;
      fill.fee_asset = m.quote;
      balance[m.quote] += cost - fill.fee;
    }
    order.filled += amount;
    order.status = order.filled == order.amount ? channel::OrderStatus::filled : channel::OrderStatus::partially_filled;
    order.average_price = price;
    if (order.status == channel::OrderStatus::filled && reserved.is_positive()) {
      locked[order.side == channel::Side::buy ? m.quote : m.base] -= reserved;
      reserved = Decimal{};
    }
    fills_.push_back(fill);
    // An execution event's time is the trade's (Binance's executionReport carries T, not the order's
    // creation): a gateway must not take it for the order's.
    ClientOrder reported = order;
    reported.created_ms = fill.time_ms;
    emit(OrderEvent{reported, fill});
  }

  std::string name_ = "double";
  std::map<std::string, trading::Market> markets_;
  std::map<std::string, ClientOrder> orders_;
  std::map<std::string, Decimal> reserved_;
  std::vector<ClientFill> fills_;
  std::deque<std::function<void()>> queue_;
  ExchangeEvents events_;
  int next_exchange_id_ = 0;
  int next_trade_id_ = 0;
};

}  // namespace octobot::exchanges::testing
