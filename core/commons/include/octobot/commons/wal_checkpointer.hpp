// Checkpoints an SQLite database in WAL mode from a thread of its own, so the connection that writes
// never does it. SQLite's automatic checkpoint runs inside the commit that crosses 1000 pages of log:
// it copies the log into the database file and fsyncs it, milliseconds during which the writer's
// thread is stuck. On the live bot that thread is the bot loop, so one candle in a hundred waited for
// it (frame -> order p99 of 10-18 ms instead of ~1 ms, docs/benchmarks.md). The writer turns its
// automatic checkpoint off (`PRAGMA wal_autocheckpoint=0`) and this thread runs a PASSIVE checkpoint
// every interval over its own connection: it never blocks the writer, which goes on appending while
// the log is copied, and SQLite rewinds the log once a checkpoint has copied all of it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace octobot::commons {

class WalCheckpointer {
 public:
  // Takes the checkpoints over from `writer`, the connection to the database at `path`: turns its
  // automatic checkpoint off and returns the checkpointer that does them instead. Null for an
  // in-memory database (":memory:"), which has no log.
  [[nodiscard]] static std::unique_ptr<WalCheckpointer> take_over(sqlite3* writer, const std::string& path,
                                                                  std::chrono::milliseconds interval);

  // Starts checkpointing the database at `path` (already created, in WAL mode) every `interval`.
  WalCheckpointer(std::string path, std::chrono::milliseconds interval);
  // Stops the thread after a last checkpoint.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;
  WalCheckpointer(WalCheckpointer&&) = delete;  // its thread holds `this`
  WalCheckpointer& operator=(WalCheckpointer&&) = delete;

  // Checkpoints done, and the frames of log they had copied (tests, diagnostics).
  [[nodiscard]] std::uint64_t checkpoints() const;
  [[nodiscard]] std::uint64_t frames_copied() const;

 private:
  void run();
  void checkpoint(void* handle);  // an sqlite3*, kept out of this header

  std::string path_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool reported_error_ = false;
  std::uint64_t checkpoints_ = 0;
  std::uint64_t frames_copied_ = 0;
  std::thread thread_;  // last: started once everything above is ready
};

}  // namespace octobot::commons
