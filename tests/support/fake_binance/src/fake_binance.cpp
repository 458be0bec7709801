// The fake's HTTP side: Boost.Beast on one io_context thread, request parsing, API-key / signature /
// timestamp checks, request weight, fault injection. The exchange logic is in exchange.cpp. The
// sessions are templates over their stream (a TCP socket, or a TLS stream over one) so plain and TLS
// modes share every line but the handshake.
#include <octobot/testing/fake_binance.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "exchange.hpp"
#include "form_text.hpp"
#include "signature_check.hpp"
#include "ws_api.hpp"

namespace octobot::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using TlsStream = beast::ssl_stream<tcp::socket>;
using fake::Params;
using fake::Reply;

namespace {

constexpr std::int64_t kMinuteMs = 60'000;

void parse_params(std::string_view text, Params& params) {
  while (!text.empty()) {
    const auto amp = text.find('&');
    const auto pair = text.substr(0, amp);
    const auto eq = pair.find('=');
    if (!pair.empty()) {
      params[fake::form_decode(pair.substr(0, eq))] =
          eq == std::string_view::npos ? std::string() : fake::form_decode(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
}

// The signed text: the parameters as sent, without "signature=...". Binance signs the query string
// followed by the body.
std::string without_signature(std::string_view text, std::string& signature) {
  std::string out;
  while (!text.empty()) {
    const auto amp = text.find('&');
    const auto pair = text.substr(0, amp);
    if (pair.rfind("signature=", 0) == 0) {
      signature = std::string(pair.substr(10));
    } else {
      if (!out.empty()) out.push_back('&');
      out += pair;
    }
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return out;
}

struct Answer {
  Reply reply;
  std::vector<std::pair<std::string, std::string>> headers;
  std::int64_t delay_ms = 0;
  bool drop_connection = false;  // Fault::drop_connection: no answer, the connection closed
};

}  // namespace

namespace fake {

// What the server pushes to a WebSocket session, whatever its stream.
class WsSession {
 public:
  virtual ~WsSession() = default;
  virtual void collect(std::int64_t before_ms, bool market, bool snapshot_only,
                       const std::vector<std::string>& user_events) = 0;
  virtual void drop() = 0;
};

// The server's TLS context from the options' certificate and key; nullptr when both are empty.
std::unique_ptr<ssl::context> make_tls_context(const FakeBinanceOptions& options) {
  const bool has_certificate = !options.tls_certificate_file.empty();
  if (has_certificate != !options.tls_private_key_file.empty()) {
    throw std::invalid_argument("fake Binance TLS needs both a certificate file and a private key file");
  }
  if (!has_certificate) return nullptr;
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  const auto load = [](const std::filesystem::path& file, const char* what, const auto& use) {
    try {
      use(file.string());
    } catch (const boost::system::system_error& error) {
      throw std::invalid_argument("fake Binance TLS: cannot use \"" + file.string() + "\" as the " + what + " (" +
                                  error.what() + ")");
    }
  };
  load(options.tls_certificate_file, "certificate chain (PEM)",
       [&](const std::string& file) { context->use_certificate_chain_file(file); });
  load(options.tls_private_key_file, "private key (PEM)",
       [&](const std::string& file) { context->use_private_key_file(file, ssl::context::pem); });
  return context;
}

struct ServerState {
  explicit ServerState(const FakeBinanceOptions& opts)
      : options(opts), signature_check(opts), exchange(opts), tls(make_tls_context(opts)), acceptor(io) {}

  Answer answer(const std::string& method, const std::string& target, const std::string& body,
                const std::string& api_key_header, bool has_api_key);
  Reply authenticate(const std::string& query, const std::string& body, const Params& params,
                     const std::string& api_key_header, bool has_api_key);
  void accept();
  // On the io thread: pushes to every WebSocket session what changed since `before_ms` (market
  // streams, when `market`) and the pending user-data events.
  void publish(std::int64_t before_ms, bool market);
  Reply user_data_stream(const std::string& method, const Params& params, const std::string& api_key_header,
                         bool has_api_key);

  FakeBinanceOptions options;
  fake::SignatureCheck signature_check;  // the API key's type: HMAC secret or Ed25519 public key
  mutable std::mutex mutex;
  fake::Exchange exchange;
  std::deque<Fault> faults;
  bool bad_signatures = false;
  std::int64_t weight_minute = -1;
  std::int64_t used_weight = 0;
  std::int64_t orders_10s_window = -1;
  std::int64_t orders_10s = 0;
  std::map<std::string, std::int64_t> request_counts;
  std::atomic<std::int64_t> connections{0};
  // WebSocket side; sessions are touched on the io thread only.
  std::vector<std::weak_ptr<WsSession>> ws_sessions;
  std::chrono::steady_clock::time_point ws_refuse_until{};
  std::string listen_key;
  std::int64_t listen_key_keepalives = 0;
  std::int64_t listen_key_sequence = 0;
  std::atomic<std::int64_t> ws_accepted{0};
  std::atomic<std::int64_t> ws_open{0};
  std::atomic<std::int64_t> tls_failures{0};
  std::int64_t user_data_subscriptions = 0;  // WS API subscriptions accepted, ever
  bool ws_api_silent = false;                // WS API requests read and left unanswered

  std::unique_ptr<ssl::context> tls;  // before io: the sessions its handlers hold use it
  net::io_context io;
  tcp::acceptor acceptor;
  std::thread thread;
};

}  // namespace fake

struct FakeBinance::Impl : fake::ServerState {
  using ServerState::ServerState;
};

namespace {

template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(Stream stream, fake::ServerState& impl)
      : stream_(std::move(stream)), timer_(stream_.get_executor()), impl_(impl) {}

  void read() {
    request_ = {};
    http::async_read(stream_, buffer_, request_,
                     [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                       if (error) return self->close();
                       self->respond();
                     });
  }

 private:
  void respond();
  void write();
  void close() {
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream_).close(ignored);
  }

  Stream stream_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  fake::ServerState& impl_;
};

}  // namespace

// One WebSocket connection: its streams are fixed by the URL (Binance's raw and combined forms), or
// it is a WebSocket API connection (/ws-api/v3) whose requests are answered (ws_api.cpp) and which
// gets the user-data events once subscribed, wrapped as {"subscriptionId":N,"event":..}. Writes are
// queued (one async_write at a time). A stream connection's incoming frames are read and ignored;
// pings are answered by Beast.
template <typename Stream>
class WsSessionOn final : public fake::WsSession, public std::enable_shared_from_this<WsSessionOn<Stream>> {
 public:
  WsSessionOn(Stream stream, fake::ServerState& state) : ws_(std::move(stream)), state_(state) {}
  ~WsSessionOn() override { --state_.ws_open; }

  void start(http::request<http::string_body> request) {
    const std::string target(request.target());
    if (target == "/ws-api/v3" || target.rfind("/ws-api/v3?", 0) == 0) {
      ws_api_ = true;
    } else if (target.rfind("/ws/", 0) == 0) {
      std::string rest = target.substr(4);
      split(rest);
    } else if (target.rfind("/stream?streams=", 0) == 0) {
      combined_ = true;
      split(target.substr(16));
    }
    ++state_.ws_open;
    ws_.async_accept(request, [self = this->shared_from_this()](beast::error_code error) {
      if (error) return;
      ++self->state_.ws_accepted;
      self->state_.ws_sessions.push_back(self);
      self->snapshot();
      self->read();
    });
  }

  // The payloads of every market stream of this session since `before_ms`, and the user events.
  void collect(std::int64_t before_ms, bool market, bool snapshot_only,
               const std::vector<std::string>& user_events) override {
    if (subscription_) {
      for (const auto& event : user_events) {
        enqueue(R"({"subscriptionId":)" + std::to_string(*subscription_) + R"(,"event":)" + event + "}");
      }
    }
    for (const auto& stream : streams_) {
      if (stream == state_.listen_key && !state_.listen_key.empty()) {
        for (const auto& event : user_events) send(stream, event);
      } else if (market) {
        const auto payloads = state_.exchange.stream_payloads(stream, before_ms, snapshot_only);
        if (payloads) {
          for (const auto& payload : *payloads) send(stream, payload);
        }
      }
    }
  }

  void drop() override {
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close(ignored);
  }

 private:
  void split(std::string text) {
    while (!text.empty()) {
      const auto slash = text.find('/');
      if (slash != 0) streams_.push_back(text.substr(0, slash));
      if (slash == std::string::npos) break;
      text.erase(0, slash + 1);
    }
  }

  void snapshot() {
    std::unique_lock lock(state_.mutex);
    collect(state_.exchange.now_ms(), true, true, {});
  }

  void send(const std::string& stream, const std::string& payload) {
    enqueue(combined_ ? R"({"stream":")" + stream + R"(","data":)" + payload + "}" : payload);
  }

  void enqueue(std::string frame) {
    queue_.push_back(std::move(frame));
    if (queue_.size() == 1) write();
  }

  // A WebSocket API request (io thread): answered in order with the events.
  void answer(std::string_view frame) {
    std::lock_guard lock(state_.mutex);
    if (state_.ws_api_silent) return;
    auto authenticate = [this](const std::string& query, const Params& params, const std::string& api_key,
                               bool has_api_key) {
      return state_.authenticate(query, {}, params, api_key, has_api_key);
    };
    auto reply = fake::answer_ws_api(frame, next_subscription_, authenticate);
    ++state_.request_counts[reply.method.empty() ? std::string("ws-api") : reply.method];
    if (reply.subscribed) {
      subscription_ = *reply.subscribed;
      ++next_subscription_;
      ++state_.user_data_subscriptions;
    }
    if (reply.unsubscribed) subscription_.reset();
    enqueue(std::move(reply.frame));
  }

  void write() {
    if (state_.options.wire_probe) {
      state_.options.wire_probe(FakeWireEvent::ws_frame_write, queue_.front(), std::chrono::steady_clock::now());
    }
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front()),
                    [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                      if (error) return;
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) self->write();
                    });
  }

  void read() {
    ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return;
      if (self->ws_api_) {
        const auto data = self->buffer_.cdata();
        self->answer(std::string_view(static_cast<const char*>(data.data()), data.size()));
      }
      self->buffer_.clear();
      self->read();
    });
  }

  websocket::stream<Stream> ws_;
  fake::ServerState& state_;
  std::vector<std::string> streams_;
  bool combined_ = false;
  bool ws_api_ = false;
  std::optional<std::int64_t> subscription_;  // the WS API's user-data subscription on this connection
  std::int64_t next_subscription_ = 0;        // Binance numbers a connection's subscriptions from 0
  std::deque<std::string> queue_;
  beast::flat_buffer buffer_;
};

