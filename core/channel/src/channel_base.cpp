#include <octobot/channel/channel.hpp>

#include <utility>

namespace octobot::channel {

ChannelBase::ChannelBase(std::string_view name, std::string id, DeliveryMode mode)
    : core_(std::make_shared<detail::ChannelCore>(std::string(name), std::move(id), std::move(mode))) {}

ChannelBase::~ChannelBase() { core_->close_all(); }

PauseWatch ChannelBase::watch_pause(std::function<void(bool paused)> callback) {
  const std::uint64_t id = core_->add_pause_listener(std::move(callback));
  return PauseWatch(core_, id);
}

}  // namespace octobot::channel
