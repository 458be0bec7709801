// The WebSocket stream client: one C++20 coroutine per client runs connect -> (subscribe) -> read ->
// back-off -> reconnect on the io_context; a second one sends the listen-key keep-alives (listen_key
// mode). Beast, Asio, OpenSSL and RapidJSON stay in this file.
// clang-format off
#include <utility>  // first: Asio 1.74's awaitable.hpp uses std::exchange without including it
// clang-format on

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <openssl/ssl.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <map>
#include <mutex>
#include <octobot_binance/errors.hpp>
#include <octobot_binance/kline_frame.hpp>
#include <octobot_binance/signing.hpp>
#include <octobot_binance/stream_client.hpp>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include "ca_file.hpp"
#include "whole_integer.hpp"

namespace octobot::binance {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;

namespace {

struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string path;  // without a trailing '/'
};

Url parse_url(const std::string& text, const char* setting) {
  Url url;
  std::string rest;
  if (text.rfind("wss://", 0) == 0) {
    url.tls = true;
    rest = text.substr(6);
  } else if (text.rfind("ws://", 0) == 0) {
    rest = text.substr(5);
  } else {
    throw std::invalid_argument(std::string("StreamConfig::") + setting + " must start with ws:// or wss://, got \"" +
                                text + "\"");
  }
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  url.path = slash == std::string::npos ? std::string() : rest.substr(slash);
  while (!url.path.empty() && url.path.back() == '/') url.path.pop_back();
  const auto colon = authority.rfind(':');
  if (colon != std::string::npos) {
    url.host = authority.substr(0, colon);
    url.port = authority.substr(colon + 1);
  } else {
    url.host = authority;
    url.port = url.tls ? "443" : "80";
  }
  return url;
}

using rapidjson::Value;

// Numbers as their text (kParseNumbersAsStringsFlag): prices stay exact; integers via from_chars.
struct BadField : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const Value& field(const Value& object, const char* key) {
  if (!object.IsObject()) throw BadField(std::string("expected an object holding \"") + key + "\"");
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd()) throw BadField(std::string("field \"") + key + "\" is missing");
  return it->value;
}

std::string text(const Value& object, const char* key) {
  const Value& value = field(object, key);
  if (value.IsNull()) return {};
  if (!value.IsString()) throw BadField(std::string("field \"") + key + "\" is not a string or number");
  return {value.GetString(), value.GetStringLength()};
}

std::int64_t integer(const Value& object, const char* key) {
  const auto value = detail::whole_integer(text(object, key));
  if (!value) throw BadField(std::string("field \"") + key + "\" is not an integer");
  return *value;
}

bool boolean(const Value& object, const char* key) {
  const Value& value = field(object, key);
  if (!value.IsBool()) throw BadField(std::string("field \"") + key + "\" is not a boolean");
  return value.GetBool();
}

std::vector<PriceLevel> levels(const Value& object, const char* key) {
  const Value& array = field(object, key);
  if (!array.IsArray()) throw BadField(std::string("field \"") + key + "\" is not an array");
  std::vector<PriceLevel> out;
  out.reserve(array.Size());
  for (const auto& level : array.GetArray()) {
    if (!level.IsArray() || level.Size() < 2 || !level[0].IsString() || !level[1].IsString()) {
      throw BadField(std::string("a level of \"") + key + "\" is not [price, quantity]");
    }
    out.push_back({level[0].GetString(), level[1].GetString()});
  }
  return out;
}

