#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/sha256.hpp>

#include "temp_dir.hpp"

using namespace octobot::commons;

TEST_CASE("sha256 matches the FIPS 180-2 test vectors", "[sha256]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  octobot::testing::TempDir dir;
  const auto file = dir.write("abc.txt", "abc");
  CHECK(sha256_file_hex(file) == sha256_hex("abc"));
  CHECK_THROWS_WITH(sha256_file_hex(dir / "missing"), Catch::Contains("missing"));
}

TEST_CASE("atomic writes replace the whole file and leave no temporary behind", "[files]") {
  octobot::testing::TempDir dir;
  const auto file = dir / "state.json";
  write_file_atomically(file, "first");
  write_file_atomically(file, "second, longer");
  CHECK(read_text_file(file) == "second, longer");
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
  CHECK_THROWS_WITH(read_text_file(dir / "nope.json"), Catch::Contains("cannot read") && Catch::Contains("nope.json"));
  CHECK_THROWS_WITH(write_file_atomically(dir / "no/such/dir/x", "x"), Catch::Contains("cannot write"));
}

TEST_CASE("log levels filter records and parse case-insensitively", "[logging]") {
  std::vector<std::string> lines;
  auto previous = set_log_sink([&](const LogRecord& record) {
    lines.push_back(std::string(to_string(record.level)) + " " + std::string(record.source) + " " +
                    std::string(record.message));
  });
  const auto saved = log_level();
  set_log_level(LogLevel::warning);
  log(LogLevel::info, "test", "dropped");
  log(LogLevel::error, "test", "kept");
  set_log_level(saved);
  set_log_sink(previous);
  CHECK(lines == std::vector<std::string>{"ERROR test kept"});
  CHECK(parse_log_level("WARN") == LogLevel::warning);
  CHECK(parse_log_level("Debug") == LogLevel::debug);
  CHECK_FALSE(parse_log_level("loud"));
}
