#include "c_subscription.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

#include "c_values.hpp"

namespace octobot::channel::abi {
namespace {

// The C subscription whose callback is running on this thread, if any: lets end() tell "unsubscribed
// from my own callback" (finish after it returns) from every other case (finish now).
thread_local CSubscription* t_delivering = nullptr;

}  // namespace

CSubscription::CSubscription(const ob_channel_subscribe_args& args, std::string channel, std::string channel_id)
    : on_message_(args.on_message),
      release_(args.release),
      user_data_(args.user_data),
      channel_(std::move(channel)),
      channel_id_(std::move(channel_id)) {}

void CSubscription::deliver(std::uint32_t type, const void* payload) {
  const ob_channel_message envelope{header_of<ob_channel_message>(), channel_.c_str(), channel_id_.c_str(), type,
                                    payload};
  ob_error error{header_of<ob_error>(), {}};
  CSubscription* const outer = std::exchange(t_delivering, this);
  const ob_status status = on_message_(user_data_, &envelope, &error);
  t_delivering = outer;

  std::string failure;
  if (status != OB_OK) {
    error.message[OB_ERROR_MESSAGE_CAPACITY - 1] = '\0';  // never trust a foreign buffer's terminator
    try {
      failure = fmt::format("tentacle callback returned status {}: {}", status, error.message);
    } catch (...) {
      failure = "tentacle callback failed";
    }
  }
  if (release_after_callback_) release_and_destroy();  // unsubscribed from inside: `this` is gone now
  if (!failure.empty()) throw std::runtime_error(failure);
}

void CSubscription::end() noexcept {
  // Once this returns, no callback of ours runs on another thread and none will start.
  core_.unsubscribe();
  if (t_delivering == this) {
    release_after_callback_ = true;
    return;
  }
  release_and_destroy();
}

void CSubscription::discard() noexcept {
  core_.unsubscribe();
  delete this;
}

void CSubscription::release_and_destroy() noexcept {
  if (release_ != nullptr) release_(user_data_);
  delete this;
}

}  // namespace octobot::channel::abi
