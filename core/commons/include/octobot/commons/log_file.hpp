// The daemon's log file: one line per record (text or JSON lines), rotated by size so a bot that
// runs for months never fills the disk: octobot.log is renamed octobot.log.1 (older ones shift up
// to .N, the oldest is dropped) once it would grow past max_bytes.
//
// Use it as (or inside) the log sink: set_log_sink([&](const LogRecord& r) { file.write(r); }).
// THREAD: not thread-safe by itself; the logging sink lock serialises calls.
#pragma once

#include <octobot/commons/logging.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>

namespace octobot::commons {

enum class LogFormat : std::uint8_t { text, json };

struct LogFileOptions {
  std::uint64_t max_bytes = 10 * 1024 * 1024;
  unsigned keep_files = 5;  // rotated files kept besides the live one
  LogFormat format = LogFormat::text;
};

class RotatingLogFile {
 public:
  // Opens (appends to) `path`, creating its folder. Throws std::runtime_error naming the file when
  // it cannot be opened.
  explicit RotatingLogFile(std::filesystem::path path, LogFileOptions options = {});
  ~RotatingLogFile();
  RotatingLogFile(const RotatingLogFile&) = delete;
  RotatingLogFile& operator=(const RotatingLogFile&) = delete;

  // Writes and flushes one line (a record must be on disk when the process is killed right after).
  // A write error is reported once on stderr and the record dropped: logging never stops the bot.
  void write(const LogRecord& record);

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  void open();
  void rotate();

  std::filesystem::path path_;
  LogFileOptions options_;
  std::FILE* file_ = nullptr;
  std::uint64_t size_ = 0;
  bool reported_error_ = false;
};

}  // namespace octobot::commons