// Why the TLS handshake failed, in words a user can act on: OpenSSL's verdict on the certificate and
// what to check.
std::string tls_failure(const boost::system::system_error& error, SSL* ssl, const std::string& host,
                        bool host_mismatch) {
  std::string text = "TLS handshake with " + host + " failed: " + error.what();
  const bool verify_failed =
      error.code().category() == net::error::get_ssl_category() &&
      ERR_GET_REASON(static_cast<unsigned long>(error.code().value())) == SSL_R_CERTIFICATE_VERIFY_FAILED;
  if (host_mismatch) {
    return text + " (the certificate is not issued for " + host +
           "): the server's TLS certificate was refused and nothing was sent";
  }
  const long verdict = SSL_get_verify_result(ssl);
  if (verdict != X509_V_OK) text += std::string(" (") + X509_verify_cert_error_string(verdict) + ")";
  if (verify_failed || verdict != X509_V_OK) {
    text +=
        ": the server's TLS certificate was refused and nothing was sent (a certificate from a CA that is "
        "neither in the system's store nor in ca_file, or no longer valid)";
  }
  return text;
}

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// A JSON string literal (API keys are alphanumeric; escaped anyway so no key can break the frame).
std::string json_string(std::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20) continue;  // control characters are never part of a key
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// A refused user-data subscription, explained as the REST client explains the same Binance codes.
BinanceError subscription_refused(std::int64_t status, std::int64_t code, const std::string& msg,
                                  std::int64_t recv_window_ms, std::int64_t offset_ms) {
  const Refusal refusal = explain_refusal(code, msg, recv_window_ms, offset_ms);
  return BinanceError(refusal.kind,
                      "user-data subscription refused by Binance (code " + std::to_string(code) + " \"" + msg +
                          "\"): " + refusal.explanation,
                      static_cast<int>(status), static_cast<int>(code));
}

}  // namespace

struct StreamClient::Impl : std::enable_shared_from_this<Impl> {
  explicit Impl(StreamConfig c)
      : config(std::move(c)),
        ws_api(config.user_data && config.user_stream == UserStream::ws_api),
        url(ws_api ? parse_url(config.ws_api_url, "ws_api_url") : parse_url(config.ws_base_url, "ws_base_url")),
        own_io(config.io == nullptr ? std::make_unique<net::io_context>(1) : nullptr),
        io(config.io != nullptr ? config.io : own_io.get()),
        backoff_timer(*io),
        keepalive_timer(*io),
        answer_timer(*io) {
    if (config.streams.empty() && !config.user_data) {
      throw std::invalid_argument("StreamConfig: no stream to subscribe (streams is empty and user_data is off)");
    }
    if (ws_api) {
      if (!config.streams.empty()) {
        throw std::invalid_argument(
            "StreamConfig: the user data over the WebSocket API takes a client of its own: leave streams empty "
            "(or set user_stream to listen_key)");
      }
      if (config.rest.api_key.empty() || config.rest.api_secret.empty()) {
        throw std::invalid_argument(
            "StreamConfig: the user data over the WebSocket API needs rest.api_key and rest.api_secret");
      }
      signer = std::make_unique<RequestSigner>(config.rest.api_secret);
    }
    tls.set_default_verify_paths();  // the system's CA store
    if (!config.ca_file.empty()) {
      check_ca_file(config.ca_file);
      tls.load_verify_file(config.ca_file);  // added to the system's store, as libcurl's side does
    }
    tls.set_verify_mode(ssl::verify_peer);
    last_closed = config.delivered_closed;
  }

  awaitable<void> run();
  awaitable<void> keepalive_loop();
  template <typename Ws>
  awaitable<void> opened(Ws& ws);
  template <typename Ws>
  awaitable<void> read_loop(Ws& ws);
  std::string subscribe_request();
  void on_answer(const Value& answer);
  std::string redact(std::string text) const;
  void connected();
  void close_socket();
  void handle(std::string_view frame);
  // handle()'s buffers, kept from one frame to the next (handle() is never re-entered: it runs between
  // two reads of the one read loop): the frame's copy, parsed in place so its strings are not copied
  // again, and the parse's first pool block, so a usual frame allocates nothing for its values.
  std::string frame_text;
  alignas(std::max_align_t) std::array<char, 8192> parse_pool{};
  void on_kline(KlineEvent event);
  void fill_gap(const KlineEvent& live, std::int64_t interval_ms, std::int64_t& last_closed);
  RestClient& rest() {
    if (!rest_client) rest_client = std::make_unique<RestClient>(config.rest);
    return *rest_client;
  }
  void log(LogLevel level, const std::string& line) const {
    if (config.log) config.log(level, line);
  }
  void state(StreamState s, std::string_view reason) const {
    if (config.on_state) config.on_state(s, reason);
  }
  void binance_error(const BinanceError& error) const {
    if (config.on_binance_error) config.on_binance_error(error);
  }
  template <typename F>
  void count(F&& f) {
    std::lock_guard lock(stats_mutex);
    f(stats);
  }
  std::string target() const {
    if (ws_api) return url.path.empty() ? std::string("/") : url.path;
    std::string out = url.path + "/stream?streams=";
    bool first = true;
    for (const auto& stream : config.streams) {
      out += (first ? "" : "/") + stream;
      first = false;
    }
    if (config.user_data) out += (first ? "" : "/") + listen_key;
    return out;
  }

