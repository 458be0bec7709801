// Hands log records to a sink on a thread of its own, so that the thread that logs never waits for
// the sink's I/O: the daemon's sink formats each line and writes it to stderr and to the log file (two
// system calls), and a trading mode's "new state" line sat between a closed candle and its order
// (~2 µs of the bot loop's ~25 µs; docs/benchmarks.md). A stderr pipe that stops draining (a stuck log
// shipper) would otherwise stop the bot.
//
// Records are written in the order logged, at most `interval` after they were logged; a warning or an
// error wakes the writer at once. What is queued when the writer is destroyed is written first. What a
// crash loses is what was queued since the last wake (at most `interval` of info lines); a kill -9 of a
// synchronous logger lost only the line being written. When the sink stays blocked and `capacity`
// records are waiting, newer ones are dropped and counted, and a warning saying how many is written
// when the sink takes lines again: logging never stops the bot.
// THREAD: write() and flush() from any thread; the sink is called on the writer's thread only.
#pragma once

#include <octobot/commons/logging.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace octobot::commons {

class BackgroundLogWriter {
 public:
  static constexpr std::chrono::milliseconds kDefaultInterval{5};
  static constexpr std::size_t kDefaultCapacity = 100'000;

  explicit BackgroundLogWriter(LogSink sink, std::chrono::milliseconds interval = kDefaultInterval,
                               std::size_t capacity = kDefaultCapacity);
  // Writes what is queued, then stops the thread.
  ~BackgroundLogWriter();
  BackgroundLogWriter(const BackgroundLogWriter&) = delete;
  BackgroundLogWriter& operator=(const BackgroundLogWriter&) = delete;

  // Queues a copy of `record`. Never calls the sink.
  void write(const LogRecord& record);
  // Returns once every record queued before the call was handed to the sink.
  void flush();
  [[nodiscard]] std::uint64_t dropped() const;

 private:
  struct Owned {
    std::int64_t wall_time_ms;
    LogLevel level;
    std::string source;
    std::string message;
  };

  void run();

  LogSink sink_;
  std::chrono::milliseconds interval_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;     // the writer waits here
  std::condition_variable written_;  // flush() waits here
  std::vector<Owned> queue_;
  std::uint64_t queued_ = 0;      // records accepted so far
  std::uint64_t handed_ = 0;      // records handed to the sink so far
  std::uint64_t dropped_ = 0;     // records refused while full, in total
  std::uint64_t unreported_ = 0;  // of which not yet said in a warning
  bool urgent_ = false;           // a warning or a flush() is waiting
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace octobot::commons
