// The one translation unit that holds Catch2's main, shared by every test executable. Logs below
// ERROR are silenced so test output shows failures, not the expected warnings of broken inputs;
// set OCTOBOT_TEST_LOG=debug (or any level) to see them.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <octobot/commons/logging.hpp>

#include <cstdlib>

int main(int argc, char* argv[]) {
  const char* level = std::getenv("OCTOBOT_TEST_LOG");
  const auto parsed = octobot::commons::parse_log_level(level != nullptr ? level : "error");
  octobot::commons::set_log_level(parsed.value_or(octobot::commons::LogLevel::error));
  return Catch::Session().run(argc, argv);
}
