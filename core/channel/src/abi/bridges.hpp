// What the "channels/1" service needs per standard channel, looked up by channel name: how to attach
// a C subscriber to the typed channel, and how to publish a C message on it.
#pragma once

#include <octobot/channel/channel.hpp>
#include <octobot/channel/consumer_options.hpp>
#include <octobot/channel/queue_policy.hpp>
#include <octobot/channel/subscription.hpp>

#include <cstdint>
#include <string_view>

namespace octobot::channel::abi {

class CSubscription;

struct Bridge {
  std::string_view channel;
  std::uint32_t message_type;
  QueuePolicy default_queue;
  // Throws std::invalid_argument when `channel` is not the standard channel of that name.
  Subscription (*subscribe)(ChannelBase& channel, const ConsumerOptions& options, CSubscription* target);
  // Checks the C message (header, size, type, values) and sends its C++ copy. Throws
  // std::invalid_argument naming what is wrong.
  void (*publish)(ChannelBase& channel, const void* message);
};

// nullptr for a channel with no C message type.
[[nodiscard]] const Bridge* find_bridge(std::string_view channel_name) noexcept;

}  // namespace octobot::channel::abi
