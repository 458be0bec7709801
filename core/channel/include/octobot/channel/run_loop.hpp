// How the thread that runs the bot loop waits for its next event.
//
// A thread asleep in the kernel takes 35-300 µs to wake on a small VM (docs/benchmarks.md, "Live frame
// → order"), and every event from the exchange connector's threads is posted to the bot loop: that
// wake-up is paid once per candle before the bot can decide anything. A loop that never sleeps picks
// the event up within a microsecond, at the price of one core kept busy for as long as the bot runs,
// which is the usual trade of a trading host that owns its machine (busy polling). It stays a choice.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace boost::asio {
class io_context;
}  // namespace boost::asio

namespace octobot::channel {

enum class LoopWait {
  sleep,  // block in the kernel until there is work (Asio's io_context::run)
  spin,   // never block: poll ready handlers in a loop, yielding the core between empty polls
};

// "sleep" / "spin"; nullopt for anything else.
[[nodiscard]] std::optional<LoopWait> parse_loop_wait(std::string_view text) noexcept;
[[nodiscard]] const char* to_string(LoopWait wait) noexcept;

// Runs `io`'s handlers on the calling thread until it is stopped or runs out of work, as
// io_context::run does, waiting as `wait` says. Returns the number of handlers run.
std::size_t run_loop(boost::asio::io_context& io, LoopWait wait);

}  // namespace octobot::channel
