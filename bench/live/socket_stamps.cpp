// Interposed socket calls for bench_live (socket_stamps.hpp). Each one resolves libc's function once
// with dlsym(RTLD_NEXT), calls it, and looks at the bytes only when the call moved some: a closed-kline
// marker search over what a receive returned, a prefix compare on what a send wrote. The cost (tens of
// ns per call) is paid by the reference client and the bot alike.
#include "socket_stamps.hpp"

#include <dlfcn.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string_view>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define OCTOBOT_BENCH_HAS_CALLGRIND 1
#else
#define OCTOBOT_BENCH_HAS_CALLGRIND 0
#endif

namespace octobot::bench {

SocketStamps& socket_stamps() noexcept {
  static SocketStamps stamps;
  return stamps;
}

bool census_requested() noexcept {
  static const bool requested = std::getenv("BENCH_LIVE_CENSUS") != nullptr;
  return requested;
}

bool census_available() noexcept { return OCTOBOT_BENCH_HAS_CALLGRIND != 0; }

}  // namespace octobot::bench

namespace {
// Whether the calling thread's callgrind switch is on: per thread, as callgrind's switch is.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): a switch state, written by its thread
thread_local bool collecting = false;

// Callgrind's collection switch is a toggle of the calling thread's own state: it is flipped only when
// `collecting` says it is not already where it should be, so the toggles stay paired. Returns whether
// it flipped.
bool switch_collection(bool on) noexcept {
#if OCTOBOT_BENCH_HAS_CALLGRIND
  if (collecting == on) return false;
  collecting = on;
  CALLGRIND_TOGGLE_COLLECT;
  return true;
#else
  (void)on;
  return false;
#endif
}

// Ends the calling thread's window, if it has one open, counting it in `windows`.
void census_end(std::atomic<std::uint64_t>& windows) noexcept {
  if (switch_collection(false)) windows.fetch_add(1, std::memory_order_acq_rel);
}
}  // namespace

namespace octobot::bench {

void census_begin() noexcept {
  if (census_requested()) (void)switch_collection(true);
}

void census_end_handoff() noexcept { census_end(socket_stamps().census_read_windows); }

bool census_pause() noexcept { return switch_collection(false); }

void census_resume() noexcept { (void)switch_collection(true); }

}  // namespace octobot::bench

namespace {

using octobot::bench::socket_stamps;

constexpr std::string_view kClosedKline = "\"x\":true";
constexpr std::string_view kCreateOrder = "POST /api/v3/order ";
constexpr std::string_view kCreateOrderQuery = "POST /api/v3/order?";

std::int64_t now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

template <typename Function>
Function next(const char* name) noexcept {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): dlsym's result is the libc function
  Function function = reinterpret_cast<Function>(dlsym(RTLD_NEXT, name));
  socket_stamps().interposed.store(true, std::memory_order_relaxed);
  return function;
}

// A thread that starts another read is done with what it read before.
void before_read() noexcept { octobot::bench::census_end_handoff(); }

void received(const void* data, std::size_t size, std::int64_t at) noexcept {
  const std::string_view bytes(static_cast<const char*>(data), size);
  if (bytes.find(kClosedKline) == std::string_view::npos) return;
  auto& stamps = socket_stamps();
  stamps.frame_received_ns.store(at, std::memory_order_release);
  stamps.frames_received.fetch_add(1, std::memory_order_acq_rel);
  octobot::bench::census_begin();
}

void written(const void* data, std::size_t size, std::int64_t at) noexcept {
  const std::string_view bytes(static_cast<const char*>(data), size);
  if (!bytes.starts_with(kCreateOrder) && !bytes.starts_with(kCreateOrderQuery)) return;
  auto& stamps = socket_stamps();
  stamps.order_written_ns.store(at, std::memory_order_release);
  stamps.orders_written.fetch_add(1, std::memory_order_acq_rel);
  census_end(stamps.census_windows);
}

}  // namespace

extern "C" {

ssize_t recv(int fd, void* buffer, size_t size, int flags) {
  static const auto real = next<ssize_t (*)(int, void*, size_t, int)>("recv");
  before_read();
  const ssize_t got = real(fd, buffer, size, flags);
  if (got > 0) received(buffer, static_cast<std::size_t>(got), now_ns());
  return got;
}

ssize_t recvmsg(int fd, struct msghdr* message, int flags) {
  static const auto real = next<ssize_t (*)(int, struct msghdr*, int)>("recvmsg");
  before_read();
  const ssize_t got = real(fd, message, flags);
  if (got > 0) {
    const std::int64_t at = now_ns();
    auto left = static_cast<std::size_t>(got);
    for (std::size_t i = 0; i < message->msg_iovlen && left > 0; ++i) {
      const std::size_t part = std::min(left, message->msg_iov[i].iov_len);
      received(message->msg_iov[i].iov_base, part, at);
      left -= part;
    }
  }
  return got;
}

ssize_t send(int fd, const void* buffer, size_t size, int flags) {
  static const auto real = next<ssize_t (*)(int, const void*, size_t, int)>("send");
  const std::int64_t at = now_ns();  // the bytes handed to the kernel (written), not the call's return
  const ssize_t sent = real(fd, buffer, size, flags);
  if (sent > 0) written(buffer, static_cast<std::size_t>(sent), at);
  return sent;
}

ssize_t sendmsg(int fd, const struct msghdr* message, int flags) {
  static const auto real = next<ssize_t (*)(int, const struct msghdr*, int)>("sendmsg");
  const std::int64_t at = now_ns();
  const ssize_t sent = real(fd, message, flags);
  if (sent > 0 && message->msg_iovlen > 0) {
    written(message->msg_iov[0].iov_base, std::min(static_cast<std::size_t>(sent), message->msg_iov[0].iov_len), at);
  }
  return sent;
}

}  // extern "C"
