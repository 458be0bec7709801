// The executor bench_live gives the connector (ConnectorClient posts its events to the bot loop with
// it) while the instruction census is on (socket_stamps.hpp): the io_context's own, plus the census's
// two switches. A post from the thread that read a closed kline ends that thread's window: the candle
// is handed on. And an event it posted runs with the bot loop's switch off when it comes inside the
// loop's window (the book or the ticker handled between two steps of the candle's path): not the
// candle's work. With the census off the bench uses the plain executor.
#pragma once

#include <octobot/channel/executor.hpp>

#include <functional>
#include <memory>
#include <utility>

#include "socket_stamps.hpp"

namespace octobot::bench {

class CensusExecutor final : public channel::Executor::Backend {
 public:
  explicit CensusExecutor(channel::Executor inner) : inner_(std::move(inner)) {}

  void post(std::function<void()> task) const override {
    census_end_handoff();
    inner_.post([task = std::move(task)] {
      const bool paused = census_pause();
      task();
      if (paused) census_resume();
    });
  }
  [[nodiscard]] bool running_in_this_thread() const noexcept override { return inner_.running_in_this_thread(); }

 private:
  channel::Executor inner_;
};

// `inner` itself when the census is off; wrapped in a CensusExecutor when it is on.
inline channel::Executor connector_executor(channel::Executor inner) {
  if (!census_requested()) return inner;
  return channel::Executor(std::make_shared<const CensusExecutor>(std::move(inner)));
}

}  // namespace octobot::bench
