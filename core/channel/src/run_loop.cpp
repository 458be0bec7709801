#include <octobot/channel/run_loop.hpp>

#include <boost/asio/io_context.hpp>

#include <thread>

namespace octobot::channel {

std::optional<LoopWait> parse_loop_wait(std::string_view text) noexcept {
  if (text == "sleep") return LoopWait::sleep;
  if (text == "spin") return LoopWait::spin;
  return std::nullopt;
}

const char* to_string(LoopWait wait) noexcept { return wait == LoopWait::spin ? "spin" : "sleep"; }

std::size_t run_loop(boost::asio::io_context& io, LoopWait wait) {
  if (wait == LoopWait::sleep) return io.run();
  // poll() runs what is ready without blocking (its reactor is asked with a zero timeout) and, like
  // run(), stops the io_context once no work is left, so the loop ends in the same cases as run().
  std::size_t handlers = 0;
  while (!io.stopped()) {
    const std::size_t ran = io.poll();
    handlers += ran;
    // Between empty polls the core is offered to whatever else is runnable on it (the connector's
    // threads, SQLite's checkpointer): the loop costs a core, not the rest of the process its turn.
    if (ran == 0) std::this_thread::yield();
  }
  return handlers;
}

}  // namespace octobot::channel
