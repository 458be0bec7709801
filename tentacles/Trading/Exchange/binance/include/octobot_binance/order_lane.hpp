// The order lane: a few kept-alive HTTP/1.1 connections to the REST base URL, opened and watched by
// a thread of their own, on which a caller writes a request from ITS thread (no hop to another
// thread before the bytes go out) and gets the answer later, from the lane's thread.
//
//   - Connections: `connections` of them, plain TCP (http://) or TLS (https://: the system's CAs plus
//     `ca_file`, SNI, the host name checked). TLS runs over memory BIOs and every byte goes through
//     send(MSG_NOSIGNAL) / recv, so a peer that closed never raises SIGPIPE. A connection that fails
//     or closes is opened again by the lane thread (after `reconnect_ms`).
//   - submit(): takes an idle connection (none: returns false, nothing sent), drops it if the server
//     closed it while idle (readable while idle means EOF; the next idle one is tried), writes the
//     request and hands it to the lane thread. A write that fails before any byte went out returns
//     false too; once a byte went out the request is the lane's, and its outcome is unknown unless an
//     answer comes.
//   - Answers: parsed by Beast's response parser; `on_answer` gets the response, or none with a
//     reason (connection closed or reset, no answer within `request_timeout_ms`, stop). Called once per
//     submitted request, on the lane thread, never from inside submit().
//   - stop(): joins the thread; every request still waiting gets its `on_answer` (no response,
//     "stopped") before stop returns; no call after.
// THREAD: submit() from any thread (concurrent calls take different connections); the rest from
// the owner's thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <octobot_binance/http_transport.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace octobot::binance {

struct LaneConfig {
  std::string base_url;  // "https://api.binance.com", "http://127.0.0.1:8080"
  std::string ca_file;   // extra CA certificates (PEM) besides the system's; empty: the system's alone
  int connections = 2;
  std::int64_t connect_timeout_ms = 5000;
  std::int64_t request_timeout_ms = 10000;
  std::int64_t reconnect_ms = 500;
  std::function<void(std::string_view)> log_warning;  // connection failures (no secret ever passes here)
};

struct LaneAnswer {
  std::optional<HttpResponse> response;  // none: no answer (`failure` says why)
  std::string failure;
  bool stopped = false;  // no answer because the lane stopped (not a network failure seen)
};

class OrderLane {
 public:
  using OnAnswer = std::function<void(LaneAnswer)>;

  // Throws std::invalid_argument for a URL it cannot serve (scheme, host) or a bad ca_file.
  explicit OrderLane(LaneConfig config);
  ~OrderLane();
  OrderLane(const OrderLane&) = delete;
  OrderLane& operator=(const OrderLane&) = delete;

  void start();
  void stop();

  // The request line, Host and the given header lines, Content-Length, then `body`: what submit writes.
  [[nodiscard]] std::string request_text(std::string_view method, std::string_view path, std::string_view header_lines,
                                         std::string_view body) const;
  // Writes `request` on an idle connection and returns true: `on_answer` is then called once, later.
  // false: nothing was sent (no idle connection, or the write failed before its first byte).
  bool submit(std::string_view request, OnAnswer on_answer);

  [[nodiscard]] int idle_connections() const;
  [[nodiscard]] std::int64_t connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace octobot::binance
