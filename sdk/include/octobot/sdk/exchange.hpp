// The C++ side of an exchange connector (OB_KIND_EXCHANGE, ABI 1.3, <octobot/exchange.h>).
//
// A connector derives from sdk::ExchangeConnector, overrides the virtual functions that mirror
// ob_exchange_vtable, and lists the class in OCTOBOT_TENTACLE_LIBRARY like any other kind. At the
// class's boundary everything is C++ values (std::string, exact decimals as text, vectors instead of
// visitors); the trampolines below convert to and from the C structs and catch every exception:
// throw sdk::Error(OB_ERROR_EXCHANGE_*, message) to return a connector error code. A refusal by the
// exchange (funds, filters) is not an error: return an OrderView with status rejected and a reason.
//
// THREAD: every virtual function is called from the instance's exchange thread, one at a time,
// except submit_order (ABI 1.6), which the host calls from its bot loop while the exchange thread
// runs the others: what it reads must be guarded. The ExchangeSink received by start() may be called
// from any thread (the connector's network threads).
#pragma once

#include <octobot/abi.h>
#include <octobot/exchange.h>
#include <octobot/sdk/error.hpp>
#include <octobot/sdk/host.hpp>
#include <octobot/sdk/tentacle.hpp>
#include <octobot/sdk/trading.hpp>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace octobot::sdk {

// ---- Values at the class boundary --------------------------------------------------------------

// A market and its trading rules; decimals as exact text ("0.01"); fees are rates ("0.001").
struct ExchangeMarket {
  std::string symbol;  // "BTC/USDT"
  std::string base;
  std::string quote;
  std::string price_tick;
  std::string amount_step;
  std::string min_amount;
  std::string min_cost;
  std::string maker_fee;
  std::string taker_fee;
};

struct ExchangeCandle {
  std::string symbol;
  std::string time_frame;
  std::int64_t open_time_ms = 0;
  std::string open;
  std::string high;
  std::string low;
  std::string close;
  std::string volume;  // base
  bool closed = true;
  bool from_rest = false;
};

struct ExchangeTicker {
  std::string symbol;
  std::int64_t time_ms = 0;
  std::string last;
  std::string bid;  // "" when unknown
  std::string ask;
};

struct BookLevel {
  std::string price;
  std::string amount;
};

struct ExchangeBook {
  std::string symbol;
  std::int64_t time_ms = 0;
  std::vector<BookLevel> bids;  // best first
  std::vector<BookLevel> asks;
};

// One execution of an order.
struct ExchangeFill {
  std::string trade_id;
  std::int64_t time_ms = 0;
  std::string price;
  std::string amount;  // base
  std::string fee;
  std::string fee_asset;
  bool maker = false;
};

// An execution of the account with the host's client order id it belongs to (fills_since).
struct AccountFill {
  std::string client_order_id;
  ExchangeFill fill;
};

struct AssetBalance {
  std::string asset;
  std::string total;
  std::string available;
};

struct KeyPermissions {
  bool known = false;  // false: the exchange cannot tell (the other fields are false)
  bool can_read = false;
  bool can_trade = false;
  bool can_withdraw = false;
  bool ip_restricted = false;
  std::string detail;
};

enum class ConnectionState : std::uint32_t {
  connecting = OB_CONNECTION_CONNECTING,
  connected = OB_CONNECTION_CONNECTED,
  degraded = OB_CONNECTION_DEGRADED,
  disconnected = OB_CONNECTION_DISCONNECTED,
  banned = OB_CONNECTION_BANNED,
};

// The order named `client_order_id` is unknown to the exchange, or already closed (cancel_order).
// `last_known` is written to the call's `out` when set.
class UnknownOrderError : public Error {
 public:
  explicit UnknownOrderError(const std::string& message, std::optional<OrderView> last_known = std::nullopt)
      : Error(OB_ERROR_EXCHANGE_UNKNOWN_ORDER, message), last_known_(std::move(last_known)) {}
  [[nodiscard]] const std::optional<OrderView>& last_known() const noexcept { return last_known_; }

 private:
  std::optional<OrderView> last_known_;
};

