// Binance WebSocket streams (issue 8): market streams (klines, 24h ticker, book ticker, partial depth)
// on one combined connection (`/stream?streams=a/b`), and the user-data stream (executionReport,
// outboundAccountPosition), parsed into typed events whose prices and quantities are Binance's exact
// decimal text. The user-data stream comes one of two ways (StreamConfig::user_stream):
//
//   - ws_api (default; Binance Spot since listen keys were discontinued on 2026-02-20): a connection
//     of its own to the WebSocket API (`ws_api_url`), subscribed with a signed
//     `userDataStream.subscribe.signature` request (API key, synced timestamp, recvWindow, the
//     signature of the sorted params: HMAC hex, or base64 Ed25519 for an Ed25519 key); its events
//     arrive wrapped as {"subscriptionId":N,"event":{...}}. The client is `connected` once Binance
//     acknowledged the subscription; a refusal (-2015 key, -1022 signature, -1021 clock) is the
//     disconnection's reason, naming Binance's code and message; a refused key or signature is not
//     retried. Each reconnection subscribes again.
//   - listen_key (Binance.US and compatible venues): a listen key from REST (POST
//     /api/v3/userDataStream, kept alive by PUT) appended to the market connection's streams.
//
//   - ws:// (loopback tests) or wss:// (production: TLS through Beast's ssl stream, the system's CA
//     store plus `ca_file` when set, the peer and its host name verified, SNI set). A refused
//     certificate is reported as the disconnection's reason, naming the certificate's problem.
//   - Automatic reconnect with exponential back-off and jitter; the same streams are subscribed again
//     (they are in the URL) and a fresh listen key is taken when Binance says the old one expired.
//   - Kline gap filling: every closed candle is delivered exactly once and in order. When a kline event
//     opens later than one interval after the last closed candle delivered (after a reconnect, or a
//     lost frame), the missed closed candles are fetched over REST and delivered first
//     (`KlineEvent::from_rest`); a closed candle already delivered is dropped.
//   - Listen-key keep-alive (listen_key mode): PUT /api/v3/userDataStream every `keepalive_interval_ms`.
//
// THREADING: everything (network, REST calls for gaps and listen keys, callbacks) runs on one
// io_context thread: the client's own, or the caller's (`StreamConfig::io`, which the caller runs).
// Callbacks are called on that thread, one at a time, and must not block for long (a REST gap fill
// blocks it for its round trip). start()/stop() may be called from any other thread.
// Boost stays out of this header: the io_context is only forward-declared.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <octobot_binance/rest_client.hpp>
#include <octobot_binance/types.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace octobot::binance {

struct KlineEvent {
  std::string symbol;      // "BTCUSDT", as the stream sends it
  std::string interval;    // "1m"
  Kline kline;             // close_time_ms = open + interval - 1
  bool closed = false;     // Binance's "x": the candle is final
  bool from_rest = false;  // a missed candle fetched over REST by the gap filler
  std::int64_t event_time_ms = 0;
};

struct TickerEvent {  // <symbol>@ticker (24hrTicker): the fields OctoBot uses
  std::string symbol;
  std::string last_price;
  std::string best_bid;
  std::string best_ask;
  std::int64_t event_time_ms = 0;
};

struct BookTickerEvent {  // <symbol>@bookTicker
  std::string symbol;
  std::int64_t update_id = 0;
  PriceLevel bid;
  PriceLevel ask;
};

struct DepthEvent {    // <symbol>@depth<5|10|20>: a partial book, best first
  std::string symbol;  // from the stream name, upper case
  OrderBook book;
};

struct ExecutionReport {  // user-data executionReport
  std::int64_t event_time_ms = 0;
  std::string symbol;
  std::string client_order_id;
  std::string side;           // BUY / SELL
  std::string order_type;     // LIMIT / MARKET...
  std::string time_in_force;  // GTC...
  std::string quantity;
  std::string price;
  std::string execution_type;  // NEW / TRADE / CANCELED / EXPIRED...
  std::string order_status;    // NEW / PARTIALLY_FILLED / FILLED / CANCELED...
  std::int64_t order_id = 0;
  std::string last_quantity;  // of this fill
  std::string last_price;
  std::string cumulative_quantity;
  std::string cumulative_quote;
  std::string commission;
  std::string commission_asset;          // empty when none
  std::int64_t transaction_time_ms = 0;  // "T": this event's
  std::int64_t order_created_ms = 0;     // "O": the order's creation ("T" when absent)
  std::int64_t trade_id = -1;
  bool is_maker = false;
};

