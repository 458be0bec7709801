#include <octobot/tentacles/tree_lock.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

namespace octobot::tentacles {
namespace {

// flock() has no timeout of its own: poll with a short sleep. A lock is held for seconds at most,
// so 20 ms granularity costs nothing measurable.
constexpr std::chrono::milliseconds kPollInterval{20};

std::string read_holder(int fd) {
  char buffer[512] = {};
  const ssize_t count = ::pread(fd, buffer, sizeof(buffer) - 1, 0);
  if (count <= 0) return {};
  std::string holder(buffer, static_cast<std::size_t>(count));
  while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\0')) holder.pop_back();
  return holder;
}

void write_holder(int fd, const std::string& purpose) {
  const std::string text = "pid " + std::to_string(::getpid()) + ": " + purpose + "\n";
  if (::ftruncate(fd, 0) != 0) return;  // best effort: the record only improves a waiter's message
  [[maybe_unused]] const ssize_t written = ::pwrite(fd, text.data(), text.size(), 0);
}

std::string seconds_text(std::chrono::milliseconds duration) {
  const auto tenths = duration.count() / 100;
  return std::to_string(tenths / 10) + (tenths % 10 != 0 ? "." + std::to_string(tenths % 10) : "") + " s";
}

}  // namespace

TreeLock TreeLock::acquire(const std::filesystem::path& root, LockMode mode, std::chrono::milliseconds timeout,
                           const std::string& purpose) {
  const auto file = root / kTreeLockFileName;
  int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0 && mode == LockMode::shared) {
    // A read-only tree: lock it if a manager ever created the lock file, else nobody can change it.
    fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return TreeLock(-1, mode);
  }
  if (fd < 0) {
    throw std::runtime_error("cannot lock the tentacles tree " + root.string() + ": cannot open " + file.string() +
                             ": " + std::strerror(errno) + " (a change needs write access to the tree)");
  }
  const int operation = (mode == LockMode::exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::flock(fd, operation) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const int saved = errno;
      ::close(fd);
      throw std::runtime_error("cannot lock " + file.string() + ": " + std::strerror(saved));
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      const std::string holder = read_holder(fd);
      ::close(fd);
      throw TreeLockTimeout("the tentacles tree " + root.string() + " is in use by " +
                            (holder.empty() ? std::string("a host loading it or a manager reading it")
                                            : "a tentacle manager (" + holder + ")") +
                            "; waited " + seconds_text(timeout) + " for " + file.string() +
                            " (retry when it has finished)");
    }
    std::this_thread::sleep_for(kPollInterval);
  }
  if (mode == LockMode::exclusive) write_holder(fd, purpose);
  return TreeLock(fd, mode);
}

TreeLock::TreeLock(TreeLock&& other) noexcept : fd_(other.fd_), mode_(other.mode_) { other.fd_ = -1; }

TreeLock& TreeLock::operator=(TreeLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = other.fd_;
    mode_ = other.mode_;
    other.fd_ = -1;
  }
  return *this;
}

TreeLock::~TreeLock() { release(); }

void TreeLock::release() noexcept {
  if (fd_ < 0) return;
  // The holder record is cleared before unlocking so that it never names a finished process.
  if (mode_ == LockMode::exclusive && ::ftruncate(fd_, 0) != 0) {
    // Best effort: a stale record only makes a later waiter's message less precise.
  }
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
  fd_ = -1;
}

}  // namespace octobot::tentacles
