// A fake Binance spot exchange on loopback, for the connector's tests, the daemon's tests and the
// latency benchmarks (issue 8). It speaks Binance's real REST API (paths, parameters, signatures,
// JSON shapes, error codes, weight headers) so the client under test runs its production code path,
// only the base URL differs.
//
//   - HTTP/1.1 (Boost.Beast) on 127.0.0.1, an ephemeral port, its own thread; keep-alive. Plain HTTP
//     and WebSocket by default; HTTPS and wss:// on the same port when given a certificate and key
//     (FakeBinanceOptions::tls_certificate_file), the rest unchanged: the production URLs' schemes.
//   - Market data from candles (a bundled data file or generated), on a clock the test controls:
//     advance() moves time and fills resting orders against every candle that closed meanwhile
//     (whole, or in parts under a liquidity cap: FakeBinanceOptions::fill_share_of_order/_volume).
//   - Signed endpoints check X-MBX-APIKEY, the signature (HMAC-SHA256, or Ed25519 for a key registered
//     with a public key: FakeBinanceOptions::api_public_key_pem) and timestamp/recvWindow.
//   - A matching engine for LIMIT and MARKET orders with balances, filters and fees.
//   - Fault injection: the next N matching requests answer 429 (Retry-After) / 418 / 5xx, before or
//     after being processed, or are delayed; bad-signature mode.
//   - WebSocket streams on the same port (Binance's stream API): /ws/<stream> and combined
//     /stream?streams=a/b ({"stream":..,"data":..}); kline, ticker, bookTicker and partial depth
//     streams pushed when the clock moves; the user-data stream /ws/<listenKey> (listen keys from
//     POST/PUT/DELETE /api/v3/userDataStream) with executionReport and outboundAccountPosition events
//     when an order is placed, fills or is cancelled (an operation's executionReports first, then one
//     outboundAccountPosition with the balances they left, as Binance sends them). Faults: drop every connection;
//     refuse for N ms.
//   - The WebSocket API on the same port (/ws-api/v3, ws_api_url()): userDataStream.subscribe.signature
//     (API key, signature and timestamp/recvWindow checked as for REST; Binance's error answer
//     otherwise) then the same user-data events, wrapped as {"subscriptionId":N,"event":{..}}.
// THREAD: every public method is thread-safe (the server thread and the test share one mutex).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::testing {

// A candle as exact decimal text (what Binance sends).
struct FakeCandle {
  std::int64_t open_time_ms = 0;
  std::string open;
  std::string high;
  std::string low;
  std::string close;
  std::string volume;
};

struct FakeMarket {
  std::string base;   // "BTC"
  std::string quote;  // "USDT"
  std::string tick_size = "0.01";
  std::string min_price = "0.01";
  std::string max_price = "1000000";
  std::string step_size = "0.00001";
  std::string min_qty = "0.00001";
  std::string max_qty = "9000";
  std::string min_notional = "5";
  bool legacy_min_notional = false;  // publish MIN_NOTIONAL instead of NOTIONAL
  int base_precision = 8;
  int quote_precision = 8;
  std::int64_t interval_ms = 60'000;  // the candles' time frame; klines of this interval only
  std::vector<FakeCandle> candles;    // oldest first, one interval apart
};

// What a wire probe (FakeBinanceOptions::wire_probe) is told about.
enum class FakeWireEvent : std::uint8_t {
  ws_frame_write,     // a WebSocket frame starts being written; the text is its payload
  rest_request_read,  // a REST request was read in full; the text is "METHOD target"
};

struct FakeBinanceOptions {
  std::string api_key = "fake-api-key";
  std::string api_secret = "fake-api-secret";
  // An Ed25519 API key (Binance's recommended kind): the public key registered for api_key, as PEM
  // ("-----BEGIN PUBLIC KEY-----"). Set: signatures are base64 Ed25519 signatures verified with it
  // (api_secret unused); empty: HMAC-SHA256 with api_secret. Either way a bad one is -1022.
  std::string api_public_key_pem;
  std::int64_t start_time_ms = 1'700'000'000'000;  // the clock's start
  std::int64_t weight_limit_1m = 6000;             // published in exchangeInfo and enforced (429)
  std::string maker_fee = "0.001";
  std::string taker_fee = "0.001";
  bool enable_withdrawals = false;  // apiRestrictions
  bool enable_trading = true;
  std::uint16_t port = 0;  // 0: an ephemeral port (tests); fixed for the standalone program
  // TLS (fake-binance's --tls-cert/--tls-key): with both set, REST and WebSocket are served over TLS
  // only (https://, wss://) with this certificate chain and private key (PEM files); a client must
  // trust the certificate's CA. Empty: plain HTTP and WebSocket. One without the other is refused.
  std::filesystem::path tls_certificate_file;
  std::filesystem::path tls_private_key_file;
  // Liquidity, as a real book has only so much at a price: a candle crossing a resting order fills at
  // most this share of the order's quantity ("0.4": 40 %, 40 %, then the 20 % left, one candle each) and
  // at most this share of the candle's volume ("0.01"), each cap rounded down to the market's step (a
  // candle whose cap rounds to 0 fills nothing). Each part is its own trade: an executionReport
  // x=TRADE X=PARTIALLY_FILLED (the last X=FILLED), a myTrades row. Empty: no cap (whole orders).
  // Marketable orders still fill at once, whole (the book's depth is not modelled).
  std::string fill_share_of_order;
  std::string fill_share_of_volume;
  // Benchmarks that move the clock a candle per sample, far faster than real time: signed requests'
  // timestamps are not compared with the clock (signatures still are). Binance compares them.
  bool check_timestamps = true;
  // Simulated ms per real ms (fake-binance's --speed). Binance's recvWindow is real time: a client
  // that synced its clock a moment ago is not late, however far an accelerated market clock moved
  // meanwhile. So on a clock running N times real time the window (and the 1 s "ahead" margin)
  // spans N times as many clock ms: a client still fails -1021 once it goes ~recvWindow of real time
  // without resyncing, as against Binance.
  double clock_speed = 1.0;
  // Latency benchmarks: called on the server thread, with the steady-clock time, when a WebSocket
  // frame starts being written and when a REST request has been read. Empty: not called.
  std::function<void(FakeWireEvent, std::string_view, std::chrono::steady_clock::time_point)> wire_probe;
};

