// The host side of the "channels/1" service (sdk/include/octobot/channels.h): lets tentacles publish
// to and subscribe on the standard channels of a registry through the C ABI. The tentacle host
// registers table() under OB_SERVICE_CHANNELS_V1 in its get_service.
#pragma once

#include <octobot/channels.h>

#include <cstddef>
#include <memory>

namespace octobot::channel {

class ChannelRegistry;

class ChannelsService {
 public:
  // `registry` must outlive this service.
  explicit ChannelsService(ChannelRegistry& registry);
  // Ends every subscription tentacles left open (calling their release), with a warning. Destroy the
  // service after the tentacles' shutdown and before their libraries are unloaded, while the
  // callbacks' code is still mapped.
  ~ChannelsService();
  ChannelsService(const ChannelsService&) = delete;
  ChannelsService& operator=(const ChannelsService&) = delete;

  // The table to hand to tentacles; valid while this service lives.
  [[nodiscard]] const ob_channels_service_v1* table() const noexcept;

  // Subscriptions made through the table and not yet ended.
  [[nodiscard]] std::size_t open_subscriptions() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// A service bound to ChannelRegistry::global(), created on first use and kept for the process.
[[nodiscard]] const ob_channels_service_v1* global_channels_service();

}  // namespace octobot::channel