  StreamConfig config;
  bool ws_api;  // the user data over the WebSocket API (this connection is the WS API's)
  Url url;
  std::unique_ptr<net::io_context> own_io;
  net::io_context* io;
  std::thread thread;
  ssl::context tls{ssl::context::tls_client};
  std::unique_ptr<websocket::stream<beast::tcp_stream>> plain;
  std::unique_ptr<websocket::stream<beast::ssl_stream<beast::tcp_stream>>> secure;
  net::steady_timer backoff_timer;
  net::steady_timer keepalive_timer;
  net::steady_timer answer_timer;  // WS API: how long the subscription's answer may take
  bool answer_timed_out = false;   // the connection was closed for want of that answer
  bool stopping = false;           // io thread only
  bool started = false;
  std::unique_ptr<RestClient> rest_client;
  std::string listen_key;
  // WS API: the request signer (keyed once with the secret, which stays in it and in config.rest), the
  // subscription request awaiting its answer, and a refusal read_loop throws.
  std::unique_ptr<RequestSigner> signer;
  std::uint64_t request_sequence = 0;
  std::string pending_request_id;
  std::optional<BinanceError> refusal;
  int attempt = 0;           // reconnections since the last good connection (back-off exponent)
  std::string fatal_reason;  // why the client stopped by itself (a refused key): the last state's reason
  std::map<std::string, std::int64_t> last_closed;  // "BTCUSDT 1m" -> open time of the last closed candle delivered
  std::mt19937_64 rng{std::random_device{}()};
  mutable std::mutex stats_mutex;
  StreamStats stats;
};

void StreamClient::Impl::close_socket() {
  beast::error_code ignored;
  if (plain) beast::get_lowest_layer(*plain).socket().close(ignored);
  if (secure) beast::get_lowest_layer(*secure).socket().close(ignored);
}

std::string StreamClient::Impl::redact(std::string text) const {
  return redact_credentials(std::move(text), config.rest.api_key, config.rest.api_secret);
}

// userDataStream.subscribe.signature: the API key, the synced server time and recvWindow, signed as the
// WS API signs (ws_api_signature_payload: the params sorted by name).
std::string StreamClient::Impl::subscribe_request() {
  const std::string timestamp = std::to_string(rest().server_now_ms());
  const std::string recv_window = std::to_string(config.rest.recv_window_ms);
  std::string signature;
  signer->append_signature(
      ws_api_signature_payload(
          {{"apiKey", config.rest.api_key}, {"recvWindow", recv_window}, {"timestamp", timestamp}}),
      signature);
  pending_request_id = "octobot-user-data-" + std::to_string(++request_sequence);
  return R"({"id":")" + pending_request_id + R"(","method":"userDataStream.subscribe.signature","params":{"apiKey":)" +
         json_string(config.rest.api_key) + R"(,"recvWindow":)" + recv_window + R"(,"timestamp":)" + timestamp +
         R"(,"signature":")" + signature + R"("}})";
}

// The answer to a WS API request: the subscription's acknowledgement makes the stream connected; a
// refusal ends the connection (read_loop throws it).
void StreamClient::Impl::on_answer(const Value& answer) {
  const std::string id = text(answer, "id");
  if (id.empty() || id != pending_request_id) {
    log(LogLevel::debug, "WebSocket API answer to an unknown request ignored");
    return;
  }
  pending_request_id.clear();
  answer_timer.cancel();
  const std::int64_t status = integer(answer, "status");
  if (status == 200) {
    const std::int64_t subscription = integer(field(answer, "result"), "subscriptionId");
    count([](StreamStats& s) { ++s.subscriptions; });
    log(LogLevel::debug, "user-data subscription " + std::to_string(subscription) + " acknowledged");
    attempt = 0;
    connected();
    return;
  }
  const Value& error = field(answer, "error");
  refusal = subscription_refused(status, integer(error, "code"), redact(text(error, "msg")), config.rest.recv_window_ms,
                                 rest().time_offset_ms());
}