// Fault injection: the next `count` requests matching `method`/`path` (empty: any) get this answer.
struct Fault {
  int http_status = 503;  // 429, 418, 5xx...; 0 = no status change (delay only)
  int count = 1;
  int skip = 0;        // the first `skip` matching requests are answered normally, then `count` get the fault
  std::string method;  // "GET", "POST", "DELETE"; empty: any
  std::string path;    // "/api/v3/order"; empty: any
  bool after_processing = false;  // process the request (e.g. place the order), then answer the fault
  int retry_after_s = 0;          // Retry-After header when > 0
  std::int64_t ban_until_ms = 0;  // 418: the ban end in the message (0: now + retry_after)
  std::int64_t delay_ms = 0;      // wait this long before answering
  // Close the connection instead of answering (after delay_ms), as a network cut after the request
  // went out: with after_processing the request was executed (an order placed) all the same.
  bool drop_connection = false;
};

class FakeBinance {
 public:
  explicit FakeBinance(FakeBinanceOptions options = {});
  ~FakeBinance();
  FakeBinance(const FakeBinance&) = delete;
  FakeBinance& operator=(const FakeBinance&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept;
  [[nodiscard]] std::string base_url() const;    // "http://127.0.0.1:<port>" ("https://" with TLS)
  [[nodiscard]] std::string ws_url() const;      // "ws://127.0.0.1:<port>" ("wss://" with TLS)
  [[nodiscard]] std::string ws_api_url() const;  // ws_url() + "/ws-api/v3": the WebSocket API

  void add_market(FakeMarket market);
  void set_balance(const std::string& asset, const std::string& free);

  // Clock (server time, ms). advance/set_time fill resting orders on every candle closing meanwhile.
  [[nodiscard]] std::int64_t now_ms() const;
  void set_time(std::int64_t ms);
  void advance(std::int64_t ms);

  void inject(Fault fault);
  void clear_faults();
  // Every signature is refused (-1022), as when the secret does not match the key.
  void set_bad_signature_mode(bool on);

  // WebSocket faults: close every open stream connection now (no close frame: as a network cut);
  // refuse new WebSocket handshakes (HTTP 503) for the next `ms` real milliseconds.
  void drop_websocket_connections();
  void refuse_websocket_for(std::int64_t ms);
  // WebSocket API requests are read and never answered (the connection stays open, pings answered).
  void set_ws_api_silent(bool on);

  // Cancels every open order, as its owner would on the exchange's site. Returns how many.
  int cancel_open_orders();
  // Fills what is left of every open LIMIT / LIMIT_MAKER order at its limit price, as one maker trade
  // each (a trade crossing them, no liquidity cap), with the user-data events. Returns how many.
  int fill_open_orders();

  // Inspection.
  [[nodiscard]] std::vector<std::string> order_states() const;  // "<client order id>:<status>", oldest first
  [[nodiscard]] std::int64_t orders_created() const;            // accepted orders, ever
  [[nodiscard]] std::int64_t open_order_count() const;
  [[nodiscard]] std::string free_balance(const std::string& asset) const;  // exact text, "0" if none
  [[nodiscard]] std::string locked_balance(const std::string& asset) const;
  [[nodiscard]] std::int64_t requests(const std::string& path) const;  // answered requests per path
  [[nodiscard]] std::int64_t used_weight() const;                      // this minute's
  [[nodiscard]] std::int64_t connections_accepted() const;
  [[nodiscard]] std::int64_t tls_handshakes_failed() const;  // TLS only: clients that gave up (or sent junk)
  [[nodiscard]] std::string last_price(const std::string& symbol) const;  // "BTCUSDT"
  [[nodiscard]] std::int64_t websocket_connections_accepted() const;      // handshakes accepted, ever
  [[nodiscard]] std::int64_t websocket_connections_open() const;
  [[nodiscard]] std::int64_t listen_key_keepalives() const;  // PUT /api/v3/userDataStream accepted
  [[nodiscard]] std::string listen_key() const;              // the current one ("" before any POST)
  // WebSocket API user-data subscriptions accepted, ever. requests("userDataStream.subscribe.signature")
  // counts every such request, refused ones included.
  [[nodiscard]] std::int64_t user_data_subscriptions() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Candles of one series of a native data file (core/backtesting/data), e.g. data/solusdt-1h-2024.sqlite
// "SOL/USDT" 1h; at most `limit` (0: all) from the first. Prices written with `decimals` decimals.
[[nodiscard]] std::vector<FakeCandle> candles_from_data_file(const std::filesystem::path& file,
                                                             const std::string& symbol, const std::string& time_frame,
                                                             std::size_t limit = 0, int decimals = 2);
// Deterministic candles: a random walk from `start_price` (steps of about 0.5 %), `count` candles.
[[nodiscard]] std::vector<FakeCandle> generate_candles(std::int64_t start_ms, std::int64_t interval_ms,
                                                       std::size_t count, const std::string& start_price,
                                                       std::uint64_t seed = 1, int decimals = 2);

}  // namespace octobot::testing
