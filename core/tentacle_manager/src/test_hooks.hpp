// A test-only pause: with OCTOBOT_TEST_PAUSE_INSTALL_AT=<stage> in the environment, a change stops
// at that named stage, says so on stderr, and sleeps, so that a test can SIGKILL the process at
// exactly that point and check what a crash there leaves behind. Without the variable it costs
// one getenv per stage.
#pragma once

#include <string_view>

namespace octobot::tentacle_manager {

// Stages, in order: "fetched" (packages unpacked in staging), "verified" (every check passed),
// "journaled" (the change is decided and written down; nothing moved yet), "swapped" (the first
// tentacle folder moved), "applied" (tree, records and profile done; journal not yet removed).
void pause_for_test_at(std::string_view stage);

}  // namespace octobot::tentacle_manager
