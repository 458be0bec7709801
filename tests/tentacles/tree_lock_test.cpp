// The tree lock: managers exclude each other and hosts; hosts share; a waiter learns who holds the
// tree; a host that cannot get the tree in time loads nothing and says why.
#include <catch2/catch.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/tentacles/tree_lock.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "temp_dir.hpp"

namespace {

using Catch::Matchers::Contains;
using octobot::tentacles::LockMode;
using octobot::tentacles::TreeLock;
using octobot::tentacles::TreeLockTimeout;
using namespace std::chrono_literals;

}  // namespace

TEST_CASE("an exclusive holder keeps out every other holder and is named to waiters", "[tree_lock]") {
  octobot::testing::TempDir root;
  auto manager = TreeLock::acquire(root.path(), LockMode::exclusive, 1s, "install my_package");
  REQUIRE(manager.held());
  // flock() locks belong to open files, so a second open in this same process competes like another
  // process would.
  try {
    (void)TreeLock::acquire(root.path(), LockMode::shared, 100ms, "load");
    FAIL("a shared lock was granted while a manager held the tree");
  } catch (const TreeLockTimeout& e) {
    CHECK_THAT(e.what(),
               Contains("in use by a tentacle manager (pid " + std::to_string(::getpid()) + ": install my_package)"));
    CHECK_THAT(e.what(), Contains("waited 0.1 s"));
  }
  CHECK_THROWS_AS(TreeLock::acquire(root.path(), LockMode::exclusive, 50ms, "install other"), TreeLockTimeout);
}

TEST_CASE("shared holders coexist, and keep a manager out until the last one leaves", "[tree_lock]") {
  octobot::testing::TempDir root;
  {
    auto first = TreeLock::acquire(root.path(), LockMode::shared, 1s, "load");
    auto second = TreeLock::acquire(root.path(), LockMode::shared, 1s, "load");
    CHECK(first.held());
    CHECK(second.held());
    try {
      (void)TreeLock::acquire(root.path(), LockMode::exclusive, 50ms, "install x");
      FAIL("a manager got the tree while hosts were loading it");
    } catch (const TreeLockTimeout& e) {
      CHECK_THAT(e.what(), Contains("a host loading it"));
    }
  }
  CHECK(TreeLock::acquire(root.path(), LockMode::exclusive, 50ms, "install x").held());
}

TEST_CASE("a waiter gets the lock as soon as the holder releases it", "[tree_lock]") {
  octobot::testing::TempDir root;
  auto holder = std::make_unique<TreeLock>(TreeLock::acquire(root.path(), LockMode::exclusive, 1s, "install a"));
  std::thread releaser([&] {
    std::this_thread::sleep_for(150ms);
    holder.reset();
  });
  const auto start = std::chrono::steady_clock::now();
  auto waiter = TreeLock::acquire(root.path(), LockMode::exclusive, 5s, "install b");
  const auto waited = std::chrono::steady_clock::now() - start;
  releaser.join();
  CHECK(waiter.held());
  CHECK(waited >= 100ms);
  CHECK(waited < 3s);
}

TEST_CASE("a holder killed with SIGKILL leaves no stale lock", "[tree_lock]") {
  octobot::testing::TempDir root;
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto lock = TreeLock::acquire(root.path(), LockMode::exclusive, 1s, "install doomed");
    [[maybe_unused]] const auto written = ::write(ready[1], "x", 1);
    ::pause();
    ::_exit(0);
  }
  char byte = 0;
  REQUIRE(::read(ready[0], &byte, 1) == 1);
  CHECK_THROWS_AS(TreeLock::acquire(root.path(), LockMode::shared, 50ms, "load"), TreeLockTimeout);
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  ::close(ready[0]);
  ::close(ready[1]);
  CHECK(TreeLock::acquire(root.path(), LockMode::exclusive, 1s, "install next").held());
}

TEST_CASE("a host waits for a manager, then loads nothing and says why when it waited too long", "[tree_lock]") {
  octobot::testing::TempDir root;
  auto manager = TreeLock::acquire(root.path(), LockMode::exclusive, 1s, "install slow_package");
  octobot::tentacles::HostOptions options;
  options.tentacles_root = root.path();
  options.probe = false;
  options.lock_timeout = 100ms;
  octobot::tentacles::TentacleHost host(options);
  const auto& report = host.load();
  REQUIRE(report.warnings.size() == 1);
  CHECK_THAT(report.warnings[0], Contains("install slow_package"));
  CHECK_THAT(report.warnings[0], Contains("no tentacle was loaded"));
  CHECK(report.tentacles.empty());
}

TEST_CASE("a tree whose lock file cannot be created is read unlocked; a change is refused", "[tree_lock]") {
  // The same path as a read-only tree (open with O_CREAT fails), reproducible even as root.
  octobot::testing::TempDir dir;
  const auto missing = dir / "no_such_tree";
  CHECK_FALSE(TreeLock::acquire(missing, LockMode::shared, 50ms, "load").held());
  CHECK_THROWS_WITH(TreeLock::acquire(missing, LockMode::exclusive, 50ms, "install"),
                    Contains("a change needs write access to the tree"));
}
