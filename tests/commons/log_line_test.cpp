// format_log_line keeps the formatted second per thread: every line must still name its own time.
#include <catch2/catch.hpp>
#include <octobot/commons/logging.hpp>

#include <fmt/format.h>

#include <ctime>
#include <string>
#include <thread>
#include <vector>

using namespace octobot::commons;

namespace {

// The line written the plain way: gmtime_r and one format per line.
std::string reference_line(std::int64_t ms, LogLevel level, std::string_view source, std::string_view message) {
  std::int64_t seconds = ms / 1000;
  std::int64_t millis = ms % 1000;
  if (millis < 0) {
    millis += 1000;
    --seconds;
  }
  const auto time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z {:<7} [{}] {}", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis, to_string(level), source, message);
}

std::string line(std::int64_t ms, LogLevel level = LogLevel::info, std::string_view message = "m") {
  return format_log_line({ms, level, "src", message});
}

}  // namespace

TEST_CASE("log lines: each line names its own second and millisecond across second boundaries", "[logging]") {
  // Within a second, across a second, a minute, a day, a year, and back in time (the cache is per
  // thread and keyed by the second: going back must not reuse a later second).
  const std::vector<std::int64_t> times = {1764424987000,
                                           1764424987412,
                                           1764424987999,
                                           1764424988000,
                                           1764424988001,
                                           1764424987412,
                                           1764460799999,
                                           1764460800000,
                                           1767225599999,
                                           1767225600000,
                                           0,
                                           999,
                                           -1,
                                           -1000,
                                           -1001,
                                           1764424987412};
  for (const std::int64_t ms : times) {
    INFO("time " << ms);
    CHECK(line(ms) == reference_line(ms, LogLevel::info, "src", "m"));
  }
  CHECK(line(-1) == "1969-12-31T23:59:59.999Z INFO    [src] m");
  CHECK(line(1767225600000) == "2026-01-01T00:00:00.000Z INFO    [src] m");
}

TEST_CASE("log lines: every level is padded to the same width", "[logging]") {
  for (const LogLevel level :
       {LogLevel::trace, LogLevel::debug, LogLevel::info, LogLevel::warning, LogLevel::error, LogLevel::off}) {
    CHECK(line(1764424987412, level, "x") == reference_line(1764424987412, level, "src", "x"));
  }
  CHECK(line(1764424987412, LogLevel::warning, "w") == "2025-11-29T14:03:07.412Z WARNING [src] w");
}

TEST_CASE("log lines: threads formatting different seconds at once each get their own", "[logging]") {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &wrong] {
      for (int i = 0; i < 2000; ++i) {
        // Each thread walks its own seconds, interleaved with the others'.
        const std::int64_t ms = 1764424987000 + (static_cast<std::int64_t>(t) * 100'000) + (i * 700);
        if (line(ms) != reference_line(ms, LogLevel::info, "src", "m")) ++wrong[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(wrong == std::vector<int>(4, 0));
}