void fake::ServerState::publish(std::int64_t before_ms, bool market) {
  std::lock_guard lock(mutex);
  const auto events = exchange.take_user_events();
  std::erase_if(ws_sessions, [](const auto& weak) { return weak.expired(); });
  for (const auto& weak : ws_sessions) {
    if (auto session = weak.lock()) session->collect(before_ms, market, false, events);
  }
}

Reply fake::ServerState::user_data_stream(const std::string& method, const Params& params,
                                          const std::string& api_key_header, bool has_api_key) {
  if (!has_api_key || api_key_header.empty()) return fake::error_reply(-2014, "API-key format invalid.", 401);
  if (api_key_header != options.api_key) {
    return fake::error_reply(-2015, "Invalid API-key, IP, or permissions for action.", 401);
  }
  if (method == "POST") {
    if (listen_key.empty()) {
      // 60 characters, as Binance's; a new one only once the previous was closed.
      listen_key = "fakeListenKey" + std::to_string(++listen_key_sequence);
      listen_key.resize(60, 'x');
    }
    return Reply{200, R"({"listenKey":")" + listen_key + R"("})"};
  }
  const auto it = params.find("listenKey");
  if (it == params.end())
    return fake::error_reply(-1102, "Mandatory parameter 'listenKey' was not sent, was empty/null, or malformed.");
  if (it->second != listen_key || listen_key.empty()) return fake::error_reply(-1125, "This listenKey does not exist.");
  if (method == "PUT") {
    ++listen_key_keepalives;
  } else {
    listen_key.clear();
  }
  return Reply{200, "{}"};
}

