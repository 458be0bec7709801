// A subscription made through the C ABI: the tentacle's callback, its release function, and the core
// subscription that feeds it. Its address is the opaque ob_channel_subscription handle.
//
// Lifetime: created by subscribe, destroyed by end() — at once, or, when end() is called from this
// subscription's own callback, right after that callback returns. `release` is called exactly then.
#pragma once

#include <octobot/channel/subscription.hpp>
#include <octobot/channels.h>

#include <cstdint>
#include <string>

namespace octobot::channel::abi {

class CSubscription {
 public:
  CSubscription(const ob_channel_subscribe_args& args, std::string channel, std::string channel_id);
  CSubscription(const CSubscription&) = delete;
  CSubscription& operator=(const CSubscription&) = delete;

  // Set once, right after the core subscription is made.
  void attach(Subscription core) noexcept { core_ = std::move(core); }

  // Calls the tentacle. Throws std::runtime_error carrying the tentacle's status and message when it
  // reports a failure, so the consumer logs and isolates it like any throwing callback.
  void deliver(std::uint32_t type, const void* payload);

  // Unsubscribes, then releases and destroys this object (see the lifetime note above).
  void end() noexcept;
  // For a subscribe that failed half-way: unsubscribes and destroys without calling release (the
  // tentacle was told the subscription never existed). Never called from a callback.
  void discard() noexcept;

  [[nodiscard]] static ob_channel_subscription* to_handle(CSubscription* subscription) noexcept {
    return reinterpret_cast<ob_channel_subscription*>(subscription);
  }
  [[nodiscard]] static CSubscription* from_handle(ob_channel_subscription* handle) noexcept {
    return reinterpret_cast<CSubscription*>(handle);
  }

 private:
  ~CSubscription() = default;
  void release_and_destroy() noexcept;

  ob_channel_callback on_message_;
  ob_channel_release release_;
  void* user_data_;
  std::string channel_;
  std::string channel_id_;
  Subscription core_;
  bool release_after_callback_ = false;  // only touched on the callback's thread
};

}  // namespace octobot::channel::abi
