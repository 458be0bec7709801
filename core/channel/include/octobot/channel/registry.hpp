// Channels registered by (id, name), like OctoBot's get_chan(name, id): one set of channels per
// exchange, one per matrix, and "" for process-wide channels. A process has one global registry;
// tests and independent backtests may use their own.
#pragma once

#include <octobot/channel/channel.hpp>
#include <octobot/channel/delivery_mode.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace octobot::channel {

// A channel that does not exist, exists twice, or has another message type than asked for.
class ChannelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ChannelRegistry {
 public:
  ChannelRegistry() = default;
  ChannelRegistry(const ChannelRegistry&) = delete;
  ChannelRegistry& operator=(const ChannelRegistry&) = delete;

  [[nodiscard]] static ChannelRegistry& global();

  // Creates and registers the channel `Spec::kName` of set `id`. Throws ChannelError if it exists.
  template <ChannelSpec Spec>
  std::shared_ptr<Channel<Spec>> create(std::string id, DeliveryMode mode) {
    auto channel = std::make_shared<Channel<Spec>>(std::move(id), std::move(mode));
    insert(channel);
    return channel;
  }

  // The channel `Spec::kName` of set `id`. Throws ChannelError when missing or of another type.
  template <ChannelSpec Spec>
  [[nodiscard]] std::shared_ptr<Channel<Spec>> get(std::string_view id = {}) const {
    auto typed = std::dynamic_pointer_cast<Channel<Spec>>(get_any(Spec::kName, id));
    if (!typed) throw ChannelError(describe(Spec::kName, id) + " carries another message type");
    return typed;
  }

  // The channel `name` of set `id`, or nullptr.
  [[nodiscard]] std::shared_ptr<ChannelBase> find(std::string_view name, std::string_view id = {}) const;
  // The channel `name` of set `id`; throws ChannelError when missing.
  [[nodiscard]] std::shared_ptr<ChannelBase> get_any(std::string_view name, std::string_view id = {}) const;

  // Unregisters a channel; it closes its consumers once the last shared_ptr to it goes.
  bool remove(std::string_view name, std::string_view id = {});
  // Unregisters every channel of set `id` (an exchange that stops). Returns how many.
  std::size_t remove_set(std::string_view id);

  // (id, name) of every channel, sorted.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> list() const;

 private:
  void insert(std::shared_ptr<ChannelBase> channel);
  [[nodiscard]] static std::string describe(std::string_view name, std::string_view id);

  using ChannelsByName = std::map<std::string, std::shared_ptr<ChannelBase>, std::less<>>;
  mutable std::mutex mutex_;
  std::map<std::string, ChannelsByName, std::less<>> sets_;  // id -> name -> channel
};

}  // namespace octobot::channel
