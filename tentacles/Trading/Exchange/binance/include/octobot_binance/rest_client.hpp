// Binance spot REST client: market data, account, orders, with the protections a bot polling many
// pairs needs (issue 8). Tentacle-private code: it links libcurl, OpenSSL and nothing of the core.
//
//   - server time sync: the offset to Binance's clock is measured from /api/v3/time and added to
//     every signed request's timestamp; a -1021 (clock skew) answer triggers one resync and retry;
//   - signing (signing.hpp) of the exact parameter text sent, recvWindow included: HMAC-SHA256 hex, or
//     for an Ed25519 key (api_secret a PKCS#8 PEM private key, parsed once) base64, URL-encoded; a
//     PEM secret that is not an Ed25519 private key makes the constructor throw SigningKeyError;
//   - weight: X-MBX-USED-WEIGHT-1M is read on every answer; before a request that would take the
//     minute's weight above `throttle_percent` of the limit, the client waits for the next minute
//     (the limit is the config's, replaced by exchangeInfo's REQUEST_WEIGHT 1 MINUTE when fetched);
//   - 429: waits Retry-After (or until the next minute) and retries, up to `max_retries`; a back-off
//     still in force (met by another client sharing `limits`, or by this one beyond its retries) is
//     waited out before a request's first send, or the request fails rate_limited unsent when it
//     lasts beyond `max_retry_after_ms`; 418 (IP ban): throws ip_banned with the ban's end and refuses to
//     send anything before that time;
//   - 5xx / timeouts: GET requests are retried with back-off; an order creation is never blindly
//     resent: the client looks the order up by its client order id first and resends (same id) only
//     when Binance does not know it, so an order is never placed twice;
//   - errors: BinanceError with a kind (errors.hpp); neither the secret nor the key ever appears in an
//     error message or a log line.
// THREAD: one thread; not thread-safe (one libcurl handle). Clients on other threads of the same
// connector share the weight, ban and back-off bookkeeping through ClientConfig::limits.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <octobot_binance/errors.hpp>
#include <octobot_binance/http_transport.hpp>
#include <octobot_binance/order_params.hpp>
#include <octobot_binance/request_limits.hpp>
#include <octobot_binance/signing.hpp>
#include <octobot_binance/types.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace octobot::binance {

enum class LogLevel { debug, info, warning, error };

struct ClientConfig {
  std::string base_url = "https://api.binance.com";
  std::string api_key;
  std::string api_secret;
  std::int64_t recv_window_ms = 5000;
  // Client order ids start with "x-" + broker_id (Binance's broker convention) when set.
  std::string broker_id;
  TransportOptions transport;
  std::int64_t weight_limit_1m = 6000;       // until exchangeInfo says otherwise
  int throttle_percent = 90;                 // wait for the next minute beyond this share of the limit
  int max_retries = 3;                       // per request, for 429, 5xx and timeouts
  std::int64_t retry_base_delay_ms = 250;    // 5xx / timeout back-off: base * 2^attempt
  std::int64_t max_retry_after_ms = 120000;  // a longer Retry-After is not waited for: rate_limited
  bool resync_on_clock_skew = true;
  // Shared with the connector's other clients (thread-safe); null: the client's own.
  std::shared_ptr<RequestLimits> limits;
  // The server clock's offset to start with, measured by another client of the connector: the shared
  // ban end, back-off end and weight minute are server times, so every client sharing `limits` must
  // read the server's clock alike. sync_time() replaces it.
  std::int64_t time_offset_ms = 0;

  // Injected for tests; defaults: the system clock and std::this_thread::sleep_for.
  std::function<std::int64_t()> clock;
  std::function<void(std::chrono::milliseconds)> sleep;
  // Receives every log line (already redacted). Default: none.
  std::function<void(LogLevel, std::string_view)> log;
};

struct ClientStats {
  std::int64_t requests = 0;        // HTTP requests sent
  std::int64_t retries = 0;         // requests sent again (any reason)
  std::int64_t rate_limited = 0;    // 429 answers
  std::int64_t throttle_waits = 0;  // pre-emptive waits for the next weight window
  std::int64_t waited_ms = 0;       // total time slept (throttle, Retry-After, back-off)
  std::int64_t server_errors = 0;   // 5xx answers
  std::int64_t timeouts = 0;        // requests without an answer
  std::int64_t time_syncs = 0;      // /api/v3/time measurements
  std::int64_t order_lookups = 0;   // orders looked up after an uncertain creation
};

class RestClient {
 public:
  explicit RestClient(ClientConfig config);
  ~RestClient();
  RestClient(const RestClient&) = delete;
  RestClient& operator=(const RestClient&) = delete;

