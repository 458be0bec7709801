#include "reference_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <sys/socket.h>

#include <array>
#include <chrono>
#include <stdexcept>
#include <string_view>

namespace octobot::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

struct ReferenceClient::Sockets {
  asio::io_context io;
  beast::websocket::stream<tcp::socket> stream{io};
  tcp::socket rest{io};
};

namespace {

// Binance's signature: hex HMAC-SHA256 of the query with the API secret, as the connector sends it.
void append_signature(std::string& query, const std::string& secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(query.data()), query.size(), digest.data(), &length);
  static constexpr char kHex[] = "0123456789abcdef";
  query += "&signature=";
  for (unsigned int i = 0; i < length; ++i) {
    query.push_back(kHex[digest[i] >> 4]);
    query.push_back(kHex[digest[i] & 0x0f]);
  }
}

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

ReferenceClient::ReferenceClient(std::uint16_t port, const std::string& stream, ReferenceOrder order)
    : order_(std::move(order)), sockets_(std::make_unique<Sockets>()) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  try {
    sockets_->stream.next_layer().connect(endpoint);
    sockets_->stream.next_layer().set_option(tcp::no_delay(true));
    sockets_->stream.handshake("127.0.0.1:" + std::to_string(port), "/stream?streams=" + stream);
    sockets_->rest.connect(endpoint);
    sockets_->rest.set_option(tcp::no_delay(true));
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("reference client: connecting to the fake failed: ") + e.what());
  }
  thread_ = std::thread([this] { run(); });
}

ReferenceClient::~ReferenceClient() {
  stopping_.store(true, std::memory_order_release);
  // shutdown() wakes the thread blocked in recv(); closing the descriptors is left to the thread's end.
  ::shutdown(sockets_->stream.next_layer().native_handle(), SHUT_RDWR);
  ::shutdown(sockets_->rest.native_handle(), SHUT_RDWR);
  thread_.join();
}

std::string ReferenceClient::failure() const {
  return failed_.load(std::memory_order_acquire) ? failure_ : std::string();
}

void ReferenceClient::run() {
  beast::flat_buffer frame;
  beast::flat_buffer answer_buffer;
  std::string query;
  std::string request;
  bool buy = true;
  std::uint64_t sequence = 0;
  try {
    for (;;) {
      frame.clear();
      sockets_->stream.read(frame);
      const auto data = frame.cdata();
      const std::string_view text(static_cast<const char*>(data.data()), data.size());
      if (text.find("\"x\":true") == std::string_view::npos) continue;  // a kline still open
      query = "symbol=" + order_.symbol + (buy ? "&side=BUY" : "&side=SELL") +
              "&type=MARKET&quantity=" + order_.quantity + "&newClientOrderId=ref" + std::to_string(++sequence) +
              "&newOrderRespType=FULL&recvWindow=5000&timestamp=" + std::to_string(unix_ms());
      append_signature(query, order_.api_secret);
      request =
          "POST /api/v3/order HTTP/1.1\r\nHost: 127.0.0.1\r\nX-MBX-APIKEY: " + order_.api_key +
          "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + std::to_string(query.size()) +
          "\r\n\r\n" + query;
      asio::write(sockets_->rest, asio::buffer(request));
      buy = !buy;
      beast::http::response<beast::http::string_body> answer;
      beast::http::read(sockets_->rest, answer_buffer, answer);
      if (answer.result_int() != 200) {
        throw std::runtime_error("the fake answered " + std::to_string(answer.result_int()) + ": " + answer.body());
      }
      answers_.fetch_add(1, std::memory_order_acq_rel);
    }
  } catch (const std::exception& e) {
    if (stopping_.load(std::memory_order_acquire)) return;
    failure_ = e.what();
    failed_.store(true, std::memory_order_release);
  }
}

}  // namespace octobot::bench
