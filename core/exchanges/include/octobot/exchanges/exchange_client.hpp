// The host's side of an exchange connector: what the live bot needs from an exchange account, in
// core types (exact Decimals, channel enums), independent of how it is reached. `ConnectorClient`
// implements it over an OB_KIND_EXCHANGE tentacle (exchange.h); tests implement it in memory.
//
// Why asynchronous: connector calls block on the network (a REST round trip is 0.1 ms on loopback,
// 50-500 ms to a real exchange), and the bot loop must keep evaluating meanwhile. Every request
// therefore runs on the connector's own thread and its completion is posted back to the bot loop
// (the io_context the client was built with), as are the pushed events. So everything a caller
// sees — completions and events — runs on the bot loop thread, in the order the connector produced
// it, and the trading code stays single-threaded (design brief: one bot loop).
//
// THREAD: call from the bot loop thread; callbacks run on it.
#pragma once

#include <octobot/channel/standard/exchange_data.hpp>
#include <octobot/channel/standard/trading_types.hpp>
#include <octobot/commons/decimal.hpp>
#include <octobot/trading/market.hpp>
#include <octobot/trading/order_request.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace octobot::exchanges {

using commons::Decimal;

// A failure to talk to the exchange (not a refusal of an order: that is an order in state rejected).
struct ClientError {
  std::int32_t code = 0;  // OB_ERROR_* / OB_ERROR_EXCHANGE_* (exchange.h)
  std::string message;    // what happened and what to do; never contains a credential
};

template <typename T>
using Outcome = std::variant<T, ClientError>;

// An order as the exchange reports it. `client_order_id` is the host's name for it.
struct ClientOrder {
  std::string client_order_id;
  std::string exchange_order_id;
  std::string symbol;
  channel::Side side = channel::Side::buy;
  channel::OrderType type = channel::OrderType::unknown;
  channel::OrderStatus status = channel::OrderStatus::unknown;
  Decimal amount;
  Decimal filled;
  Decimal price;
  Decimal average_price;
  Decimal fee;
  std::string fee_asset;
  std::string reason;  // why rejected / cancelled / expired
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

// One execution. Delivered once per trade id.
struct ClientFill {
  std::string trade_id;
  std::string client_order_id;
  std::int64_t time_ms = 0;
  Decimal price;
  Decimal amount;  // base, this execution only
  Decimal fee;
  std::string fee_asset;
  bool maker = false;
};

struct OrderEvent {
  ClientOrder order;               // state after the change (filled = cumulated)
  std::optional<ClientFill> fill;  // set when the change is an execution
};

struct AssetBalance {
  std::string asset;
  Decimal total;
  Decimal available;
};

struct CandleEvent {
  std::string symbol;
  std::string time_frame;
  std::int64_t open_time_ms = 0;
  Decimal open, high, low, close, volume;
  bool closed = false;
  bool from_rest = false;
};

struct TickerEvent {
  std::string symbol;
  std::int64_t time_ms = 0;
  Decimal last, bid, ask;
};

// An order book snapshot (Binance's partial depth: the best levels), best first on both sides; its
// levels are the OrderBook channel's, so the bot publishes them without converting.
struct BookEvent {
  std::string symbol;
  std::int64_t time_ms = 0;
  std::vector<channel::BookLevel> bids, asks;
};

enum class ConnectionState : std::uint8_t { connecting, connected, degraded, disconnected, banned };

struct ConnectionEvent {
  ConnectionState state = ConnectionState::connecting;
  std::int64_t until_ms = 0;  // banned: end of the ban
  std::string reason;
};

struct KeyPermissions {
  bool known = false;
  bool can_read = false;
  bool can_trade = false;
  bool can_withdraw = false;
  bool ip_restricted = false;
  std::string detail;
};

// What the connector pushes. Any may be empty. Run on the bot loop.
struct ExchangeEvents {
  std::function<void(const CandleEvent&)> on_candle;
  std::function<void(const TickerEvent&)> on_ticker;
  std::function<void(const BookEvent&)> on_book;
  std::function<void(const OrderEvent&)> on_order;
  std::function<void(const std::vector<AssetBalance>&)> on_balances;
  std::function<void(const ConnectionEvent&)> on_connection;
};

template <typename T>
using Completion = std::function<void(Outcome<T>)>;

class ExchangeClient {
 public:
  virtual ~ExchangeClient() = default;

  [[nodiscard]] virtual const std::string& exchange() const noexcept = 0;  // "binance"

  // Connects and starts pushing `events` (kept until stop). Completion: markets are known.
  virtual void start(ExchangeEvents events, Completion<std::vector<trading::Market>> done) = 0;
  // No event and no completion runs after stop returns; pending requests complete with an error
  // (code OB_ERROR_STATE) before it returns.
  virtual void stop() = 0;

  virtual void key_permissions(Completion<KeyPermissions> done) = 0;
  // streams: OB_STREAM_* bits (exchange.h).
  virtual void subscribe(std::string symbol, std::string time_frame, std::uint32_t streams,
                         Completion<std::monostate> done) = 0;
  // Closed candles opening at or after since_ms, oldest first.
  virtual void candles(std::string symbol, std::string time_frame, std::int64_t since_ms, std::uint64_t limit,
                       Completion<std::vector<CandleEvent>> done) = 0;
  virtual void balances(Completion<std::vector<AssetBalance>> done) = 0;

  // The order named `client_order_id`. A refusal (funds, filters) completes with an order in state
  // rejected and its reason; an uncertain outcome is settled by the connector (looked up under its
  // name before any resend), so the order is never sent twice.
  virtual void create_order(trading::OrderRequest request, std::string client_order_id,
                            Completion<ClientOrder> done) = 0;
  // Error code OB_ERROR_EXCHANGE_UNKNOWN_ORDER when unknown or already closed.
  virtual void cancel_order(std::string symbol, std::string client_order_id, Completion<ClientOrder> done) = 0;
  virtual void fetch_order(std::string symbol, std::string client_order_id, Completion<ClientOrder> done) = 0;
  virtual void open_orders(std::string symbol, Completion<std::vector<ClientOrder>> done) = 0;
  virtual void fills_since(std::string symbol, std::int64_t since_ms, Completion<std::vector<ClientFill>> done) = 0;
};

}  // namespace octobot::exchanges