Reply fake::ServerState::authenticate(const std::string& query, const std::string& body, const Params& params,
                                      const std::string& api_key_header, bool has_api_key) {
  if (!has_api_key || api_key_header.empty()) return fake::error_reply(-2014, "API-key format invalid.", 401);
  if (api_key_header != options.api_key) {
    return fake::error_reply(-2015, "Invalid API-key, IP, or permissions for action.", 401);
  }
  const auto timestamp_it = params.find("timestamp");
  std::int64_t timestamp = 0;
  try {
    if (timestamp_it == params.end()) throw std::invalid_argument("timestamp");
    timestamp = std::stoll(timestamp_it->second);
  } catch (const std::exception&) {
    return fake::error_reply(-1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  }
  std::int64_t recv_window = 5000;
  if (const auto it = params.find("recvWindow"); it != params.end()) {
    try {
      recv_window = std::stoll(it->second);
    } catch (const std::exception&) {
      return fake::error_reply(-1100,
                               "Illegal characters found in parameter 'recvWindow'; legal range is '^([0-9]{1,20})$'.");
    }
    if (recv_window > 60000) return fake::error_reply(-1131, "recvWindow must be less than 60000");
  }
  std::string signature;
  const std::string payload = without_signature(query, signature) + without_signature(body, signature);
  if (signature.empty()) {
    return fake::error_reply(-1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  }
  if (bad_signatures || !signature_check.matches(payload, signature)) {
    return fake::error_reply(-1022, "Signature for this request is not valid.");
  }
  const std::int64_t now = exchange.now_ms();
  if (!options.check_timestamps) return Reply{0, {}};
  const double speed = std::max(options.clock_speed, 1.0);
  if (static_cast<double>(timestamp - now) >= 1000.0 * speed) {
    return fake::error_reply(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  }
  if (static_cast<double>(now - timestamp) > static_cast<double>(recv_window) * speed)
    return fake::error_reply(-1021, "Timestamp for this request is outside of the recvWindow.");
  return Reply{0, {}};
}

Answer fake::ServerState::answer(const std::string& method, const std::string& target, const std::string& body,
                                 const std::string& api_key_header, bool has_api_key) {
  const auto question = target.find('?');
  const std::string path = target.substr(0, question);
  const std::string query = question == std::string::npos ? std::string() : target.substr(question + 1);
  Params params;
  parse_params(query, params);
  parse_params(body, params);

  std::lock_guard lock(mutex);
  Answer answer;
  const std::int64_t now = exchange.now_ms();

  // The first pending fault matching the request.
  std::optional<Fault> fault;
  for (auto it = faults.begin(); it != faults.end(); ++it) {
    if ((it->method.empty() || it->method == method) && (it->path.empty() || it->path == path)) {
      if (it->skip > 0) {  // this one is answered normally
        --it->skip;
        break;
      }
      fault = *it;
      if (--it->count <= 0) faults.erase(it);
      break;
    }
  }
  const auto fault_reply = [&](const Fault& f) {
    answer.delay_ms = f.delay_ms;
    answer.drop_connection = f.drop_connection;
    if (f.retry_after_s > 0) answer.headers.emplace_back("Retry-After", std::to_string(f.retry_after_s));
    switch (f.http_status) {
      case 0:
        break;
      case 429:
        answer.reply = fake::error_reply(-1003,
                                         "Too much request weight used; current limit is " +
                                             std::to_string(options.weight_limit_1m) +
                                             " request weight per 1 MINUTE. Please use WebSocket Streams for live "
                                             "updates to avoid polling the API.",
                                         429);
        break;
      case 418: {
        const std::int64_t until = f.ban_until_ms != 0 ? f.ban_until_ms : now + f.retry_after_s * 1000;
        answer.reply = fake::error_reply(-1003,
                                         "Way too much request weight used; IP banned until " + std::to_string(until) +
                                             ". Please use WebSocket Streams for live updates to avoid bans.",
                                         418);
        break;
      }
      case 500:
        answer.reply =
            fake::error_reply(-1001, "Internal error; unable to process your request. Please try again.", 500);
        break;
      case 503:
        answer.reply = fake::error_reply(
            -1007, "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
            503);
        break;
      default:
        answer.reply = Reply{f.http_status, "<html><body><h1>" + std::to_string(f.http_status) + "</h1></body></html>"};
        break;
    }
  };
  if (fault && !fault->after_processing && (fault->http_status != 0 || fault->drop_connection)) {
    fault_reply(*fault);
    return answer;
  }

  if (path == "/api/v3/userDataStream" && (method == "POST" || method == "PUT" || method == "DELETE")) {
    answer.reply = user_data_stream(method, params, api_key_header, has_api_key);
    ++request_counts[path];
    return answer;
  }
  if (!fake::Exchange::is_known(method, path)) {
    answer.reply = Reply{404, "{\"code\":-1000,\"msg\":\"Unknown endpoint " + method + " " + path + "\"}"};
    return answer;
  }

  // Request weight: counted for every request that reaches the API, refused beyond the limit.
  const std::int64_t minute = now / kMinuteMs;
  if (minute != weight_minute) {
    weight_minute = minute;
    used_weight = 0;
  }
  used_weight += fake::Exchange::weight(method, path, params);
  answer.headers.emplace_back("X-MBX-USED-WEIGHT-1M", std::to_string(used_weight));
  answer.headers.emplace_back("X-MBX-USED-WEIGHT", std::to_string(used_weight));
  if (used_weight > options.weight_limit_1m) {
    const std::int64_t retry_after = ((minute + 1) * kMinuteMs - now + 999) / 1000;
    answer.headers.emplace_back("Retry-After", std::to_string(retry_after));
    answer.reply =
        fake::error_reply(-1003,
                          "Too much request weight used; current limit is " + std::to_string(options.weight_limit_1m) +
                              " request weight per 1 MINUTE. Please use WebSocket Streams for live updates "
                              "to avoid polling the API.",
                          429);
    return answer;
  }

  if (fake::Exchange::is_signed(path)) {
    const auto denied = authenticate(query, body, params, api_key_header, has_api_key);
    if (denied.status != 0) {
      answer.reply = denied;
      return answer;
    }
  }
  answer.reply = exchange.handle(method, path, params);
  ++request_counts[path];
  if (method == "POST" && path == "/api/v3/order") {
    const std::int64_t window = now / 10'000;
    if (window != orders_10s_window) {
      orders_10s_window = window;
      orders_10s = 0;
    }
    answer.headers.emplace_back("X-MBX-ORDER-COUNT-10S", std::to_string(++orders_10s));
  }
  if (fault) {
    fault_reply(*fault);  // processed: the state changed, the client sees the fault (or a delay)
  }
  return answer;
}

template <typename Stream>
void Session<Stream>::respond() {
  if (websocket::is_upgrade(request_)) {
    if (std::chrono::steady_clock::now() < impl_.ws_refuse_until) {
      response_ = {};
      response_.version(request_.version());
      response_.keep_alive(false);
      response_.result(http::status::service_unavailable);
      response_.body() = "WebSocket connections refused (fault injection)";
      response_.prepare_payload();
      return write();
    }
    std::make_shared<WsSessionOn<Stream>>(std::move(stream_), impl_)->start(std::move(request_));
    return;
  }
  const std::string method(request_.method_string());
  const std::string target(request_.target());
  if (impl_.options.wire_probe) {
    impl_.options.wire_probe(FakeWireEvent::rest_request_read, method + " " + target, std::chrono::steady_clock::now());
  }
  const auto key = request_.find("X-MBX-APIKEY");
  const bool has_key = key != request_.end();
  const std::string key_value = has_key ? std::string(key->value()) : std::string();
  const Answer answer = impl_.answer(method, target, request_.body(), key_value, has_key);
  impl_.publish(0, false);  // the user-data events of what this request did

  response_ = {};
  response_.version(request_.version());
  response_.keep_alive(request_.keep_alive());
  response_.result(static_cast<http::status>(answer.reply.status));
  response_.set(http::field::content_type, "application/json;charset=UTF-8");
  for (const auto& [name, value] : answer.headers) response_.set(name, value);
  response_.body() = answer.reply.body;
  response_.prepare_payload();
  if (answer.delay_ms > 0) {
    timer_.expires_after(std::chrono::milliseconds(answer.delay_ms));
    timer_.async_wait([self = this->shared_from_this(), drop = answer.drop_connection](beast::error_code error) {
      if (error || drop) return self->close();
      self->write();
    });
  } else if (answer.drop_connection) {
    close();
  } else {
    write();
  }
}

template <typename Stream>
void Session<Stream>::write() {
  http::async_write(stream_, response_, [self = this->shared_from_this()](beast::error_code error, std::size_t) {
    if (error) return self->close();
    if (!self->response_.keep_alive()) return self->close();
    self->read();
  });
}

void fake::ServerState::accept() {
  acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
    if (error) return;
    ++connections;
    if (!tls) {
      std::make_shared<Session<tcp::socket>>(std::move(socket), *this)->read();
    } else {
      // The TLS handshake first; a client that refuses the certificate ends here, before any request.
      auto stream = std::make_shared<TlsStream>(std::move(socket), *tls);
      stream->async_handshake(ssl::stream_base::server, [this, stream](beast::error_code handshake_error) {
        if (handshake_error) {
          ++tls_failures;
          return;
        }
        std::make_shared<Session<TlsStream>>(std::move(*stream), *this)->read();
      });
    }
    accept();
  });
}

FakeBinance::FakeBinance(FakeBinanceOptions options) : impl_(std::make_unique<Impl>(options)) {
  const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), options.port);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(net::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

FakeBinance::~FakeBinance() {
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::uint16_t FakeBinance::port() const noexcept { return impl_->acceptor.local_endpoint().port(); }
std::string FakeBinance::base_url() const {
  return (impl_->tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port());
}
std::string FakeBinance::ws_url() const {
  return (impl_->tls ? "wss://127.0.0.1:" : "ws://127.0.0.1:") + std::to_string(port());
}

void FakeBinance::add_market(FakeMarket market) {
  std::lock_guard lock(impl_->mutex);
  impl_->exchange.add_market(std::move(market));
}

void FakeBinance::set_balance(const std::string& asset, const std::string& free) {
  std::lock_guard lock(impl_->mutex);
  impl_->exchange.set_balance(asset, fake::Decimal::from_string(free));
}

std::int64_t FakeBinance::now_ms() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->exchange.now_ms();
}

void FakeBinance::set_time(std::int64_t ms) {
  std::lock_guard lock(impl_->mutex);
  const std::int64_t before = impl_->exchange.now_ms();
  impl_->exchange.set_time(ms);
  net::post(impl_->io, [impl = impl_.get(), before] { impl->publish(before, true); });
}

void FakeBinance::advance(std::int64_t ms) {
  std::lock_guard lock(impl_->mutex);
  const std::int64_t before = impl_->exchange.now_ms();
  impl_->exchange.set_time(before + ms);
  net::post(impl_->io, [impl = impl_.get(), before] { impl->publish(before, true); });
}

void FakeBinance::drop_websocket_connections() {
  std::promise<void> done;
  net::post(impl_->io, [impl = impl_.get(), &done] {
    for (const auto& weak : impl->ws_sessions) {
      if (auto session = weak.lock()) session->drop();
    }
    impl->ws_sessions.clear();
    done.set_value();
  });
  done.get_future().wait();
}

void FakeBinance::refuse_websocket_for(std::int64_t ms) {
  std::promise<void> done;
  net::post(impl_->io, [impl = impl_.get(), ms, &done] {
    impl->ws_refuse_until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    done.set_value();
  });
  done.get_future().wait();
}

std::int64_t FakeBinance::websocket_connections_accepted() const { return impl_->ws_accepted.load(); }
std::int64_t FakeBinance::websocket_connections_open() const { return impl_->ws_open.load(); }

std::int64_t FakeBinance::listen_key_keepalives() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->listen_key_keepalives;
}