namespace detail {

// Copies text into a fixed C buffer, truncated and NUL-terminated: never throws.
template <std::size_t N>
inline void copy_text(char (&out)[N], std::string_view text) noexcept {
  const std::size_t length = text.size() < N - 1 ? text.size() : N - 1;
  std::memcpy(out, text.data(), length);
  out[length] = '\0';
}
// Exact decimal text into an ob_decimal; text too long for it is a connector bug, reported as such.
inline ob_decimal exact_decimal(std::string_view text) {
  if (text.size() >= OB_DECIMAL_CAPACITY) {
    throw Error(OB_ERROR_INVALID_ARGUMENT, "decimal text too long: \"" + std::string(text.substr(0, 60)) + "\"");
  }
  ob_decimal out{};
  std::memcpy(out.text, text.data(), text.size());
  return out;
}
inline std::string text_of(const char* value) { return value != nullptr ? std::string(value) : std::string(); }

inline ob_candle to_raw(const ExchangeCandle& candle) {
  return {candle.open_time_ms,       exact_decimal(candle.open),  exact_decimal(candle.high),
          exact_decimal(candle.low), exact_decimal(candle.close), exact_decimal(candle.volume)};
}

inline ob_exchange_candle to_raw_event(const ExchangeCandle& candle) {
  ob_exchange_candle raw{};
  raw.header = OB_HEADER_INIT(ob_exchange_candle);
  raw.symbol = candle.symbol.c_str();
  raw.time_frame = candle.time_frame.c_str();
  raw.candle = to_raw(candle);
  raw.closed = candle.closed ? 1 : 0;
  raw.from_rest = candle.from_rest ? 1 : 0;
  return raw;
}

inline ob_exchange_fill to_raw(const ExchangeFill& fill) {
  ob_exchange_fill raw{};
  raw.header = OB_HEADER_INIT(ob_exchange_fill);
  copy_text(raw.trade_id, fill.trade_id);
  raw.time_ms = fill.time_ms;
  raw.price = exact_decimal(fill.price);
  raw.amount = exact_decimal(fill.amount);
  raw.fee = exact_decimal(fill.fee);
  copy_text(raw.fee_asset, fill.fee_asset);
  raw.maker = fill.maker ? 1 : 0;
  return raw;
}

inline ob_order_view to_raw(const OrderView& order) {
  ob_order_view raw = blank_order_view();
  copy_text(raw.id, order.id);
  copy_text(raw.symbol, order.symbol);
  copy_text(raw.tag, order.tag);
  raw.side = static_cast<std::uint32_t>(order.side);
  raw.type = static_cast<std::uint32_t>(order.type);
  raw.state = static_cast<std::uint32_t>(order.status);
  raw.amount = exact_decimal(order.amount);
  raw.filled = exact_decimal(order.filled);
  raw.price = exact_decimal(order.price);
  raw.average_price = exact_decimal(order.average_price);
  raw.fee = exact_decimal(order.fee);
  copy_text(raw.fee_asset, order.fee_asset);
  copy_text(raw.reason, order.reason);
  raw.created_ms = order.created_ms;
  raw.updated_ms = order.updated_ms;
  return raw;
}

inline ob_asset_balance to_raw(const AssetBalance& balance) {
  ob_asset_balance raw{};
  raw.header = OB_HEADER_INIT(ob_asset_balance);
  copy_text(raw.asset, balance.asset);
  raw.total = exact_decimal(balance.total);
  raw.available = exact_decimal(balance.available);
  return raw;
}

inline OrderRequest from_raw(const ob_order_request& raw) {
  OrderRequest request;
  request.symbol = text_of(raw.symbol);
  request.side = static_cast<Side>(raw.side);
  request.type = static_cast<OrderType>(raw.type);
  request.amount = raw.amount.text;
  request.price = raw.price.text;
  request.trigger_price = raw.trigger_price.text;
  request.trailing_percent = raw.trailing_percent.text;
  request.tag = OB_HAS_FIELD(&raw, ob_order_request, tag) ? text_of(raw.tag) : std::string();
  return request;
}

}  // namespace detail

// ---- The sink ----------------------------------------------------------------------------------

