// OrderLane (octobot_binance/order_lane.hpp) against a bare loopback HTTP server written here, for
// what the fake Binance cannot do on demand: close kept-alive connections while they are idle, keep
// a request unanswered, or not listen at all.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <octobot_binance/order_lane.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using octobot::binance::LaneAnswer;
using octobot::binance::LaneConfig;
using octobot::binance::OrderLane;

// Accepts connections; answers each full request "200 {}" unless `silent`; close_all() shuts every
// accepted connection (as a server ending idle keep-alive connections).
class BareServer {
 public:
  BareServer() {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    REQUIRE(::listen(listener_, 16) == 0);
    socklen_t length = sizeof(address);
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~BareServer() {
    stopping_ = true;
    thread_.join();
    close_all();
    ::close(listener_);
  }
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void close_all() {
    const std::lock_guard lock(mutex_);
    for (const int fd : connections_) {
      ::shutdown(fd, SHUT_RDWR);
      ::close(fd);
    }
    connections_.clear();
  }
  std::atomic<bool> silent{false};
  std::atomic<int> requests{0};
  std::atomic<int> accepted{0};

 private:
  void run() {
    std::vector<std::string> pending;
    while (!stopping_) {
      std::vector<pollfd> polled{{listener_, POLLIN, 0}};
      {
        const std::lock_guard lock(mutex_);
        for (const int fd : connections_) polled.push_back({fd, POLLIN, 0});
      }
      if (::poll(polled.data(), polled.size(), 10) <= 0) continue;
      if ((polled[0].revents & POLLIN) != 0) {
        const int fd = ::accept(listener_, nullptr, nullptr);
        const std::lock_guard lock(mutex_);
        connections_.push_back(fd);
        ++accepted;
      }
      for (std::size_t i = 1; i < polled.size(); ++i) {
        if (polled[i].revents == 0) continue;
        char buffer[4096];
        const ssize_t n = ::recv(polled[i].fd, buffer, sizeof(buffer), MSG_DONTWAIT);
        if (n <= 0) continue;
        std::string& in = received_[polled[i].fd];
        in.append(buffer, static_cast<std::size_t>(n));
        const auto end = in.find("\r\n\r\n");
        const auto length_at = in.find("Content-Length: ");
        if (end == std::string::npos || length_at == std::string::npos) continue;
        const std::size_t body = std::stoul(in.substr(length_at + 16));
        if (in.size() < end + 4 + body) continue;
        in.erase(0, end + 4 + body);
        ++requests;
        if (silent) continue;
        const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-MBX-USED-WEIGHT-1M: 7\r\n\r\n{}";
        ::send(polled[i].fd, answer.data(), answer.size(), MSG_NOSIGNAL);
      }
    }
  }

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::vector<int> connections_;
  std::map<int, std::string> received_;
};

struct Answers {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<LaneAnswer> answers;
  OrderLane::OnAnswer callback() {
    return [this](LaneAnswer answer) {
      const std::lock_guard lock(mutex);
      answers.push_back(std::move(answer));
      changed.notify_all();
    };
  }
  bool wait(std::size_t count, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return answers.size() >= count; });
  }
};

bool wait_idle(const OrderLane& lane, int count) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (lane.idle_connections() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  return lane.idle_connections() >= count;
}

LaneConfig config_for(const std::string& url, int connections) {
  LaneConfig config;
  config.base_url = url;
  config.connections = connections;
  config.request_timeout_ms = 300;
  config.reconnect_ms = 20;
  return config;
}

}  // namespace

TEST_CASE("order lane: kept-alive connections the server closed while idle are never written to", "[order_lane]") {
  BareServer server;
  OrderLane lane(config_for(server.url(), 2));
  lane.start();
  REQUIRE(wait_idle(lane, 2));
  Answers answers;
  const std::string request = lane.request_text("POST", "/api/v3/order", "X-MBX-APIKEY: k\r\n", "a=1");
  REQUIRE(lane.submit(request, answers.callback()));
  REQUIRE(answers.wait(1));
  REQUIRE(answers.answers[0].response);
  CHECK(answers.answers[0].response->status == 200);
  CHECK(answers.answers[0].response->used_weight_1m == 7);
  CHECK(server.accepted == 2);

  // The server ends both idle connections; every later order still reaches it and is answered, on
  // connections the lane opened again (a write on a closed one would be lost: no answer).
  server.close_all();
  for (int i = 0; i < 5; ++i) {
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!lane.submit(request, answers.callback()) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(1ms);  // busy: nothing idle yet (reopening)
    }
    REQUIRE(answers.wait(2 + static_cast<std::size_t>(i)));
  }
  for (const LaneAnswer& answer : answers.answers) {
    INFO(answer.failure);
    CHECK(answer.response.has_value());
  }
  CHECK(server.requests == 6);
  CHECK(server.accepted >= 3);
}

TEST_CASE("order lane: an unanswered request is reported as no answer after request_timeout_ms, once", "[order_lane]") {
  BareServer server;
  server.silent = true;
  OrderLane lane(config_for(server.url(), 1));
  lane.start();
  REQUIRE(wait_idle(lane, 1));
  Answers answers;
  REQUIRE(lane.submit(lane.request_text("POST", "/api/v3/order", "", "a=1"), answers.callback()));
  CHECK_FALSE(lane.submit(lane.request_text("POST", "/api/v3/order", "", "a=2"), answers.callback()));  // busy
  REQUIRE(answers.wait(1));
  CHECK_FALSE(answers.answers[0].response);
  CHECK_FALSE(answers.answers[0].stopped);
  CHECK(answers.answers[0].failure.find("no answer within 300 ms") != std::string::npos);
  lane.stop();
  CHECK(answers.answers.size() == 1);
}

TEST_CASE("order lane: nothing listening means busy, and stop reports what waits as stopped", "[order_lane]") {
  SECTION("no server") {
    int port = 0;
    {
      BareServer gone;  // a port that was just free
      port = std::stoi(gone.url().substr(gone.url().rfind(':') + 1));
    }
    OrderLane lane(config_for("http://127.0.0.1:" + std::to_string(port), 2));
    lane.start();
    std::this_thread::sleep_for(50ms);
    Answers answers;
    CHECK_FALSE(lane.submit(lane.request_text("POST", "/x", "", "a=1"), answers.callback()));
    lane.stop();
    CHECK(answers.answers.empty());
  }
  SECTION("an answer still awaited at stop") {
    BareServer server;
    server.silent = true;
    LaneConfig config = config_for(server.url(), 1);
    config.request_timeout_ms = 10'000;
    OrderLane lane(config);
    lane.start();
    REQUIRE(wait_idle(lane, 1));
    Answers answers;
    REQUIRE(lane.submit(lane.request_text("POST", "/x", "", "a=1"), answers.callback()));
    lane.stop();
    REQUIRE(answers.answers.size() == 1);
    CHECK(answers.answers[0].stopped);
    CHECK(answers.answers[0].failure.find("stopped") != std::string::npos);
  }
}
