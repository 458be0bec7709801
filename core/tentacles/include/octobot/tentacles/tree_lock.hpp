// The lock that keeps tentacle managers and starting hosts from interleaving on one tentacles tree:
// an flock() on <root>/.octobot-tentacles.lock. A manager takes it exclusively for any change; a
// host takes it shared while it scans and loads. The kernel drops it when its holder dies (even by
// SIGKILL), so a killed manager never leaves a stale lock behind.
#pragma once

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace octobot::tentacles {

inline constexpr const char* kTreeLockFileName = ".octobot-tentacles.lock";

enum class LockMode { shared, exclusive };

// The lock could not be taken in time; the message names the tree, the holder when known, and
// how long it waited.
class TreeLockTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TreeLock {
 public:
  // Waits up to `timeout` for the lock of `root`. An exclusive holder records its pid and
  // `purpose` ("install my_package") in the lock file so that a waiter can say who holds the tree.
  // A tree whose lock file cannot be created (read-only tree, not yet written by any manager) is
  // read without a lock: nothing can change it. Throws TreeLockTimeout, or std::runtime_error when
  // an exclusive lock is asked for a tree that cannot be written.
  static TreeLock acquire(const std::filesystem::path& root, LockMode mode, std::chrono::milliseconds timeout,
                          const std::string& purpose);

  TreeLock(TreeLock&& other) noexcept;
  TreeLock& operator=(TreeLock&& other) noexcept;
  TreeLock(const TreeLock&) = delete;
  TreeLock& operator=(const TreeLock&) = delete;
  ~TreeLock();

  [[nodiscard]] bool held() const noexcept { return fd_ >= 0; }

 private:
  TreeLock(int fd, LockMode mode) noexcept : fd_(fd), mode_(mode) {}
  void release() noexcept;

  int fd_ = -1;
  LockMode mode_ = LockMode::shared;
};

}  // namespace octobot::tentacles