// Where the connector pushes events: a copyable view over the host's ob_exchange_sink, valid from
// start() until stop() returns. THREAD: [any-thread]. Every function is noexcept: an event that
// cannot be converted (a decimal too long) is dropped and logged, never thrown into a network thread.
class ExchangeSink {
 public:
  ExchangeSink() noexcept = default;
  ExchangeSink(const ob_exchange_sink* sink, Host host) noexcept : sink_(sink), host_(host) {}

  [[nodiscard]] bool valid() const noexcept { return sink_ != nullptr; }

  void candle(const ExchangeCandle& candle) const noexcept {
    deliver("candle", sink_ != nullptr ? sink_->on_candle : nullptr, [&](auto on_candle) {
      const ob_exchange_candle raw = detail::to_raw_event(candle);
      on_candle(sink_->context, &raw);
    });
  }

  void ticker(const ExchangeTicker& ticker) const noexcept {
    deliver("ticker", sink_ != nullptr ? sink_->on_ticker : nullptr, [&](auto on_ticker) {
      ob_exchange_ticker raw{};
      raw.header = OB_HEADER_INIT(ob_exchange_ticker);
      raw.symbol = ticker.symbol.c_str();
      raw.time_ms = ticker.time_ms;
      raw.last = detail::exact_decimal(ticker.last);
      raw.bid = detail::exact_decimal(ticker.bid);
      raw.ask = detail::exact_decimal(ticker.ask);
      on_ticker(sink_->context, &raw);
    });
  }

  void book(const ExchangeBook& book) const noexcept {
    deliver("book", sink_ != nullptr ? sink_->on_book : nullptr, [&](auto on_book) {
      const std::vector<ob_book_level> bids = levels(book.bids);
      const std::vector<ob_book_level> asks = levels(book.asks);
      ob_exchange_book raw{};
      raw.header = OB_HEADER_INIT(ob_exchange_book);
      raw.symbol = book.symbol.c_str();
      raw.time_ms = book.time_ms;
      raw.bids = bids.data();
      raw.bid_count = bids.size();
      raw.asks = asks.data();
      raw.ask_count = asks.size();
      on_book(sink_->context, &raw);
    });
  }

  // An order changed; `fill` is the execution when the change is one (deliver each once).
  void order(const OrderView& order, const ExchangeFill* fill = nullptr,
             std::string_view exchange_order_id = {}) const noexcept {
    deliver("order", sink_ != nullptr ? sink_->on_order : nullptr, [&](auto on_order) {
      const ob_order_view view = detail::to_raw(order);
      std::optional<ob_exchange_fill> raw_fill;
      if (fill != nullptr) raw_fill = detail::to_raw(*fill);
      const std::string id(exchange_order_id);
      ob_exchange_order_event raw{};
      raw.header = OB_HEADER_INIT(ob_exchange_order_event);
      raw.order = &view;
      raw.fill = raw_fill ? &*raw_fill : nullptr;
      raw.exchange_order_id = id.c_str();
      on_order(sink_->context, &raw);
    });
  }

  void balances(const std::vector<AssetBalance>& balances) const noexcept {
    deliver("balances", sink_ != nullptr ? sink_->on_balances : nullptr, [&](auto on_balances) {
      std::vector<ob_asset_balance> raw;
      raw.reserve(balances.size());
      for (const auto& balance : balances) raw.push_back(detail::to_raw(balance));
      on_balances(sink_->context, raw.data(), raw.size());
    });
  }

  void connection(ConnectionState state, std::string_view reason = {}, std::int64_t until_ms = 0) const noexcept {
    deliver("connection", sink_ != nullptr ? sink_->on_connection : nullptr, [&](auto on_connection) {
      const std::string text(reason);
      ob_exchange_connection raw{};
      raw.header = OB_HEADER_INIT(ob_exchange_connection);
      raw.state = static_cast<std::uint32_t>(state);
      raw.until_ms = until_ms;
      raw.reason = text.c_str();
      on_connection(sink_->context, &raw);
    });
  }

 private:
  static std::vector<ob_book_level> levels(const std::vector<BookLevel>& levels) {
    std::vector<ob_book_level> out;
    out.reserve(levels.size());
    for (const auto& level : levels) {
      out.push_back({detail::exact_decimal(level.price), detail::exact_decimal(level.amount)});
    }
    return out;
  }

