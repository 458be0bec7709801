// A small HTTP/1.1 server on 127.0.0.1 for tests (Boost.Beast): serves the files of one folder on
// an ephemeral port, plus a few routes that misbehave on purpose. It runs on its own thread, answers
// one connection at a time, and stops when destroyed (or after a bounded number of requests).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

namespace octobot::testing {

class LoopbackHttpServer {
 public:
  // Routes:
  //   GET /<file>                 the file from `folder` (404 when absent)
  //   GET /status/<code>          an empty answer with that status
  //   GET /slow/<ms>/<file>       the file, after waiting <ms> milliseconds
  //   GET /chunked/<file>         the file with chunked encoding (no Content-Length up front)
  //   GET /redirect/<file>        302 to /<file>
  explicit LoopbackHttpServer(std::filesystem::path folder);
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] std::string url(const std::string& path) const;
  [[nodiscard]] std::size_t requests_served() const noexcept { return served_; }

 private:
  struct State;
  void serve();

  std::filesystem::path folder_;
  std::unique_ptr<State> state_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> served_{0};
  std::thread thread_;
};

}  // namespace octobot::testing
