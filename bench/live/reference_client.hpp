// bench_live's reference: the floor under its frame -> order figure, measured in the same program
// against the same fake. A hand-written client on ONE thread, blocking sockets, no framework: it reads
// the fake's combined kline stream and, on every closed 1m kline, signs and writes a market order on
// a kept-alive HTTP connection, then reads the answer. No channel bus, evaluator, strategy, mode,
// gateway, journal, log line or thread hand-off. What it pays is what any client pays on this machine
// for the same interval: the frame's loopback crossing, one thread woken by a socket, HMAC-SHA256, the
// request's loopback crossing, and the fake's own writing and parsing (both timestamps are the fake's).
// Buys and sells alternate so the balances never run out.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace octobot::bench {

struct ReferenceOrder {
  std::string symbol;    // "BTCUSDT"
  std::string quantity;  // a valid step, above the market's minimum notional
  std::string api_key;
  std::string api_secret;
};

class ReferenceClient {
 public:
  // Connects the stream (/stream?streams=<stream>) and the REST connection to 127.0.0.1:port; throws
  // std::runtime_error naming what failed. The reading thread starts at once.
  ReferenceClient(std::uint16_t port, const std::string& stream, ReferenceOrder order);
  ReferenceClient(const ReferenceClient&) = delete;
  ReferenceClient& operator=(const ReferenceClient&) = delete;
  ~ReferenceClient();  // shuts the sockets down and joins the thread

  // Answers read to the orders sent so far (the fake has answered the latest one when it grows).
  [[nodiscard]] std::uint64_t answers() const noexcept { return answers_.load(std::memory_order_acquire); }
  // Why the thread stopped before it was asked to, or empty.
  [[nodiscard]] std::string failure() const;

 private:
  struct Sockets;
  void run();

  ReferenceOrder order_;
  std::unique_ptr<Sockets> sockets_;
  std::atomic<std::uint64_t> answers_{0};
  std::atomic<bool> stopping_{false};
  std::string failure_;  // written by the thread before it sets failed_
  std::atomic<bool> failed_{false};
  std::thread thread_;
};

}  // namespace octobot::bench