  template <typename Function, typename Body>
  void deliver(const char* what, Function function, Body&& body) const noexcept {
    if (function == nullptr) return;
    try {
      body(function);
    } catch (const std::exception& e) {
      host_.log(LogLevel::error, "ExchangeSink", std::string("dropped the ") + what + " event: " + e.what());
    } catch (...) {
      host_.log(LogLevel::error, "ExchangeSink", std::string("dropped the ") + what + " event");
    }
  }

  const ob_exchange_sink* sink_ = nullptr;
  Host host_{nullptr};
};

// ---- Credentials -------------------------------------------------------------------------------

// A credential's text in memory that is overwritten when released. Move-only, so no stray copy is
// left behind by the type itself (a copy taken with str() is the caller's to guard).
class Secret {
 public:
  Secret() noexcept = default;
  explicit Secret(std::string_view text) : size_(text.size()), data_(std::make_unique<char[]>(text.size() + 1)) {
    std::memcpy(data_.get(), text.data(), text.size());
    data_[size_] = '\0';
  }
  ~Secret() { wipe(); }
  Secret(Secret&& other) noexcept : size_(std::exchange(other.size_, 0)), data_(std::move(other.data_)) {}
  Secret& operator=(Secret&& other) noexcept {
    if (this != &other) {
      wipe();
      size_ = std::exchange(other.size_, 0);
      data_ = std::move(other.data_);
    }
    return *this;
  }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  [[nodiscard]] std::string_view view() const noexcept { return {data_ ? data_.get() : "", size_}; }
  [[nodiscard]] std::string str() const { return std::string(view()); }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  // Overwrites a buffer so the compiler cannot drop the stores.
  static void wipe(char* data, std::size_t size) noexcept {
    volatile char* bytes = data;
    for (std::size_t i = 0; i < size; ++i) bytes[i] = '\0';
  }

 private:
  void wipe() noexcept {
    if (data_) wipe(data_.get(), size_ + 1);
    size_ = 0;
  }
  std::size_t size_ = 0;
  std::unique_ptr<char[]> data_;
};

// The credential `name` (OB_CREDENTIAL_*) of `exchange` through "credentials/1". Nothing when the
// account has none (OB_ERROR_NOT_FOUND: paper trading, market data only) or the host offers no such
// service; throws sdk::Error with the host's status for any other failure. THREAD: [any-thread].
[[nodiscard]] inline std::optional<Secret> credentials(const Host& host, const std::string& exchange,
                                                       const char* name) {
  const auto* service = host.service<ob_credentials_service_v1>(OB_SERVICE_CREDENTIALS_V1);
  if (service == nullptr || service->get == nullptr) return std::nullopt;
  std::uint64_t capacity = 128;
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::vector<char> buffer(capacity, '\0');
    std::uint64_t length = 0;
    ob_error error = {OB_HEADER_INIT(ob_error), {0}};
    const ob_status status =
        service->get(service->context, exchange.c_str(), name, buffer.data(), buffer.size(), &length, &error);
    if (status == OB_OK && length < capacity) {
      Secret secret(std::string_view(buffer.data(), length));
      Secret::wipe(buffer.data(), buffer.size());
      return secret;
    }
    Secret::wipe(buffer.data(), buffer.size());
    if (status == OB_ERROR_NOT_FOUND) return std::nullopt;
    if (status != OB_OK) {
      error.message[sizeof(error.message) - 1] = '\0';
      throw Error(status, std::string("credentials/1: ") + error.message);
    }
    capacity = length + 1;  // truncated: ask again with room for the whole value
  }
  throw Error(OB_ERROR_GENERIC, std::string("credentials/1: the length of ") + name + " kept changing");
}

// ---- submit_order's completion (ABI 1.6) -------------------------------------------------------

// The host's `done` of one submit_order, called at most once whatever the copies: the first
// succeed() or fail() is delivered, later ones are ignored. A completion of a submit that returned
// true and was never completed fails on its last copy's destruction ("dropped"), so the host always
// hears exactly once; one of a submit that returned false is disarmed and never calls the host.
// THREAD: any thread; never call it from inside submit_order itself (the ABI promises the host so).
class OrderCompletion {
 public:
  OrderCompletion() = default;
  OrderCompletion(ob_order_completion done, void* context) : core_(std::make_shared<Core>(done, context)) {}

