// Shared by the channel tests: a small channel spec, a log capture and a bounded wait.
#pragma once

#include <octobot/channel/channel.hpp>
#include <octobot/commons/logging.hpp>

#include <array>
#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace octobot::channel::test {

struct TestMessage {
  std::string symbol;
  std::string time_frame;
  int value = 0;
  int hops = 0;  // how many callbacks this message descends from (used by cascading scenarios)
};

struct TestSpec {
  using Message = TestMessage;
  static constexpr std::string_view kName = "Test";
  static constexpr std::array<std::string_view, 2> kFilterKeys{"symbol", "time_frame"};
  static std::array<std::string_view, 2> filter_values(const Message& m) { return {m.symbol, m.time_frame}; }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

using TestChannel = Channel<TestSpec>;

inline TestMessage message(int value, std::string symbol = "BTC/USDT", std::string time_frame = "1h") {
  return TestMessage{std::move(symbol), std::move(time_frame), value, 0};
}

// Collects every log record while alive (whatever level the test runner set); restores the previous
// sink and level afterwards.
class LogCapture {
 public:
  LogCapture() : previous_level_(commons::log_level()) {
    commons::set_log_level(commons::LogLevel::trace);
    previous_ = commons::set_log_sink([this](const commons::LogRecord& record) {
      const std::lock_guard lock(mutex_);
      lines_.emplace_back(std::string(record.source) + ": " + std::string(record.message));
    });
  }
  ~LogCapture() {
    commons::set_log_sink(std::move(previous_));
    commons::set_log_level(previous_level_);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;

  [[nodiscard]] std::vector<std::string> lines() const {
    const std::lock_guard lock(mutex_);
    return lines_;
  }
  [[nodiscard]] std::size_t count_containing(std::string_view needle) const {
    std::size_t count = 0;
    for (const std::string& line : lines()) count += line.find(needle) != std::string::npos ? 1 : 0;
    return count;
  }

 private:
  commons::LogLevel previous_level_;
  commons::LogSink previous_;
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

// Polls `condition` until it holds or `timeout` passes; returns its last value. Used only to wait for
// other threads; never to decide an outcome by timing alone.
template <typename Condition>
bool wait_until(Condition condition, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return condition();
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

}  // namespace octobot::channel::test
