#include <octobot/channel/registry.hpp>

#include <fmt/format.h>

namespace octobot::channel {

ChannelRegistry& ChannelRegistry::global() {
  static ChannelRegistry registry;
  return registry;
}

void ChannelRegistry::insert(std::shared_ptr<ChannelBase> channel) {
  const std::lock_guard lock(mutex_);
  ChannelsByName& set = sets_[channel->id()];
  const auto [it, inserted] = set.try_emplace(channel->name(), channel);
  if (!inserted) throw ChannelError(describe(channel->name(), channel->id()) + " already exists");
}

std::shared_ptr<ChannelBase> ChannelRegistry::find(std::string_view name, std::string_view id) const {
  const std::lock_guard lock(mutex_);
  const auto set = sets_.find(id);
  if (set == sets_.end()) return nullptr;
  const auto channel = set->second.find(name);
  return channel == set->second.end() ? nullptr : channel->second;
}

std::shared_ptr<ChannelBase> ChannelRegistry::get_any(std::string_view name, std::string_view id) const {
  auto channel = find(name, id);
  if (!channel) throw ChannelError(describe(name, id) + " does not exist");
  return channel;
}

bool ChannelRegistry::remove(std::string_view name, std::string_view id) {
  std::shared_ptr<ChannelBase> removed;  // released after the lock: its destructor closes consumers
  const std::lock_guard lock(mutex_);
  const auto set = sets_.find(id);
  if (set == sets_.end()) return false;
  const auto channel = set->second.find(name);
  if (channel == set->second.end()) return false;
  removed = std::move(channel->second);
  set->second.erase(channel);
  if (set->second.empty()) sets_.erase(set);
  return true;
}

std::size_t ChannelRegistry::remove_set(std::string_view id) {
  ChannelsByName removed;
  {
    const std::lock_guard lock(mutex_);
    const auto set = sets_.find(id);
    if (set == sets_.end()) return 0;
    removed = std::move(set->second);
    sets_.erase(set);
  }
  return removed.size();
}

std::vector<std::pair<std::string, std::string>> ChannelRegistry::list() const {
  const std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, std::string>> all;
  for (const auto& [id, set] : sets_) {
    for (const auto& [name, channel] : set) all.emplace_back(id, name);
  }
  return all;
}

std::string ChannelRegistry::describe(std::string_view name, std::string_view id) {
  return fmt::format("channel '{}' of set '{}'", name, id);
}

}  // namespace octobot::channel
