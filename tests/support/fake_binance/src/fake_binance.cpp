// The fake's HTTP side: Boost.Beast on one io_context thread, request parsing, API-key / signature /
// timestamp checks, request weight, fault injection. The exchange logic is in exchange.cpp.
#include <octobot/testing/fake_binance.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <atomic>
#include <deque>
#include <mutex>
#include <thread>

#include "exchange.hpp"

namespace octobot::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using fake::Params;
using fake::Reply;

namespace {

constexpr std::int64_t kMinuteMs = 60'000;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%' && i + 2 < text.size() + 0 && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

void parse_params(std::string_view text, Params& params) {
  while (!text.empty()) {
    const auto amp = text.find('&');
    const auto pair = text.substr(0, amp);
    const auto eq = pair.find('=');
    if (!pair.empty()) {
      params[url_decode(pair.substr(0, eq))] =
          eq == std::string_view::npos ? std::string() : url_decode(pair.substr(eq + 1));
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

std::string hmac_hex(const std::string& key, const std::string& payload) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(payload.data()),
       payload.size(), digest.data(), &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

struct Answer {
  Reply reply;
  std::vector<std::pair<std::string, std::string>> headers;
  std::int64_t delay_ms = 0;
};

}  // namespace

namespace fake {

struct ServerState {
  explicit ServerState(const FakeBinanceOptions& opts) : options(opts), exchange(opts), acceptor(io) {}

  Answer answer(const std::string& method, const std::string& target, const std::string& body,
                const std::string& api_key_header, bool has_api_key);
  Reply authenticate(const std::string& query, const std::string& body, const Params& params,
                     const std::string& api_key_header, bool has_api_key);
  void accept();

  FakeBinanceOptions options;
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

  net::io_context io;
  tcp::acceptor acceptor;
  std::thread thread;
};

}  // namespace fake

struct FakeBinance::Impl : fake::ServerState {
  using ServerState::ServerState;
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, fake::ServerState& impl)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), impl_(impl) {}

  void read() {
    request_ = {};
    http::async_read(socket_, buffer_, request_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) return self->close();
      self->respond();
    });
  }

 private:
  void respond();
  void write();
  void close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  tcp::socket socket_;
  net::steady_timer timer_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  fake::ServerState& impl_;
};

}  // namespace

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
  const std::string expected = hmac_hex(options.api_secret, payload);
  if (bad_signatures || signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return fake::error_reply(-1022, "Signature for this request is not valid.");
  }
  const std::int64_t now = exchange.now_ms();
  if (timestamp >= now + 1000) {
    return fake::error_reply(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  }
  if (now - timestamp > recv_window)
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
      fault = *it;
      if (--it->count <= 0) faults.erase(it);
      break;
    }
  }
  const auto fault_reply = [&](const Fault& f) {
    answer.delay_ms = f.delay_ms;
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
  if (fault && !fault->after_processing && fault->http_status != 0) {
    fault_reply(*fault);
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

void Session::respond() {
  const std::string method(request_.method_string());
  const std::string target(request_.target());
  const auto key = request_.find("X-MBX-APIKEY");
  const bool has_key = key != request_.end();
  const std::string key_value = has_key ? std::string(key->value()) : std::string();
  const Answer answer = impl_.answer(method, target, request_.body(), key_value, has_key);

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
    timer_.async_wait([self = shared_from_this()](beast::error_code error) {
      if (error) return self->close();
      self->write();
    });
  } else {
    write();
  }
}

void Session::write() {
  http::async_write(socket_, response_, [self = shared_from_this()](beast::error_code error, std::size_t) {
    if (error) return self->close();
    if (!self->response_.keep_alive()) return self->close();
    self->read();
  });
}

void fake::ServerState::accept() {
  acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
    if (error) return;
    ++connections;
    std::make_shared<Session>(std::move(socket), *this)->read();
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
std::string FakeBinance::base_url() const { return "http://127.0.0.1:" + std::to_string(port()); }

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
  impl_->exchange.set_time(ms);
}

void FakeBinance::advance(std::int64_t ms) {
  std::lock_guard lock(impl_->mutex);
  impl_->exchange.set_time(impl_->exchange.now_ms() + ms);
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

std::string FakeBinance::last_price(const std::string& symbol) const {
  std::lock_guard lock(impl_->mutex);
  const auto price = impl_->exchange.price(symbol);
  return price ? price->to_string() : std::string();
}

}  // namespace octobot::testing