template <typename Ws>
awaitable<void> StreamClient::Impl::opened(Ws& ws) {
  if (!ws_api) {  // the streams are in the URL: connected now
    attempt = 0;
    connected();
    co_return;
  }
  ws.text(true);
  const std::string request = subscribe_request();
  co_await ws.async_write(net::buffer(request), use_awaitable);
  // A server that keeps the connection (and answers pings) but never answers would leave the stream
  // "connecting" for good: after handshake_timeout_ms the connection is closed and made again.
  answer_timer.expires_after(std::chrono::milliseconds(config.handshake_timeout_ms));
  answer_timer.async_wait([self = shared_from_this(), id = pending_request_id](beast::error_code error) {
    if (error || self->stopping || self->pending_request_id.empty() || self->pending_request_id != id) return;
    self->answer_timed_out = true;
    self->close_socket();
  });
}

void StreamClient::Impl::connected() {
  count([](StreamStats& s) { ++s.connects; });
  log(LogLevel::info, "stream connected: " + url.host + ":" + url.port +
                          (ws_api ? std::string(" (user data over the WebSocket API)")
                                  : " (" + std::to_string(config.streams.size()) + " streams" +
                                        (config.user_data ? " + user data)" : ")")));
  state(StreamState::connected, {});
}

template <typename Ws>
awaitable<void> StreamClient::Impl::read_loop(Ws& ws) {
  beast::flat_buffer buffer;
  for (;;) {
    co_await ws.async_read(buffer, use_awaitable);
    const auto data = buffer.cdata();
    handle(std::string_view(static_cast<const char*>(data.data()), data.size()));
    buffer.consume(buffer.size());
    if (refusal) {
      BinanceError error = std::move(*refusal);
      refusal.reset();
      throw error;
    }
    if (stopping) co_return;
  }
}

