// What a consumer asks for when it subscribes, and the counters it can read back.
#pragma once

#include <octobot/channel/executor.hpp>
#include <octobot/channel/filter.hpp>
#include <octobot/channel/priority.hpp>
#include <octobot/channel/queue_policy.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace octobot::channel {

// Chainable, so a subscription reads as one expression:
//   channel.subscribe(callback, ConsumerOptions().with_name("RSI").with_priority(Priority::medium)
//                                   .with_filter({{"symbol", "BTC/USDT"}, {"time_frame", "1h"}}));
// (Not an aggregate on purpose: GCC 12 warns about every field a designated initializer leaves out.)
struct ConsumerOptions {
  ConsumerOptions() = default;

  ConsumerOptions& with_name(std::string value) {
    name = std::move(value);
    return *this;
  }
  ConsumerOptions& with_filter(Filter value) {
    filter = std::move(value);
    return *this;
  }
  ConsumerOptions& with_priority(Priority value) {
    priority = value;
    return *this;
  }
  ConsumerOptions& with_queue(QueuePolicy value) {
    queue = value;
    return *this;
  }
  ConsumerOptions& with_executor(Executor value) {
    executor = std::move(value);
    return *this;
  }

  // Shown in logs, e.g. the tentacle class name.
  std::string name;
  // Which messages reach the consumer (filter.hpp). Empty: all of them.
  Filter filter;
  // OctoBot's default is HIGH, kept so that ported code behaves the same.
  Priority priority = Priority::high;
  // Queue bound and policy; default: the channel's documented policy.
  std::optional<QueuePolicy> queue;
  // Asynchronous mode: where the callback runs (another io_context, a strand); default: the channel
  // set's executor. Ignored in synchronized mode, where every callback runs inside SyncDriver::drain,
  // so that the same component code runs live and in a backtest.
  std::optional<Executor> executor;
};

struct ConsumerStats {
  std::uint64_t delivered = 0;   // callbacks that returned normally
  std::uint64_t failed = 0;      // callbacks that threw (logged, then the consumer carried on)
  std::uint64_t dropped = 0;     // messages discarded by drop_oldest / drop_newest
  std::uint64_t overflowed = 0;  // messages queued above the bound because blocking would deadlock
  std::size_t queued = 0;        // messages waiting now
};

}  // namespace octobot::channel
