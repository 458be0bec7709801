#include <octobot/commons/logging.hpp>

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <limits>
#include <mutex>

namespace octobot::commons {
namespace {

std::atomic<LogLevel> g_level{LogLevel::info};

std::mutex& sink_mutex() {
  static std::mutex mutex;
  return mutex;
}

constexpr std::size_t kSecondText = 19;  // "2026-11-29T14:03:07"

// The "YYYY-MM-DDTHH:MM:SS" of `seconds`. A bot writes many lines per second, so each thread keeps
// the latest second it formatted: gmtime_r and the seven-field format run once a second, not per line.
std::string_view second_text(std::int64_t seconds) {
  thread_local std::int64_t cached_seconds = std::numeric_limits<std::int64_t>::min();
  thread_local std::array<char, kSecondText> cached{};
  if (seconds != cached_seconds) {
    const auto time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&time, &utc);
    fmt::format_to_n(cached.data(), cached.size(), "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    cached_seconds = seconds;
  }
  return {cached.data(), cached.size()};
}

// Appends "2026-11-29T14:03:07.412Z".
void append_iso_time(std::string& out, std::int64_t wall_time_ms) {
  // Floor division: a time before 1970 still names its own second and a millisecond in 0..999.
  std::int64_t seconds = wall_time_ms / 1000;
  std::int64_t millis = wall_time_ms % 1000;
  if (millis < 0) {
    millis += 1000;
    --seconds;
  }
  out += second_text(seconds);
  out += '.';
  out += static_cast<char>('0' + millis / 100);
  out += static_cast<char>('0' + millis / 10 % 10);
  out += static_cast<char>('0' + millis % 10);
  out += 'Z';
}

std::string iso_time(std::int64_t wall_time_ms) {
  std::string out;
  append_iso_time(out, wall_time_ms);
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += fmt::format("\\u{:04x}", byte);
    } else {
      out += c;
    }
  }
  out += '"';
}

void stderr_sink(const LogRecord& record) { fmt::print(stderr, "{}\n", format_log_line(record)); }

LogSink& current_sink() {
  static LogSink sink = stderr_sink;
  return sink;
}

}  // namespace

void set_log_level(LogLevel level) noexcept { g_level.store(level, std::memory_order_relaxed); }
LogLevel log_level() noexcept { return g_level.load(std::memory_order_relaxed); }
bool log_enabled(LogLevel level) noexcept { return level != LogLevel::off && level >= log_level(); }

LogSink set_log_sink(LogSink sink) {
  const std::lock_guard lock(sink_mutex());
  LogSink previous = std::move(current_sink());
  current_sink() = sink ? std::move(sink) : LogSink(stderr_sink);
  return previous;
}

void log(LogLevel level, std::string_view source, std::string_view message) {
  if (!log_enabled(level)) return;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const LogRecord record{std::chrono::duration_cast<std::chrono::milliseconds>(now).count(), level, source, message};
  const std::lock_guard lock(sink_mutex());
  current_sink()(record);
}

std::string format_log_line(const LogRecord& record) {
  constexpr std::size_t kLevelWidth = 7;  // "WARNING": the levels line up
  const std::string_view level = to_string(record.level);
  std::string line;
  line.reserve(kSecondText + 6 + kLevelWidth + 3 + record.source.size() + 2 + record.message.size());
  append_iso_time(line, record.wall_time_ms);
  line += ' ';
  line += level;
  line.append(level.size() < kLevelWidth ? kLevelWidth - level.size() : 0, ' ');
  line += " [";
  line += record.source;
  line += "] ";
  line += record.message;
  return line;
}

std::string format_log_json(const LogRecord& record) {
  std::string out = "{\"time\":\"" + iso_time(record.wall_time_ms) + "\",\"level\":\"";
  out += to_string(record.level);
  out += "\",\"source\":";
  append_json_string(out, record.source);
  out += ",\"message\":";
  append_json_string(out, record.message);
  out += '}';
  return out;
}

std::string_view to_string(LogLevel level) noexcept {
  switch (level) {
    case LogLevel::trace:
      return "TRACE";
    case LogLevel::debug:
      return "DEBUG";
    case LogLevel::info:
      return "INFO";
    case LogLevel::warning:
      return "WARNING";
    case LogLevel::error:
      return "ERROR";
    case LogLevel::off:
      return "OFF";
  }
  return "?";
}

std::optional<LogLevel> parse_log_level(std::string_view text) noexcept {
  std::string lower;
  for (const char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "trace") return LogLevel::trace;
  if (lower == "debug") return LogLevel::debug;
  if (lower == "info") return LogLevel::info;
  if (lower == "warning" || lower == "warn") return LogLevel::warning;
  if (lower == "error") return LogLevel::error;
  if (lower == "off") return LogLevel::off;
  return std::nullopt;
}

}  // namespace octobot::commons
