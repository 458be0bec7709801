#include <catch2/catch.hpp>
#include <octobot/commons/background_log_writer.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using octobot::commons::BackgroundLogWriter;
using octobot::commons::LogLevel;
using octobot::commons::LogRecord;

namespace {

// What the sink received, and on which thread.
struct Received {
  std::mutex mutex;
  std::vector<std::string> messages;
  std::vector<std::thread::id> threads;

  void add(const LogRecord& record) {
    const std::lock_guard lock(mutex);
    messages.emplace_back(record.message);
    threads.push_back(std::this_thread::get_id());
  }
  std::vector<std::string> snapshot() {
    const std::lock_guard lock(mutex);
    return messages;
  }
};

LogRecord record(LogLevel level, const std::string& message) { return {1, level, "test", message}; }

template <typename Condition>
bool within(std::chrono::milliseconds limit, Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

}  // namespace

TEST_CASE("background log writer: records reach the sink in order, on the writer's thread", "[log_writer]") {
  Received received;
  {
    BackgroundLogWriter writer([&](const LogRecord& r) { received.add(r); });
    for (int i = 0; i < 1000; ++i) writer.write(record(LogLevel::info, std::to_string(i)));
    writer.flush();  // returns once all 1000 were handed over
    const auto messages = received.snapshot();
    REQUIRE(messages.size() == 1000);
    for (int i = 0; i < 1000; ++i) CHECK(messages[static_cast<std::size_t>(i)] == std::to_string(i));
  }
  for (const auto id : received.threads) CHECK(id != std::this_thread::get_id());
}

TEST_CASE("background log writer: info waits for the next round, a warning wakes the writer, the end writes all",
          "[log_writer]") {
  Received received;
  {
    BackgroundLogWriter writer([&](const LogRecord& r) { received.add(r); }, 60s);
    std::this_thread::sleep_for(20ms);  // the writer is waiting for its next round, a minute away
    writer.write(record(LogLevel::info, "info"));
    std::this_thread::sleep_for(50ms);
    CHECK(received.snapshot().empty());
    writer.write(record(LogLevel::warning, "warning"));
    REQUIRE(within(5s, [&] { return received.snapshot().size() == 2; }));
    CHECK(received.snapshot() == std::vector<std::string>{"info", "warning"});
    writer.write(record(LogLevel::info, "last"));
  }  // destroyed with "last" queued
  CHECK(received.snapshot().back() == "last");
}

TEST_CASE("background log writer: a blocked sink drops what overflows and says how many", "[log_writer]") {
  Received received;
  std::mutex gate;
  std::unique_lock closed(gate);
  std::atomic<bool> entered{false};
  BackgroundLogWriter writer(
      [&](const LogRecord& r) {
        entered = true;
        const std::lock_guard wait_for_gate(gate);  // blocks until the test opens the gate
        received.add(r);
      },
      1ms, 3);
  writer.write(record(LogLevel::info, "first"));
  REQUIRE(within(5s, [&] { return entered.load(); }));  // the sink is stuck on "first"
  for (int i = 0; i < 10; ++i) writer.write(record(LogLevel::info, "queued " + std::to_string(i)));
  CHECK(writer.dropped() == 7);  // 3 fit
  closed.unlock();
  writer.flush();
  REQUIRE(within(5s, [&] { return received.snapshot().size() == 5; }));
  const auto messages = received.snapshot();
  CHECK(messages[1] == "queued 0");
  CHECK(messages[3] == "queued 2");
  CHECK(messages[4] == "7 log records were dropped: the log sink was blocked");
}

TEST_CASE("background log writer: a sink that throws loses its line, not the writer", "[log_writer]") {
  Received received;
  BackgroundLogWriter writer([&](const LogRecord& r) {
    if (r.message == "bad") throw std::runtime_error("disk full");
    received.add(r);
  });
  writer.write(record(LogLevel::info, "bad"));
  writer.write(record(LogLevel::info, "good"));
  writer.flush();
  CHECK(received.snapshot() == std::vector<std::string>{"good"});
}