std::int64_t FakeBinance::user_data_subscriptions() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->user_data_subscriptions;
}

void FakeBinance::set_ws_api_silent(bool on) {
  std::lock_guard lock(impl_->mutex);
  impl_->ws_api_silent = on;
}

std::string FakeBinance::ws_api_url() const { return ws_url() + "/ws-api/v3"; }

std::string FakeBinance::listen_key() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->listen_key;
}

void FakeBinance::inject(Fault fault) {
  std::lock_guard lock(impl_->mutex);
  impl_->faults.push_back(std::move(fault));
}

void FakeBinance::clear_faults() {
  std::lock_guard lock(impl_->mutex);
  impl_->faults.clear();
}

void FakeBinance::set_bad_signature_mode(bool on) {
  std::lock_guard lock(impl_->mutex);
  impl_->bad_signatures = on;
}

std::int64_t FakeBinance::orders_created() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->exchange.orders_created();
}

int FakeBinance::cancel_open_orders() {
  std::lock_guard lock(impl_->mutex);
  return impl_->exchange.cancel_open_orders();
}

int FakeBinance::fill_open_orders() {
  std::lock_guard lock(impl_->mutex);
  const std::int64_t now = impl_->exchange.now_ms();
  const int filled = impl_->exchange.fill_open_orders();
  // The user-data events go out now (a connected client hears of the fills), market streams unmoved.
  net::post(impl_->io, [impl = impl_.get(), now] { impl->publish(now, false); });
  return filled;
}

