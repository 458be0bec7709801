// The Binance spot exchange connector (OB_KIND_EXCHANGE, ABI 1.3): the REST client
// (octobot_binance_rest) for markets, history, account and orders, and two WebSocket stream clients
// for what is pushed: one for the user-data stream (orders, balances), started with the connector
// when there are credentials and never restarted, and one for the market streams, restarted with
// the new stream set by each subscribe() that adds a stream (Binance takes combined streams in the
// URL; see docs/exchange-connectors.md for why and what the restart costs).
//
// THREAD: the virtual functions run on the host's exchange thread (one at a time); the stream
// clients call back on their own io threads. What both sides touch (the delivered trade ids, the
// cumulated fees, the last closed candles, the connection state) is behind `mutex_`, and order
// events are pushed to the sink under it so a REST answer and the stream never interleave the
// executions of one order.
//
// The order lane (ABI 1.6 submit_order, order_submit.cpp): with credentials, start() opens
// `order_lane_connections` kept-alive connections (OrderLane, its own thread). submit_order, called
// from the host's bot loop while the exchange thread runs the other functions, signs the order and
// writes it there; the lane thread reads the answer and settles it with a RestClient of its own
// (never the exchange thread's: libcurl handles are not thread-safe). Every REST client of the
// connector (the exchange thread's, the lane's, each stream client's) shares one RequestLimits
// (weight, ban, 429 back-off). What submit_order reads (markets, names, the lane's
// copies of the settings) is written only by start() and stop(), which the host never runs
// concurrently with it; what its completion touches (fees, delivered trades, the sink) is behind
// `mutex_` like the streams' events.
#pragma once

#include <octobot/sdk.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <octobot_binance/order_lane.hpp>
#include <octobot_binance/rest_client.hpp>
#include <octobot_binance/stream_client.hpp>
#include <set>
#include <string>
#include <vector>

namespace octobot::binance::connector {

struct Settings {
  std::string rest_url = "https://api.binance.com";
  std::string ws_url = "wss://stream.binance.com:9443";
  // The user-data stream: "ws_api" (Binance Spot since 2026-02-20, when listen keys were discontinued
  // there: a signed subscription on the WebSocket API at ws_api_url) or "listen_key" (REST listen keys
  // on ws_url: Binance.US and compatible venues).
  std::string ws_api_url = "wss://ws-api.binance.com:443/ws-api/v3";
  std::string user_stream = "ws_api";
  // A PEM file of CA certificates trusted besides the system's store, for REST and the streams alike
  // (a TLS-inspecting proxy's CA, a test server's). Empty: the system's store alone. There is no way
  // to turn verification off.
  std::string ca_file;
  std::int64_t recv_window_ms = 5000;
  std::string broker_id;
  std::int64_t weight_limit_1m = 6000;
  int throttle_percent = 90;
  int max_retries = 3;
  std::int64_t connect_timeout_ms = 5000;
  std::int64_t request_timeout_ms = 10000;
  std::int64_t reconnect_base_ms = 250;
  std::int64_t reconnect_max_ms = 30000;
  std::int64_t keepalive_interval_ms = 30 * 60'000;
  // How long start() and subscribe() wait for their stream's first connection, so that nothing
  // happening right after they return (an order's fill, a candle closing) is missed.
  std::int64_t stream_connect_wait_ms = 10'000;
  // Kept-alive connections the bot loop writes orders on (submit_order); 0: orders take the exchange thread.
  int order_lane_connections = 2;
  int book_depth = 5;                       // OB_STREAM_BOOK: depth<5|10|20>; 0: bookTicker (best bid and ask only)
  std::string default_maker_fee = "0.001";  // without credentials (no account to ask)
  std::string default_taker_fee = "0.001";
};

class Binance final : public sdk::ExchangeConnector {
 public:
  OCTOBOT_TENTACLE_CLASS("Binance", "1.0.0",
                         "Binance spot: markets, candles, tickers and books, account and orders (REST + WebSocket)");

  explicit Binance(sdk::InstanceContext context);
  ~Binance() override;

  void configure(const sdk::Config& config) override;

  void start(sdk::ExchangeSink sink) override;
  void stop() override;
  std::vector<sdk::ExchangeMarket> markets() override;
  sdk::KeyPermissions key_permissions() override;
  void subscribe(const std::string& symbol, const std::string& time_frame, std::uint32_t streams) override;
  std::vector<sdk::ExchangeCandle> candles(const std::string& symbol, const std::string& time_frame,
                                           std::int64_t since_ms, std::uint64_t limit) override;
  std::vector<sdk::AssetBalance> balances() override;
  sdk::OrderView create_order(const sdk::OrderRequest& request, const std::string& client_order_id) override;
  sdk::OrderView cancel_order(const std::string& symbol, const std::string& client_order_id) override;
  sdk::OrderView fetch_order(const std::string& symbol, const std::string& client_order_id) override;
  std::vector<sdk::OrderView> open_orders(const std::string& symbol) override;
  std::vector<sdk::AccountFill> fills_since(const std::string& symbol, std::int64_t since_ms) override;
  bool submit_order(const sdk::OrderRequest& request, const std::string& client_order_id,
                    sdk::OrderCompletion done) override;

 private:
  enum class Stream { user, market };

  template <typename Body>
  auto rest_call(Body&& body) -> decltype(body());
  // An ip_banned error (from any of the connector's clients) becomes the connection's BANNED state.
  void note_ban(const BinanceError& error);
  [[nodiscard]] RestClient& rest();
  [[nodiscard]] RestClient& signed_rest();
  [[nodiscard]] ClientConfig client_config() const;
  [[nodiscard]] StreamConfig stream_config(Stream which, std::uint64_t generation);
  void restart_market_stream();
  // Waits (bounded) until `outcomes` moves past `seen`: the stream connected, or failed once.
  void wait_for_stream(const std::uint64_t& outcomes, std::uint64_t seen);
  void stop_streams();