  // Market data (public).
  void ping();
  [[nodiscard]] std::int64_t server_time();
  // Measures the offset to the server's clock (midpoint of the round trip); returns it.
  std::int64_t sync_time();
  [[nodiscard]] std::int64_t time_offset_ms() const noexcept { return time_offset_ms_; }
  // The server's time as this client estimates it (its clock plus the synced offset): a signed
  // request's timestamp, for a WebSocket API request signed by the caller.
  [[nodiscard]] std::int64_t server_now_ms() const { return now_ms() + time_offset_ms_; }
  // Takes another client's measured offset (the order lane's client, from the exchange thread's).
  void adopt_time_offset(std::int64_t offset_ms) noexcept { time_offset_ms_ = offset_ms; }
  // Also adopts the REQUEST_WEIGHT per-minute limit it announces.
  [[nodiscard]] ExchangeInfo exchange_info(const std::vector<std::string>& symbols = {});
  // interval: "1m" ... "1M". start/end: open times in ms, 0 = unset. limit: 1..1000 (Binance's bounds).
  [[nodiscard]] std::vector<Kline> klines(const std::string& symbol, const std::string& interval, int limit = 500,
                                          std::int64_t start_ms = 0, std::int64_t end_ms = 0);
  [[nodiscard]] TickerPrice ticker_price(const std::string& symbol);
  [[nodiscard]] std::vector<TickerPrice> ticker_prices();
  [[nodiscard]] OrderBook depth(const std::string& symbol, int limit = 100);

  // Account (signed).
  [[nodiscard]] Account account();
  [[nodiscard]] ApiRestrictions api_restrictions();
  Order create_order(const OrderRequest& request);
  // The answer to a create-order request written elsewhere (the order lane) with `order`'s parameters,
  // handled as create_order handles its own: the order, or Binance's refusal thrown as BinanceError;
  // 429 (not accepted) sent again the blocking way; a 5xx, or `response` null (no answer: the
  // connection closed or timed out after the request went out, `failure` says how) settled by looking
  // the order up before any resend. Logs the order's line.
  Order settle_order(const PreparedOrder& order, const HttpResponse* response, const std::string& failure);
  Order cancel_order(const std::string& symbol, const std::string& client_order_id);
  Order cancel_order(const std::string& symbol, std::int64_t order_id);
  [[nodiscard]] Order order(const std::string& symbol, const std::string& client_order_id);
  [[nodiscard]] Order order(const std::string& symbol, std::int64_t order_id);
  [[nodiscard]] std::vector<Order> open_orders(const std::string& symbol = {});
  // The account's trades, oldest first: of one order (order_id), from a time (start_ms: Binance
  // answers up to 24 h from it) or from a trade id (from_id); 0 = unset.
  [[nodiscard]] std::vector<Trade> my_trades(const std::string& symbol, std::int64_t order_id = 0, int limit = 500,
                                             std::int64_t start_ms = 0, std::int64_t from_id = 0);

  // User-data stream listen keys (API key, no signature; weight 2). Binance returns the open key if
  // there is one; a key expires 60 min after its creation or last keep-alive.
  [[nodiscard]] std::string create_listen_key();
  void keepalive_listen_key(const std::string& listen_key);
  void close_listen_key(const std::string& listen_key);

  // A fresh client order id: "x-<broker_id>" + a unique part, at most 36 characters.
  [[nodiscard]] std::string new_client_order_id();

  [[nodiscard]] const ClientStats& stats() const noexcept { return stats_; }
  [[nodiscard]] std::int64_t used_weight_1m() const { return limits_->used_weight(); }
  [[nodiscard]] std::int64_t weight_limit_1m() const { return limits_->weight_limit(); }
  // 0 when not banned.
  [[nodiscard]] std::int64_t banned_until_ms() const { return limits_->banned_until_ms(); }
  [[nodiscard]] const std::shared_ptr<RequestLimits>& limits() const noexcept { return limits_; }
  [[nodiscard]] std::int64_t connections_opened() const noexcept { return transport_.connections_opened(); }
  // The API key's type, as the secret says (signing.hpp): HMAC-SHA256 or Ed25519.
  [[nodiscard]] KeyType key_type() const noexcept { return signer_.key_type(); }

  using Params = binance::Params;

 private:
  enum class Security { none, api_key, signed_request };
  enum class Retry { idempotent, once_rejected_only };
  struct Request {
    HttpMethod method;
    std::string path;
    Params params;
    Security security;
    int weight;
    Retry retry;
  };
  struct Answer {
    long status;
    std::string body;
  };

  Answer execute(const Request& request);  // retries, throttling, ban; throws BinanceError
  HttpResponse send_once(const Request& request);
  void wait_out_back_off(const Request& request);
  void before_send(int weight);
  void note_weight(const HttpResponse& response);
  [[noreturn]] void throw_error(const Request& request, long status, const std::string& body);
  [[noreturn]] void throw_banned(const HttpResponse& response);
  std::int64_t rate_limit_wait_ms(const HttpResponse& response);
  void wait_after_rate_limit(const Request& request, std::int64_t wait, bool may_retry);
  // create_order's and settle_order's shared part: `send` gives the answer or throws.
  Order place_order(const PreparedOrder& order, const std::function<Answer()>& send);
  Answer answer_of(const PreparedOrder& order, const HttpResponse* response, const std::string& failure);
  Order one_order(HttpMethod method, const std::string& symbol, std::pair<std::string, std::string> id);
  Order resolve_uncertain_order(const std::string& symbol, const std::string& client_order_id, const Params& params);
  std::int64_t now_ms() const;
  void sleep_ms(std::int64_t ms);
  void log(LogLevel level, std::string_view message) const;
  [[nodiscard]] std::string redact(std::string text) const;

  ClientConfig config_;
  HttpTransport transport_;
  RequestSigner signer_;  // keyed with config_.api_secret once
  ClientStats stats_;
  std::int64_t time_offset_ms_ = 0;
  std::shared_ptr<RequestLimits> limits_;
  std::uint64_t order_sequence_ = 0;
  std::string order_id_salt_;
};

}  // namespace octobot::binance