awaitable<void> StreamClient::Impl::run() {
  auto self = shared_from_this();
  while (!stopping) {
    state(StreamState::connecting, {});
    std::string reason;
    std::string phase;  // what a BinanceError failed: the reason's prefix
    try {
      if (config.user_data && !ws_api && listen_key.empty()) {
        phase = "listen key: ";
        listen_key = rest().create_listen_key();
      }
      if (ws_api) {  // the subscription's timestamp is the server's time: measured on each connection
        phase = "server time: ";
        rest().sync_time();
      }
      phase.clear();
      tcp::resolver resolver(*io);
      const auto endpoints = co_await resolver.async_resolve(url.host, url.port, use_awaitable);
      // stop() may have run while this coroutine waited, before there was a socket for it to close:
      // check before each step that would otherwise wait for the server (a quiet user-data stream
      // sends nothing, so the read loop would never see the flag).
      if (stopping) break;
      websocket::stream_base::timeout timeouts{};
      timeouts.handshake_timeout = std::chrono::milliseconds(config.handshake_timeout_ms);
      timeouts.idle_timeout = std::chrono::seconds(60);  // pinged at half of it; no answer: reconnect
      timeouts.keep_alive_pings = true;
      const std::string host = url.host + ":" + url.port;
      if (url.tls) {
        secure = std::make_unique<websocket::stream<beast::ssl_stream<beast::tcp_stream>>>(*io, tls);
        auto& tcp_layer = beast::get_lowest_layer(*secure);
        tcp_layer.expires_after(std::chrono::milliseconds(config.handshake_timeout_ms));
        co_await tcp_layer.async_connect(endpoints, use_awaitable);
        // SNI carries host names only (RFC 6066 forbids an address literal); an IP host is still checked
        // against the certificate's addresses below.
        boost::system::error_code not_an_address;
        (void)net::ip::make_address(url.host, not_an_address);
        if (not_an_address && SSL_ctrl(secure->next_layer().native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
                                       TLSEXT_NAMETYPE_host_name, const_cast<char*>(url.host.c_str())) != 1) {
          throw std::runtime_error("cannot set the TLS server name");
        }
        // Asio's RFC 6125 check of the leaf certificate's names, remembering a mismatch for the message.
        bool host_mismatch = false;
        secure->next_layer().set_verify_callback([&host_mismatch, check = ssl::host_name_verification(url.host)](
                                                     bool preverified, ssl::verify_context& context) mutable {
          const bool verified = check(preverified, context);
          if (preverified && !verified) host_mismatch = true;
          return verified;
        });
        try {
          co_await secure->next_layer().async_handshake(ssl::stream_base::client, use_awaitable);
        } catch (const boost::system::system_error& error) {
          throw std::runtime_error(tls_failure(error, secure->next_layer().native_handle(), url.host, host_mismatch));
        }
        tcp_layer.expires_never();
        secure->set_option(timeouts);
        co_await secure->async_handshake(host, target(), use_awaitable);
        if (stopping) break;
        co_await opened(*secure);
        co_await read_loop(*secure);
      } else {
        plain = std::make_unique<websocket::stream<beast::tcp_stream>>(*io);
        auto& tcp_layer = beast::get_lowest_layer(*plain);
        tcp_layer.expires_after(std::chrono::milliseconds(config.handshake_timeout_ms));
        co_await tcp_layer.async_connect(endpoints, use_awaitable);
        tcp_layer.expires_never();
        plain->set_option(timeouts);
        co_await plain->async_handshake(host, target(), use_awaitable);
        if (stopping) break;
        co_await opened(*plain);
        co_await read_loop(*plain);
      }
    } catch (const BinanceError& error) {
      reason = phase + error.what();
      binance_error(error);
      if (error.kind() == ErrorKind::invalid_api_key || error.kind() == ErrorKind::invalid_signature) {
        fatal_reason = reason;  // retrying cannot help: the state's last reason says why it stopped
        stopping = true;
        log(LogLevel::error, "user-data stream stopped, not retried: " + reason);
      }
    } catch (const std::exception& error) {
      reason = error.what();
      if (answer_timed_out) {
        reason =
            "no answer to the user-data subscription within " + std::to_string(config.handshake_timeout_ms) + " ms";
      }
    }
    answer_timed_out = false;
    answer_timer.cancel();
    plain.reset();
    secure.reset();
    pending_request_id.clear();
    if (stopping) break;
    count([](StreamStats& s) { ++s.connect_failures; });
    state(StreamState::disconnected, reason);
    const std::int64_t ceiling =
        std::min(config.reconnect_max_ms, config.reconnect_base_ms << std::min(attempt, 20));  // 2^attempt
    const std::int64_t delay = std::uniform_int_distribution<std::int64_t>(ceiling / 2, ceiling)(rng);
    // The host named: the market streams and the WS API are different hosts (a firewall may allow one).
    log(LogLevel::warning, "stream to " + url.host + ":" + url.port + " disconnected (" + reason +
                               "); reconnecting in " + std::to_string(delay) + " ms");
    ++attempt;
    backoff_timer.expires_after(std::chrono::milliseconds(delay));
    beast::error_code ignored;
    co_await backoff_timer.async_wait(net::redirect_error(use_awaitable, ignored));
  }
  state(StreamState::disconnected, fatal_reason.empty() ? std::string_view("stopped") : std::string_view(fatal_reason));
}

awaitable<void> StreamClient::Impl::keepalive_loop() {
  auto self = shared_from_this();
  while (!stopping) {
    keepalive_timer.expires_after(std::chrono::milliseconds(config.keepalive_interval_ms));
    beast::error_code ignored;
    co_await keepalive_timer.async_wait(net::redirect_error(use_awaitable, ignored));
    if (stopping) break;
    if (listen_key.empty()) continue;
    try {
      rest().keepalive_listen_key(listen_key);
      count([](StreamStats& s) { ++s.keepalives; });
      log(LogLevel::debug, "listen key kept alive");
    } catch (const BinanceError& error) {
      // -1125 "This listenKey does not exist.": take a new one on a fresh connection.
      log(LogLevel::warning, std::string("listen key keep-alive failed: ") + error.what());
      binance_error(error);
      if (error.code() == -1125) {
        listen_key.clear();
        close_socket();
      }
    }
  }
}