  void succeed(const OrderView& view) const noexcept {
    if (!core_ || !core_->take()) return;
    try {
      const ob_order_view raw = detail::to_raw(view);
      core_->done(core_->context, OB_OK, &raw, nullptr);
    } catch (const std::exception& e) {
      core_->deliver_failure(OB_ERROR_EXCEPTION,
                             std::string("submit_order: the answer could not be passed on: ") + e.what());
    } catch (...) {
      core_->deliver_failure(OB_ERROR_EXCEPTION, "submit_order: the answer could not be passed on");
    }
  }
  void fail(ob_status status, const std::string& message) const noexcept {
    if (!core_ || !core_->take()) return;
    core_->deliver_failure(status == OB_OK ? OB_ERROR_GENERIC : status, message);
  }
  // For the binding: a submit that returned false (or threw) must never call the host.
  void disarm() const noexcept {
    if (core_) core_->take();
  }
  [[nodiscard]] explicit operator bool() const noexcept { return core_ != nullptr; }

 private:
  struct Core {
    Core(ob_order_completion d, void* c) : done(d), context(c) {}
    ~Core() { deliver_failure_if_pending(); }
    Core(const Core&) = delete;
    Core& operator=(const Core&) = delete;
    bool take() noexcept { return !used.exchange(true); }
    void deliver_failure(ob_status status, const std::string& message) noexcept {
      ob_error error = {OB_HEADER_INIT(ob_error), {0}};
      detail::write_error(&error, message.c_str());
      if (done != nullptr) done(context, status, nullptr, &error);
    }
    void deliver_failure_if_pending() noexcept {
      if (take()) deliver_failure(OB_ERROR_GENERIC, "submit_order: the connector dropped the order's completion");
    }
    ob_order_completion done;
    void* context;
    std::atomic<bool> used{false};
  };
  std::shared_ptr<Core> core_;
};

// ---- The base class ----------------------------------------------------------------------------

// One exchange account of the live bot. create reads the configuration (configure); start connects.
class ExchangeConnector : public KindBase<OB_KIND_EXCHANGE> {
 public:
  using KindBase::KindBase;

  // Connects (time sync, markets, streams) and keeps `sink` until stop() returns.
  virtual void start(ExchangeSink sink) = 0;
  // Closes streams and connections; no sink call after it returns.
  virtual void stop() = 0;
  virtual std::vector<ExchangeMarket> markets() = 0;
  virtual KeyPermissions key_permissions() { return {}; }
  // `streams`: OB_STREAM_* bits.
  virtual void subscribe(const std::string& symbol, const std::string& time_frame, std::uint32_t streams) = 0;
  // Closed candles opening at or after `since_ms`, oldest first, at most `limit`.
  virtual std::vector<ExchangeCandle> candles(const std::string& symbol, const std::string& time_frame,
                                              std::int64_t since_ms, std::uint64_t limit) = 0;
  virtual std::vector<AssetBalance> balances() = 0;
  virtual OrderView create_order(const OrderRequest& request, const std::string& client_order_id) = 0;
  // Throw UnknownOrderError when the order is unknown or already closed.
  virtual OrderView cancel_order(const std::string& symbol, const std::string& client_order_id) = 0;
  virtual OrderView fetch_order(const std::string& symbol, const std::string& client_order_id) = 0;
  virtual std::vector<OrderView> open_orders(const std::string& symbol) = 0;
  virtual std::vector<AccountFill> fills_since(const std::string& symbol, std::int64_t since_ms) = 0;
  // ABI 1.6. Writes create_order's request on the CALLING thread (the host's bot loop, while the
  // exchange thread may be running any other function) and returns true: `done` is then completed
  // once, later, from a connector thread, with what create_order would have returned (or thrown, as
  // done.fail(status, message)). Returns false when nothing was sent (no idle connection, backed
  // off...): the host then calls create_order, and `done` must not be kept. The default sends
  // nothing. Throwing also means nothing was sent. stop() must complete every kept `done`.
  virtual bool submit_order(const OrderRequest& /*request*/, const std::string& /*client_order_id*/,
                            OrderCompletion /*done*/) {
    return false;
  }
};

