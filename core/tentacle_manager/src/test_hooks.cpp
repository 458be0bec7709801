#include "test_hooks.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

namespace octobot::tentacle_manager {

void pause_for_test_at(std::string_view stage) {
  const char* wanted = std::getenv("OCTOBOT_TEST_PAUSE_INSTALL_AT");
  if (wanted == nullptr || stage != wanted) return;
  std::fprintf(stderr, "octobot-tentacles: test pause at stage %s (pid %d)\n", wanted, static_cast<int>(::getpid()));
  std::fflush(stderr);
  // Long enough for any test to act, bounded so a forgotten variable cannot hang a run forever.
  std::this_thread::sleep_for(std::chrono::seconds(120));
}

}  // namespace octobot::tentacle_manager