std::vector<std::string> FakeBinance::order_states() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->exchange.order_states();
}

std::int64_t FakeBinance::open_order_count() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->exchange.open_order_count();
}

std::string FakeBinance::free_balance(const std::string& asset) const {
  std::lock_guard lock(impl_->mutex);
  const auto* row = impl_->exchange.balance(asset);
  return row == nullptr ? "0" : row->free.to_string();
}

std::string FakeBinance::locked_balance(const std::string& asset) const {
  std::lock_guard lock(impl_->mutex);
  const auto* row = impl_->exchange.balance(asset);
  return row == nullptr ? "0" : row->locked.to_string();
}

std::int64_t FakeBinance::requests(const std::string& path) const {
  std::lock_guard lock(impl_->mutex);
  const auto it = impl_->request_counts.find(path);
  return it == impl_->request_counts.end() ? 0 : it->second;
}

std::int64_t FakeBinance::used_weight() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->exchange.now_ms() / kMinuteMs == impl_->weight_minute ? impl_->used_weight : 0;
}

std::int64_t FakeBinance::connections_accepted() const { return impl_->connections.load(); }
std::int64_t FakeBinance::tls_handshakes_failed() const { return impl_->tls_failures.load(); }

std::string FakeBinance::last_price(const std::string& symbol) const {
  std::lock_guard lock(impl_->mutex);
  const auto price = impl_->exchange.price(symbol);
  return price ? price->to_string() : std::string();
}

}  // namespace octobot::testing
