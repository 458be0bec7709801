// Test HTTP on loopback with Boost.Beast: a server on its own thread serving one changeable answer
// (the origin of an auto-updated profile), and a blocking client (for the web API).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace octobot::testing {

// Serves GET <any path> with the current status and body. Port chosen by the system.
class LoopbackServer {
 public:
  LoopbackServer() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackServer() { stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] std::string url(const std::string& path = "/profile.json") const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  void set(std::string body, unsigned status = 200) {
    std::lock_guard lock(mutex_);
    body_ = std::move(body);
    status_ = status;
  }
  [[nodiscard]] int requests() const noexcept { return requests_.load(); }

  // Closes the listening socket: later fetches find nobody (connection refused).
  void stop() {
    if (stopped_.exchange(true)) return;
    boost::system::error_code ignored;
    {
      // Wakes the blocking accept up; the loop then sees stopped_.
      boost::asio::io_context io;
      boost::asio::ip::tcp::socket poke(io);
      poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ignored);
    }
    if (thread_.joinable()) thread_.join();
    acceptor_.close(ignored);
  }

 private:
  void serve() {
    namespace http = boost::beast::http;
    while (!stopped_) {
      boost::system::error_code error;
      boost::asio::ip::tcp::socket socket(io_);
      acceptor_.accept(socket, error);
      if (error || stopped_) return;
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> request;
      http::read(socket, buffer, request, error);
      if (error) continue;
      ++requests_;
      http::response<http::string_body> response;
      {
        std::lock_guard lock(mutex_);
        response.result(status_);
        response.body() = body_;
      }
      response.version(request.version());
      response.set(http::field::content_type, "application/json");
      response.keep_alive(false);
      response.prepare_payload();
      http::write(socket, response, error);
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, error);
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::string body_ = "{}";
  unsigned status_ = 200;
  std::atomic<int> requests_{0};
  std::atomic<bool> stopped_{false};
};

struct HttpAnswer {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
};

// One blocking request to 127.0.0.1:port. Throws boost::system::system_error when nobody answers.
inline HttpAnswer http_request(std::uint16_t port, const std::string& method, const std::string& target,
                               const std::string& bearer = {}, const std::string& body = {}) {
  namespace http = boost::beast::http;
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket socket(io);
  socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
  http::request<http::string_body> request(http::string_to_verb(method), target, 11);
  request.set(http::field::host, "127.0.0.1");
  if (!bearer.empty()) request.set(http::field::authorization, "Bearer " + bearer);
  request.body() = body;
  request.prepare_payload();
  http::write(socket, request);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  HttpAnswer answer;
  answer.status = response.result_int();
  answer.body = response.body();
  for (const auto& field : response) answer.headers[std::string(field.name_string())] = std::string(field.value());
  boost::system::error_code ignored;
  socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
  return answer;
}

}  // namespace octobot::testing
