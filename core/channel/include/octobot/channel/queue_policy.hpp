// How many messages a consumer may have waiting, and what a send does when that many are waiting.
// Every standard channel documents its default (docs/channels.md); a consumer may override it.
#pragma once

#include <cstddef>
#include <limits>
#include <string_view>

namespace octobot::channel {

enum class WhenFull {
  // The producer waits until the consumer has taken a message. Nothing is lost. A producer running on
  // a thread that the consumer itself needs (its io_context thread) cannot wait without deadlocking:
  // there the message is queued above the bound and counted as an overflow. In synchronized mode the
  // driver is the only one draining, so the queue simply grows.
  block,
  // The oldest waiting message is discarded to make room: for snapshots where only the latest matters
  // (ticker, order book, mark price, unclosed candle).
  drop_oldest,
  // The new message is discarded: keeps the backlog the consumer already has.
  drop_newest,
};

struct QueuePolicy {
  std::size_t capacity = 1024;  // at least 1
  WhenFull when_full = WhenFull::block;

  friend bool operator==(const QueuePolicy&, const QueuePolicy&) = default;
};

inline constexpr std::size_t kUnboundedQueue = std::numeric_limits<std::size_t>::max();

[[nodiscard]] constexpr std::string_view to_string(WhenFull when_full) noexcept {
  switch (when_full) {
    case WhenFull::block:
      return "block";
    case WhenFull::drop_oldest:
      return "drop_oldest";
    case WhenFull::drop_newest:
      return "drop_newest";
  }
  return "?";
}

}  // namespace octobot::channel
