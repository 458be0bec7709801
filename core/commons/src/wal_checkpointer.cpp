#include <octobot/commons/logging.hpp>
#include <octobot/commons/wal_checkpointer.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <stdexcept>

namespace octobot::commons {

std::unique_ptr<WalCheckpointer> WalCheckpointer::take_over(sqlite3* writer, const std::string& path,
                                                            std::chrono::milliseconds interval) {
  if (path == ":memory:") return nullptr;
  char* error = nullptr;
  if (sqlite3_exec(writer, "PRAGMA wal_autocheckpoint=0;", nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(fmt::format("{}: cannot turn its automatic checkpoint off: {}", path, message));
  }
  return std::make_unique<WalCheckpointer>(path, interval);
}

WalCheckpointer::WalCheckpointer(std::string path, std::chrono::milliseconds interval)
    : path_(std::move(path)), interval_(interval), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::uint64_t WalCheckpointer::checkpoints() const {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

std::uint64_t WalCheckpointer::frames_copied() const {
  std::lock_guard lock(mutex_);
  return frames_copied_;
}

void WalCheckpointer::run() {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    log(LogLevel::warning, "storage",
        fmt::format("{}: no background checkpoints ({}); its log grows until it is closed", path_,
                    db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
    sqlite3_close(db);
    return;
  }
  // The writer holds its lock for one commit at a time: wait a little rather than skip a round.
  sqlite3_busy_timeout(db, 100);

  std::unique_lock lock(mutex_);
  for (;;) {
    const bool stopping = wake_.wait_for(lock, interval_, [this] { return stopping_; });
    lock.unlock();
    checkpoint(db);
    lock.lock();
    if (stopping) break;
  }
  lock.unlock();
  sqlite3_close(db);
}

void WalCheckpointer::checkpoint(void* handle) {
  auto* db = static_cast<sqlite3*>(handle);
  // A connection finds the database in WAL mode (and opens the log) when it reads it; until then a
  // checkpoint does nothing. Read each round, so a first read that met a busy writer is not final.
  sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
  int log_frames = 0;
  int copied = 0;
  const int result = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied);
  std::lock_guard lock(mutex_);
  if (result == SQLITE_OK) {
    ++checkpoints_;
    if (copied > 0) frames_copied_ += static_cast<std::uint64_t>(copied);
    return;
  }
  if (result == SQLITE_BUSY || reported_error_) return;  // another checkpoint runs: the next round
  reported_error_ = true;
  log(LogLevel::warning, "storage", fmt::format("{}: background checkpoint failed: {}", path_, sqlite3_errmsg(db)));
}

}  // namespace octobot::commons
