// The bot clock. In a backtest each time step is one message: consumers (e.g. the simulated exchange)
// react to it and the driver drains everything that follows before the next step.
#pragma once

#include <octobot/channel/queue_policy.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace octobot::channel {

struct TimeMessage {
  std::int64_t timestamp_ms = 0;  // bot time, ms since the epoch, UTC

  friend bool operator==(const TimeMessage&, const TimeMessage&) = default;
};

struct TimeChannel {
  using Message = TimeMessage;
  static constexpr std::string_view kName = "Time";
  static constexpr std::array<std::string_view, 0> kFilterKeys{};
  static std::array<std::string_view, 0> filter_values(const Message&) { return {}; }
  // A consumer that lags only needs the latest time.
  static constexpr QueuePolicy kDefaultQueue{16, WhenFull::drop_oldest};
};

}  // namespace octobot::channel
