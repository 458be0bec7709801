#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/log_file.hpp>

#include "temp_dir.hpp"

using namespace octobot::commons;

namespace {
LogRecord record(std::string_view message) {
  return {1764424987412, LogLevel::info, "orders", message};  // 2025-11-29T14:03:07.412Z
}
}  // namespace

TEST_CASE("log lines carry time, level, source and message", "[logging]") {
  CHECK(format_log_line(record("order 7 filled")) == "2025-11-29T14:03:07.412Z INFO    [orders] order 7 filled");
  CHECK(format_log_json(record("a \"quoted\"\nline\\")) ==
        R"({"time":"2025-11-29T14:03:07.412Z","level":"INFO","source":"orders","message":"a \"quoted\"\u000aline\\"})");
}

TEST_CASE("the log file rotates by size and keeps the configured number of old files", "[logging]") {
  octobot::testing::TempDir dir;
  const auto path = dir / "logs" / "octobot.log";
  const std::size_t line_size = format_log_line(record("message 00")).size() + 1;
  {
    RotatingLogFile file(path, {line_size * 3, 2, LogFormat::text});
    for (int i = 0; i < 10; ++i) file.write(record("message 0" + std::to_string(i)));
  }
  // 10 lines, 3 per file: .2 holds 3-5, .1 holds 6-8, the live file 9; 0-2 were dropped.
  CHECK(read_text_file(path) == format_log_line(record("message 09")) + "\n");
  const auto lines = [](int first) {
    std::string text;
    for (int i = first; i < first + 3; ++i) text += format_log_line(record("message 0" + std::to_string(i))) + "\n";
    return text;
  };
  CHECK(read_text_file(path.string() + ".1") == lines(6));
  CHECK(read_text_file(path.string() + ".2") == lines(3));
  CHECK_FALSE(std::filesystem::exists(path.string() + ".3"));

  // Reopening appends to the live file and counts its size.
  RotatingLogFile again(path, {line_size * 3, 2, LogFormat::json});
  again.write(record("json"));
  CHECK(read_text_file(path).find("\"message\":\"json\"") != std::string::npos);
  CHECK(read_text_file(path).rfind(format_log_line(record("message 09")), 0) == 0);
}

TEST_CASE("a log file that cannot be opened is a clear error", "[logging]") {
  octobot::testing::TempDir dir;
  dir.write("blocker", "a file, not a folder");
  CHECK_THROWS_WITH(RotatingLogFile(dir / "blocker" / "octobot.log"), Catch::Contains("blocker"));
}