void StreamClient::Impl::fill_gap(const KlineEvent& live, std::int64_t interval_ms, std::int64_t& last) {
  const std::int64_t until = live.kline.open_time_ms - interval_ms;  // the last candle closed before `live`
  std::int64_t from = last + interval_ms;
  try {
    while (from <= until) {
      const auto klines = rest().klines(live.symbol, live.interval, 1000, from, until);
      bool advanced = false;
      for (const auto& kline : klines) {
        if (kline.open_time_ms <= last || kline.open_time_ms > until) continue;
        KlineEvent missed;
        missed.symbol = live.symbol;
        missed.interval = live.interval;
        missed.kline = kline;
        missed.closed = true;
        missed.from_rest = true;
        missed.event_time_ms = live.event_time_ms;
        last = kline.open_time_ms;
        advanced = true;
        count([](StreamStats& s) { ++s.gap_candles_fetched; });
        if (config.on_kline) config.on_kline(missed);
      }
      if (!advanced || klines.size() < 1000) break;
      from = last + interval_ms;
    }
  } catch (const BinanceError& error) {
    log(LogLevel::error, "kline gap of " + live.symbol + " " + live.interval + " from " + std::to_string(from) +
                             " not filled: " + error.what());
    binance_error(error);
  }
}

void StreamClient::Impl::on_kline(KlineEvent event) {
  const std::int64_t interval_ms = event.kline.close_time_ms - event.kline.open_time_ms + 1;
  const std::string key = event.symbol + " " + event.interval;
  const auto it = last_closed.find(key);
  if (it != last_closed.end()) {
    std::int64_t& last = it->second;
    if (interval_ms > 0 && event.kline.open_time_ms > last + interval_ms) fill_gap(event, interval_ms, last);
    if (event.kline.open_time_ms <= last) {  // already delivered (closed), or older than it
      count([](StreamStats& s) { ++s.duplicates_dropped; });
      return;
    }
  }
  if (event.closed) last_closed[key] = event.kline.open_time_ms;
  if (config.on_kline) config.on_kline(event);
}