  // Names: the host's client order id <-> Binance's (broker prefix), Binance's symbol <-> OctoBot's.
  [[nodiscard]] std::string exchange_order_id(const std::string& client_order_id) const;
  [[nodiscard]] std::string host_order_id(const std::string& exchange_id) const;
  [[nodiscard]] std::string octobot_symbol(const std::string& exchange_symbol) const;
  [[nodiscard]] const MarketInfo& market(const std::string& symbol) const;

  [[nodiscard]] sdk::OrderView view_of(const Order& order);
  // Pushes an execution once (by trade id), with the order's cumulated fee; false when already sent.
  // Caller holds mutex_.
  bool deliver_fill_locked(sdk::OrderView view, const sdk::ExchangeFill& fill, const std::string& exchange_symbol,
                           const std::string& exchange_client_id, std::int64_t order_id);
  void push_rest_fills(const Order& order, const sdk::OrderView& final_view);

  // Orders, for create_order and submit_order alike (order_submit.cpp has the lane's side).
  [[nodiscard]] OrderRequest binance_request(const sdk::OrderRequest& request,
                                             const std::string& client_order_id) const;
  // What `send` placed (or Binance's refusal, as a REJECTED view), its executions pushed once;
  // `client` looks the order up when Binance says it already has it.
  sdk::OrderView order_outcome(const sdk::OrderRequest& request, const std::string& client_order_id, RestClient& client,
                               const std::function<Order()>& send);
  sdk::OrderView fetch_with(RestClient& client, const MarketInfo& market, const std::string& client_order_id);
  [[noreturn]] void rethrow_rest_error();  // inside a catch of BinanceError: as rest_call maps it
  void start_lane(ClientConfig config, const std::string& api_secret);
  void stop_lane();
  void finish_submitted(const sdk::OrderRequest& request, const std::string& client_order_id,
                        const PreparedOrder& prepared, LaneAnswer answer, const sdk::OrderCompletion& done);

  // Stream callbacks (stream threads).
  void on_kline(const KlineEvent& event);
  void on_execution_report(const ExecutionReport& report);
  void on_state(Stream which, std::uint64_t generation, StreamState state, std::string_view reason);
  void publish_connection_locked(const std::string& reason);

  Settings settings_;
  std::string exchange_name_;
  std::string order_prefix_;  // "x-<broker_id>" or ""

  // Exchange thread only.
  std::unique_ptr<RestClient> rest_;
  bool has_credentials_ = false;
  std::string api_key_;     // for the user-data stream: its listen key or its WS API subscription
  std::string api_secret_;  // user_stream ws_api only: the subscription is signed (never logged)
  bool started_ = false;
  ExchangeInfo info_;
  std::string maker_fee_;
  std::string taker_fee_;
  std::map<std::string, std::string> to_octobot_;  // "BTCUSDT" -> "BTC/USDT" (read-only once started)
  std::set<std::string> market_streams_;
  std::unique_ptr<StreamClient> user_stream_;
  std::unique_ptr<StreamClient> market_stream_;
  // Shared by every REST client of the connector: rest_, lane_rest_ and each stream client's (thread-safe).
  std::shared_ptr<RequestLimits> limits_;

  // The order lane, from start to stop. lane_rest_: the lane thread only. The rest is set by start and
  // read by submit_order (never concurrent with start or stop); the signer is shared by concurrent
  // submits, under lane_sign_mutex_.
  std::unique_ptr<OrderLane> lane_;
  std::unique_ptr<RestClient> lane_rest_;
  std::unique_ptr<RequestSigner> lane_signer_;
  std::mutex lane_sign_mutex_;
  std::string lane_key_header_;  // "X-MBX-APIKEY: <key>\r\n" (never logged)
  std::string lane_broker_id_;
  std::int64_t lane_recv_window_ms_ = 5000;
  int lane_throttle_percent_ = 90;
  // The server clock's offset the lane signs with: measured at start, then the lane client's after a
  // -1021 made it resync (written on the lane thread, read by submit_order).
  std::atomic<std::int64_t> lane_time_offset_ms_{0};

  // Shared with the stream threads.
  mutable std::mutex mutex_;
  std::condition_variable stream_outcome_;  // a stream connected or failed
  std::uint64_t user_outcomes_ = 0;
  std::uint64_t market_outcomes_ = 0;
  sdk::ExchangeSink sink_;
  std::set<std::string> delivered_trades_;           // "<BINANCE SYMBOL>:<trade id>"
  std::map<std::string, std::string> fees_;          // Binance client order id -> cumulated fee
  std::map<std::string, std::string> fee_assets_;    // Binance client order id -> fee asset
  std::map<std::string, std::int64_t> last_closed_;  // "<SYMBOL>|<interval>" -> open time
  std::map<std::int64_t, std::string> client_ids_;   // Binance order id -> Binance client order id
  std::uint64_t market_generation_ = 0;
  bool user_up_ = false;
  bool user_was_up_ = false;
  bool market_up_ = false;
  bool market_was_up_ = false;
  bool has_user_stream_ = false;
  bool has_market_stream_ = false;
  std::int64_t banned_until_ms_ = 0;
  std::uint32_t published_state_ = OB_CONNECTION_DISCONNECTED;
  std::string published_reason_;
  std::int64_t time_offset_ms_ = 0;
};

}  // namespace octobot::binance::connector
