#include <octobot/commons/background_log_writer.hpp>

#include <fmt/format.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <exception>
#include <utility>

namespace octobot::commons {

BackgroundLogWriter::BackgroundLogWriter(LogSink sink, std::chrono::milliseconds interval, std::size_t capacity)
    : sink_(std::move(sink)), interval_(interval), capacity_(capacity == 0 ? 1 : capacity) {
  queue_.reserve(256);
  thread_ = std::thread([this] { run(); });
}

BackgroundLogWriter::~BackgroundLogWriter() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void BackgroundLogWriter::write(const LogRecord& record) {
  bool wake = false;
  {
    const std::lock_guard lock(mutex_);
    if (queue_.size() >= capacity_) {
      ++dropped_;
      ++unreported_;
      return;
    }
    queue_.push_back({record.wall_time_ms, record.level, std::string(record.source), std::string(record.message)});
    ++queued_;
    // Info and below wait for the writer's next round: waking it would put a system call (and a thread
    // wanting a core) on the path of whatever logged the line.
    if (record.level >= LogLevel::warning && !urgent_) wake = urgent_ = true;
  }
  if (wake) wake_.notify_one();
}

void BackgroundLogWriter::flush() {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = queued_;
  if (handed_ >= target) return;
  urgent_ = true;
  wake_.notify_one();
  written_.wait(lock, [&] { return handed_ >= target; });
}

std::uint64_t BackgroundLogWriter::dropped() const {
  const std::lock_guard lock(mutex_);
  return dropped_;
}

void BackgroundLogWriter::run() {
  // Background work: a lower priority (nice +10, which needs no privilege) keeps the writer's rounds
  // from preempting the bot loop; with a core to spare it still runs at once.
  (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
  std::vector<Owned> batch;
  batch.reserve(256);
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait_for(lock, interval_, [&] { return urgent_ || stopping_; });
    urgent_ = false;
    const bool last_round = stopping_;
    batch.swap(queue_);
    const std::uint64_t unreported = std::exchange(unreported_, 0);
    lock.unlock();
    for (const Owned& owned : batch) {
      try {
        sink_(LogRecord{owned.wall_time_ms, owned.level, owned.source, owned.message});
      } catch (const std::exception&) {
        // A sink that throws loses its line, not the writer: the next lines still go out.
      }
    }
    if (unreported > 0) {
      const std::string message = fmt::format("{} log records were dropped: the log sink was blocked", unreported);
      const auto now = std::chrono::system_clock::now().time_since_epoch();
      try {
        sink_(LogRecord{std::chrono::duration_cast<std::chrono::milliseconds>(now).count(), LogLevel::warning, "log",
                        message});
      } catch (const std::exception&) {
      }
    }
    const std::size_t count = batch.size();
    batch.clear();
    lock.lock();
    handed_ += count;
    written_.notify_all();
    if (last_round && queue_.empty()) return;
  }
}

}  // namespace octobot::commons
