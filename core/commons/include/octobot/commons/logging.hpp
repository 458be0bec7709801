// Levelled, thread-safe logging. One line per record: time, level, source, message. Output goes to
// stderr by default; tests and the daemon can install their own sink.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace octobot::commons {

enum class LogLevel : std::uint8_t { trace = 0, debug = 1, info = 2, warning = 3, error = 4, off = 5 };

struct LogRecord {
  std::int64_t wall_time_ms;  // system clock, for humans; never used for trading decisions
  LogLevel level;
  std::string_view source;  // e.g. "tentacles", a tentacle class name
  std::string_view message;
};

using LogSink = std::function<void(const LogRecord&)>;

// Records below this level are dropped before formatting. Default: info.
void set_log_level(LogLevel level) noexcept;
[[nodiscard]] LogLevel log_level() noexcept;
[[nodiscard]] bool log_enabled(LogLevel level) noexcept;

// Replaces the sink (nullptr restores the stderr sink). Returns the previous one.
LogSink set_log_sink(LogSink sink);

// Writes one record if the level is enabled. Thread-safe; sinks are called under a lock so lines
// never interleave.
void log(LogLevel level, std::string_view source, std::string_view message);

// "2026-11-29T14:03:07.412Z INFO    [source] message" (no newline): the stderr and log-file line.
[[nodiscard]] std::string format_log_line(const LogRecord& record);
// One JSON object (no newline): {"time":"…","level":"INFO","source":"…","message":"…"}, for log
// shippers. Control characters in the message are escaped, so one record is always one line.
[[nodiscard]] std::string format_log_json(const LogRecord& record);

[[nodiscard]] std::string_view to_string(LogLevel level) noexcept;
// Accepts trace, debug, info, warning (or warn), error, off; case-insensitive.
[[nodiscard]] std::optional<LogLevel> parse_log_level(std::string_view text) noexcept;

}  // namespace octobot::commons