namespace detail {

// The C trampolines of the exchange table; library.hpp picks them for classes derived from
// ExchangeConnector.
template <typename T>
struct ExchangeBinding {
  static T* self(ob_instance* instance) noexcept { return static_cast<T*>(reinterpret_cast<Tentacle*>(instance)); }

  static ob_status start(ob_instance* instance, const ob_exchange_sink* sink, ob_error* error) noexcept {
    return guarded(error, [&] {
      T* connector = self(instance);
      connector->start(ExchangeSink(sink, connector->host()));
    });
  }
  static ob_status stop(ob_instance* instance, ob_error* error) noexcept {
    return guarded(error, [&] { self(instance)->stop(); });
  }
  static ob_status markets(ob_instance* instance, ob_market_visitor visit, void* context, ob_error* error) noexcept {
    return guarded(error, [&] {
      for (const ExchangeMarket& market : self(instance)->markets()) {
        ob_market_info info{};
        info.header = OB_HEADER_INIT(ob_market_info);
        copy_text(info.base, market.base);
        copy_text(info.quote, market.quote);
        info.price_tick = exact_decimal(market.price_tick);
        info.amount_step = exact_decimal(market.amount_step);
        info.min_amount = exact_decimal(market.min_amount);
        info.min_cost = exact_decimal(market.min_cost);
        info.maker_fee = exact_decimal(market.maker_fee);
        info.taker_fee = exact_decimal(market.taker_fee);
        ob_exchange_market raw{};
        raw.header = OB_HEADER_INIT(ob_exchange_market);
        copy_text(raw.symbol, market.symbol);
        raw.info = &info;
        if (visit != nullptr) visit(context, &raw);
      }
    });
  }
  static ob_status key_permissions(ob_instance* instance, ob_key_permissions* out, ob_error* error) noexcept {
    return guarded(error, [&] {
      const KeyPermissions permissions = self(instance)->key_permissions();
      ob_key_permissions raw{};
      raw.header = OB_HEADER_INIT(ob_key_permissions);
      raw.known = permissions.known ? 1 : 0;
      raw.can_read = permissions.known && permissions.can_read ? 1 : 0;
      raw.can_trade = permissions.known && permissions.can_trade ? 1 : 0;
      raw.can_withdraw = permissions.known && permissions.can_withdraw ? 1 : 0;
      raw.ip_restricted = permissions.known && permissions.ip_restricted ? 1 : 0;
      copy_text(raw.detail, permissions.detail);
      if (out != nullptr) *out = raw;
    });
  }
  static ob_status subscribe(ob_instance* instance, const char* symbol, const char* time_frame, std::uint32_t streams,
                             ob_error* error) noexcept {
    return guarded(error, [&] { self(instance)->subscribe(text_of(symbol), text_of(time_frame), streams); });
  }
  static ob_status candles(ob_instance* instance, const char* symbol, const char* time_frame, std::int64_t since_ms,
                           std::uint64_t limit, ob_candle_visitor visit, void* context, ob_error* error) noexcept {
    return guarded(error, [&] {
      for (const ExchangeCandle& candle :
           self(instance)->candles(text_of(symbol), text_of(time_frame), since_ms, limit)) {
        const ob_exchange_candle raw = to_raw_event(candle);
        if (visit != nullptr) visit(context, &raw);
      }
    });
  }
  static ob_status balances(ob_instance* instance, ob_balance_visitor visit, void* context, ob_error* error) noexcept {
    return guarded(error, [&] {
      for (const AssetBalance& balance : self(instance)->balances()) {
        const ob_asset_balance raw = to_raw(balance);
        if (visit != nullptr) visit(context, &raw);
      }
    });
  }
  static ob_status create_order(ob_instance* instance, const ob_order_request* request, const char* client_order_id,
                                ob_order_view* out, ob_error* error) noexcept {
    if (request == nullptr || client_order_id == nullptr || client_order_id[0] == '\0') {
      write_error(error, "create_order: a request and a client order id are required");
      return OB_ERROR_INVALID_ARGUMENT;
    }
    return guarded(error, [&] {
      const ob_order_view view = to_raw(self(instance)->create_order(from_raw(*request), client_order_id));
      if (out != nullptr) *out = view;
    });
  }
  static ob_status cancel_order(ob_instance* instance, const char* symbol, const char* client_order_id,
                                ob_order_view* out, ob_error* error) noexcept {
    return with_last_known(out, error,
                           [&] { return self(instance)->cancel_order(text_of(symbol), text_of(client_order_id)); });
  }
  static ob_status fetch_order(ob_instance* instance, const char* symbol, const char* client_order_id,
                               ob_order_view* out, ob_error* error) noexcept {
    return with_last_known(out, error,
                           [&] { return self(instance)->fetch_order(text_of(symbol), text_of(client_order_id)); });
  }
  static ob_status open_orders(ob_instance* instance, const char* symbol, ob_order_visitor visit, void* context,
                               ob_error* error) noexcept {
    return guarded(error, [&] {
      for (const OrderView& order : self(instance)->open_orders(text_of(symbol))) {
        const ob_order_view raw = to_raw(order);
        if (visit != nullptr) visit(context, &raw);
      }
    });
  }
  static ob_status fills_since(ob_instance* instance, const char* symbol, std::int64_t since_ms, ob_fill_visitor visit,
                               void* context, ob_error* error) noexcept {
    return guarded(error, [&] {
      for (const AccountFill& fill : self(instance)->fills_since(text_of(symbol), since_ms)) {
        const ob_exchange_fill raw = to_raw(fill.fill);
        if (visit != nullptr) visit(context, fill.client_order_id.c_str(), &raw);
      }
    });
  }