struct AccountPosition {  // user-data outboundAccountPosition: the balances that changed
  std::int64_t event_time_ms = 0;
  std::vector<Balance> balances;
};

enum class StreamState { connecting, connected, disconnected };

enum class UserStream { ws_api, listen_key };

struct StreamConfig {
  std::string ws_base_url = "wss://stream.binance.com:9443";  // ws://127.0.0.1:<port> for the fake
  // wss://: a PEM file of CA certificates trusted besides the system's store; empty: the system's alone.
  // The REST client's is rest.transport.ca_file (set both). Checked by the constructor (invalid_argument).
  std::string ca_file;
  std::vector<std::string> streams;  // "btcusdt@kline_1m", "btcusdt@ticker", "btcusdt@bookTicker", "btcusdt@depth5"
  bool user_data = false;            // also the user-data stream (needs rest.api_key; ws_api: rest.api_secret too)
  // ws_api: the user data over the WebSocket API, a connection of its own: `streams` must then be empty
  // (a second client takes the market streams). listen_key: on the market connection.
  UserStream user_stream = UserStream::ws_api;
  std::string ws_api_url =
      "wss://ws-api.binance.com:443/ws-api/v3";  // testnet: wss://ws-api.testnet.binance.vision/ws-api/v3
  // Gap fills, listen keys and the WS API's clock sync (/api/v3/time before each subscription, whose
  // timestamp is the synced server time); the client's own RestClient, on the stream thread. Give it
  // the other clients' `limits` and `time_offset_ms` so it shares their weight, ban and back-off.
  ClientConfig rest;
  std::int64_t reconnect_base_ms = 250;  // back-off: min(max, base * 2^attempt), then a jitter in [50 %, 100 %]
  std::int64_t reconnect_max_ms = 30'000;
  std::int64_t keepalive_interval_ms = 30 * 60'000;
  std::int64_t handshake_timeout_ms = 10'000;
  boost::asio::io_context* io = nullptr;  // nullptr: the client runs its own thread
  // The last closed candle already delivered per kline stream ("BTCUSDT 1m" -> its open time), from a
  // connection this one replaces: the first candle seen after it reveals what closed in between, and
  // that gap is fetched over REST like a reconnect's.
  std::map<std::string, std::int64_t> delivered_closed;
  // Kline frames read straight from their text (kline_frame.hpp), the same events as the JSON
  // document gives; false: every frame through the document (to compare the two in one program).
  bool read_klines_directly = true;

  std::function<void(const KlineEvent&)> on_kline;
  std::function<void(const TickerEvent&)> on_ticker;
  std::function<void(const BookTickerEvent&)> on_book_ticker;
  std::function<void(const DepthEvent&)> on_depth;
  std::function<void(const ExecutionReport&)> on_execution_report;
  std::function<void(const AccountPosition&)> on_account_position;
  std::function<void(StreamState, std::string_view reason)> on_state;
  // Binance refused a request of this client (over REST: a gap fill, a listen key, the WS API's clock;
  // or the WS API's user-data subscription), after the client handled it (logged, retried or given
  // up): its owner hears a ban (418) as soon as the stream meets it, not at its own next refused call.
  std::function<void(const BinanceError&)> on_binance_error;
  std::function<void(LogLevel, std::string_view)> log;
};

struct StreamStats {
  std::int64_t connects = 0;  // handshakes completed
  std::int64_t connect_failures = 0;
  std::int64_t messages = 0;
  std::int64_t parse_errors = 0;
  std::int64_t klines_read_directly = 0;  // kline frames read without a JSON document (kline_frame.hpp)
  std::int64_t gap_candles_fetched = 0;   // closed candles delivered from REST
  std::int64_t duplicates_dropped = 0;
  std::int64_t keepalives = 0;
  std::int64_t subscriptions = 0;  // ws_api: user-data subscriptions Binance acknowledged
};

class StreamClient {
 public:
  explicit StreamClient(StreamConfig config);
  ~StreamClient();  // stop()
  StreamClient(const StreamClient&) = delete;
  StreamClient& operator=(const StreamClient&) = delete;

  void start();
  // Closes the connection and ends the loop; with its own thread, joins it. No callback after it
  // returns (own thread); with a caller's io_context, none after the posted stop has run.
  void stop();
  [[nodiscard]] StreamStats stats() const;
  // Parses one frame as if it had been received, and delivers its event on the calling thread (gap
  // fills included): for benchmarks and parser tests. Only while the client is not started.
  void handle_frame(std::string_view frame);

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace octobot::binance