void StreamClient::Impl::handle(std::string_view frame) {
  // A candle's frame is read without a document (kline_frame.hpp: the same event, or nullopt and the
  // document below). Only frames naming a kline near their start are tried: a combined stream's name
  // ("btcusdt@kline_1m") or a raw stream's type come first, so the book and the ticker skip the scan.
  if (config.read_klines_directly && frame.substr(0, 64).find("kline") != std::string_view::npos) {
    if (auto kline = read_kline_frame(frame)) {
      count([](StreamStats& s) {
        ++s.messages;
        ++s.klines_read_directly;
      });
      on_kline(std::move(*kline));
      return;
    }
  }
  count([](StreamStats& s) { ++s.messages; });
  frame_text.assign(frame.data(), frame.size());
  rapidjson::MemoryPoolAllocator<> pool(parse_pool.data(), parse_pool.size());
  rapidjson::Document document(&pool);
  document.ParseInsitu<rapidjson::kParseNumbersAsStringsFlag>(frame_text.data());
  try {
    if (document.HasParseError()) throw BadField("the frame is not JSON");
    const Value* data = &document;
    std::string stream;
    if (document.IsObject() && document.HasMember("stream") && document.HasMember("data")) {
      stream = text(document, "stream");
      data = &document["data"];
    } else if (document.IsObject() && document.HasMember("status") && document.HasMember("id")) {
      on_answer(document);  // a WS API request's answer
      return;
    } else if (document.IsObject() && document.HasMember("subscriptionId") && document.HasMember("event")) {
      data = &document["event"];  // a WS API subscription's event
    }
    if (!data->IsObject()) throw BadField("the event is not an object");
    const auto type_it = data->FindMember("e");
    const std::string type =
        type_it != data->MemberEnd() && type_it->value.IsString() ? type_it->value.GetString() : std::string();
    if (type == "kline") {
      const Value& k = field(*data, "k");
      KlineEvent event;
      event.symbol = text(*data, "s");
      event.event_time_ms = integer(*data, "E");
      event.interval = text(k, "i");
      event.closed = boolean(k, "x");
      event.kline.open_time_ms = integer(k, "t");
      event.kline.close_time_ms = integer(k, "T");
      event.kline.open = text(k, "o");
      event.kline.high = text(k, "h");
      event.kline.low = text(k, "l");
      event.kline.close = text(k, "c");
      event.kline.volume = text(k, "v");
      event.kline.quote_volume = text(k, "q");
      event.kline.trades = integer(k, "n");
      on_kline(std::move(event));
    } else if (type == "24hrTicker") {
      TickerEvent event{text(*data, "s"), text(*data, "c"), text(*data, "b"), text(*data, "a"), integer(*data, "E")};
      if (config.on_ticker) config.on_ticker(event);
    } else if (type == "executionReport") {
      ExecutionReport r;
      r.event_time_ms = integer(*data, "E");
      r.symbol = text(*data, "s");
      r.client_order_id = text(*data, "c");
      r.side = text(*data, "S");
      r.order_type = text(*data, "o");
      r.time_in_force = text(*data, "f");
      r.quantity = text(*data, "q");
      r.price = text(*data, "p");
      r.execution_type = text(*data, "x");
      r.order_status = text(*data, "X");
      r.order_id = integer(*data, "i");
      r.last_quantity = text(*data, "l");
      r.cumulative_quantity = text(*data, "z");
      r.last_price = text(*data, "L");
      r.commission = text(*data, "n");
      r.commission_asset = text(*data, "N");
      r.transaction_time_ms = integer(*data, "T");
      r.order_created_ms = data->HasMember("O") ? integer(*data, "O") : r.transaction_time_ms;
      r.trade_id = integer(*data, "t");
      r.is_maker = boolean(*data, "m");
      r.cumulative_quote = text(*data, "Z");
      if (config.on_execution_report) config.on_execution_report(r);
    } else if (type == "outboundAccountPosition") {
      AccountPosition position;
      position.event_time_ms = integer(*data, "E");
      const Value& balances = field(*data, "B");
      if (!balances.IsArray()) throw BadField("field \"B\" is not an array");
      for (const auto& b : balances.GetArray()) position.balances.push_back({text(b, "a"), text(b, "f"), text(b, "l")});
      if (config.on_account_position) config.on_account_position(position);
    } else if (type == "listenKeyExpired") {
      log(LogLevel::warning, "listen key expired: reconnecting with a new one");
      listen_key.clear();
      close_socket();
    } else if (type == "eventStreamTerminated") {  // WS API: the subscription ended, the connection lives on
      log(LogLevel::warning, "user-data subscription terminated by Binance: reconnecting to subscribe again");
      close_socket();
    } else if (type.empty() && data->HasMember("lastUpdateId")) {
      DepthEvent event;
      event.symbol = upper(stream.substr(0, stream.find('@')));
      event.book.last_update_id = integer(*data, "lastUpdateId");
      event.book.bids = levels(*data, "bids");
      event.book.asks = levels(*data, "asks");
      if (config.on_depth) config.on_depth(event);
    } else if (type.empty() && data->HasMember("u") && data->HasMember("b") && data->HasMember("a")) {
      BookTickerEvent event{text(*data, "s"),
                            integer(*data, "u"),
                            {text(*data, "b"), text(*data, "B")},
                            {text(*data, "a"), text(*data, "A")}};
      if (config.on_book_ticker) config.on_book_ticker(event);
    }
    // Other events (balanceUpdate, subscription answers) are not used yet.
  } catch (const BadField& error) {
    count([](StreamStats& s) { ++s.parse_errors; });
    log(LogLevel::warning, std::string("unexpected stream frame (") + error.what() + ")");
  }
}

StreamClient::StreamClient(StreamConfig config) : impl_(std::make_shared<Impl>(std::move(config))) {}

StreamClient::~StreamClient() { stop(); }

void StreamClient::start() {
  if (impl_->started) return;
  impl_->started = true;
  net::co_spawn(*impl_->io, impl_->run(), net::detached);
  if (impl_->config.user_data && !impl_->ws_api) net::co_spawn(*impl_->io, impl_->keepalive_loop(), net::detached);
  if (impl_->own_io) impl_->thread = std::thread([impl = impl_.get()] { impl->io->run(); });
}

void StreamClient::stop() {
  if (!impl_->started) return;
  net::post(*impl_->io, [impl = impl_] {
    impl->stopping = true;
    impl->close_socket();
    impl->backoff_timer.cancel();
    impl->keepalive_timer.cancel();
    impl->answer_timer.cancel();
  });
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->started = false;
}

void StreamClient::handle_frame(std::string_view frame) {
  if (impl_->started) throw std::logic_error("StreamClient::handle_frame: the client is started; stop() it first");
  impl_->handle(frame);
}

StreamStats StreamClient::stats() const {
  std::lock_guard lock(impl_->stats_mutex);
  return impl_->stats;
}

}  // namespace octobot::binance
