// What a log line costs to format: commons::format_log_line (the second's text kept per thread) next
// to the plain way it replaced, gmtime_r and one fmt::format of every field per line, run in the same
// program. The bot formats several lines per order (two on the way from the candle to the order
// request), so this is on the live path. One JSON line per figure.
#include <octobot/commons/logging.hpp>

#include <fmt/format.h>

#include <cstdint>
#include <ctime>
#include <string>

#include "bench_report.hpp"

namespace {

using octobot::bench::do_not_optimize;
using octobot::bench::report;
using octobot::bench::Stopwatch;
using octobot::commons::LogLevel;
using octobot::commons::LogRecord;

constexpr double kSecondsPerFigure = 0.5;
constexpr std::int64_t kStart = 1764424987412;  // 2025-11-29T14:03:07.412Z
constexpr std::int64_t kStepMs = 3;             // ~333 lines per second of log time, a busy bot

// The formatting format_log_line replaced (and the reference line of tests/commons/log_line_test.cpp).
std::string plain_line(const LogRecord& record) {
  const auto seconds = static_cast<std::time_t>(record.wall_time_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z {:<7} [{}] {}", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, record.wall_time_ms % 1000,
                     octobot::commons::to_string(record.level), record.source, record.message);
}

template <typename Format>
double lines_per_second(Format&& format) {
  const std::string message = "order obqd2zjp-2200 BTC/USDT sell market open: amount 108.13662 filled 0";
  std::int64_t time = kStart;
  std::size_t lines = 0;
  const Stopwatch watch;
  do {
    for (int i = 0; i < 1024; ++i) {
      const LogRecord record{time, LogLevel::info, "bot", message};
      std::string line = format(record);
      do_not_optimize(line);
      time += kStepMs;
    }
    lines += 1024;
  } while (watch.seconds() < kSecondsPerFigure);
  return static_cast<double>(lines) / watch.seconds();
}

}  // namespace

int main() {
  if (octobot::commons::format_log_line({kStart, LogLevel::info, "bot", "x"}) !=
      plain_line({kStart, LogLevel::info, "bot", "x"})) {
    std::fprintf(stderr, "bench_commons_log: the two formats differ\n");
    return 1;
  }
  const double line = lines_per_second([](const LogRecord& r) { return octobot::commons::format_log_line(r); });
  const double plain = lines_per_second([](const LogRecord& r) { return plain_line(r); });
  report("commons.log.format_line", "lines/s", line);
  report("commons.log.format_line.reference_gmtime_fmt_per_line", "lines/s", plain);
  report("commons.log.format_line.speedup_vs_reference", "x", line / plain);
  return 0;
}
