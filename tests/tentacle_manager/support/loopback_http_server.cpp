#include "loopback_http_server.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>

namespace octobot::testing {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

// Enough for every test; a runaway client cannot keep the thread forever.
constexpr std::size_t kMaxRequests = 10'000;

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

struct LoopbackHttpServer::State {
  asio::io_context io;
  tcp::acceptor acceptor{io};
};

LoopbackHttpServer::LoopbackHttpServer(std::filesystem::path folder)
    : folder_(std::move(folder)), state_(std::make_unique<State>()) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  state_->acceptor.open(endpoint.protocol());
  state_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  state_->acceptor.bind(endpoint);
  state_->acceptor.listen();
  port_ = state_->acceptor.local_endpoint().port();
  thread_ = std::thread([this] { serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  stopping_ = true;
  // Wake the blocking accept() with one last connection of our own.
  boost::system::error_code ignored;
  tcp::socket waker(state_->io);
  waker.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
  thread_.join();
}

std::string LoopbackHttpServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + path;
}

void LoopbackHttpServer::serve() {
  while (!stopping_ && served_ < kMaxRequests) {
    tcp::socket socket(state_->io);
    boost::system::error_code error;
    state_->acceptor.accept(socket, error);
    if (stopping_) return;
    if (error) continue;
    boost::beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::read(socket, buffer, request, error);
    if (error) continue;
    ++served_;

    std::string target(request.target());
    if (!target.empty() && target.front() == '/') target.erase(0, 1);
    http::response<http::string_body> response;
    response.version(11);
    response.keep_alive(false);
    bool chunked = false;
    if (starts_with(target, "status/")) {
      response.result(static_cast<unsigned>(std::stoi(target.substr(7))));
    } else if (starts_with(target, "redirect/")) {
      response.result(http::status::found);
      response.set(http::field::location, "/" + target.substr(9));
    } else {
      if (starts_with(target, "slow/")) {
        const auto slash = target.find('/', 5);
        std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(target.substr(5, slash - 5))));
        target = target.substr(slash + 1);
      } else if (starts_with(target, "chunked/")) {
        chunked = true;
        target = target.substr(8);
      }
      if (auto content = target.find("..") == std::string::npos ? read_file(folder_ / target) : std::nullopt) {
        response.result(http::status::ok);
        response.set(http::field::content_type, "application/octet-stream");
        response.body() = std::move(*content);
      } else {
        response.result(http::status::not_found);
      }
    }
    if (chunked) {
      response.chunked(true);
    } else {
      response.prepare_payload();
    }
    http::write(socket, response, error);
    socket.shutdown(tcp::socket::shutdown_both, error);
  }
}

}  // namespace octobot::testing