  static ob_status submit_order(ob_instance* instance, const ob_order_request* request, const char* client_order_id,
                                ob_order_completion done, void* done_context, ob_error* error) noexcept {
    if (request == nullptr || client_order_id == nullptr || client_order_id[0] == '\0' || done == nullptr) {
      write_error(error, "submit_order: a request, a client order id and a completion are required");
      return OB_ERROR_INVALID_ARGUMENT;
    }
    bool sent = false;
    OrderCompletion completion;
    const ob_status status = guarded(error, [&] {
      completion = OrderCompletion(done, done_context);
      sent = self(instance)->submit_order(from_raw(*request), client_order_id, completion);
    });
    if (status == OB_OK && sent) return OB_OK;
    completion.disarm();  // nothing was sent: the host hears nothing and uses create_order
    if (status != OB_OK) return status;
    write_error(error, "submit_order: nothing sent (no idle connection, backed off, or not supported)");
    return OB_ERROR_EXCHANGE_BUSY;
  }

  // The table, with the lifecycle every kind shares (library.hpp's).
  static const ob_exchange_vtable* table(ob_lifecycle lifecycle) noexcept {
    static const ob_exchange_vtable value = {OB_HEADER_INIT(ob_exchange_vtable),
                                             lifecycle,
                                             &start,
                                             &stop,
                                             &markets,
                                             &key_permissions,
                                             &subscribe,
                                             &candles,
                                             &balances,
                                             &create_order,
                                             &cancel_order,
                                             &fetch_order,
                                             &open_orders,
                                             &fills_since,
                                             &submit_order};
    return &value;
  }

 private:
  // An order call whose UnknownOrderError may carry the order's last known state for `out`.
  template <typename Body>
  static ob_status with_last_known(ob_order_view* out, ob_error* error, Body&& body) noexcept {
    std::optional<OrderView> last_known;
    const ob_status status = guarded(error, [&] {
      try {
        const ob_order_view view = to_raw(body());
        if (out != nullptr) *out = view;
      } catch (const UnknownOrderError& e) {
        last_known = e.last_known();
        throw;
      }
    });
    if (status != OB_OK && last_known && out != nullptr) {
      try {
        *out = to_raw(*last_known);
      } catch (...) {  // the status and message already say what matters
      }
    }
    return status;
  }
};

}  // namespace detail
}  // namespace octobot::sdk
