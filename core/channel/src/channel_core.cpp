#include <octobot/channel/detail/channel_core.hpp>
#include <octobot/commons/logging.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <utility>

namespace octobot::channel::detail {

ChannelCore::ChannelCore(std::string name, std::string id, DeliveryMode mode)
    : name_(std::move(name)),
      id_(std::move(id)),
      mode_(std::move(mode)),
      consumers_(std::make_shared<const ConsumerList>()) {}

void ChannelCore::add(std::shared_ptr<ConsumerBase> consumer) {
  {
    const std::lock_guard lock(mutex_);
    auto next = std::make_shared<ConsumerList>(*consumers_);
    if (keeps_channel_running(consumer->priority())) ++running_consumers_;
    next->push_back(std::move(consumer));
    consumers_ = std::move(next);
    update_paused_locked();
  }
  notify_pause_listeners();
}

void ChannelCore::remove(const ConsumerBase& consumer) {
  {
    const std::lock_guard lock(mutex_);
    const auto found = std::find_if(consumers_->begin(), consumers_->end(),
                                    [&](const std::shared_ptr<ConsumerBase>& c) { return c.get() == &consumer; });
    if (found == consumers_->end()) return;
    auto next = std::make_shared<ConsumerList>();
    next->reserve(consumers_->size() - 1);
    for (const auto& c : *consumers_) {
      if (c.get() != &consumer) next->push_back(c);
    }
    if (keeps_channel_running(consumer.priority())) --running_consumers_;
    consumers_ = std::move(next);
    update_paused_locked();
  }
  notify_pause_listeners();
}

void ChannelCore::close_all() noexcept {
  std::shared_ptr<const ConsumerList> closing;
  {
    const std::lock_guard lock(mutex_);
    closing = std::move(consumers_);
    try {
      consumers_ = std::make_shared<const ConsumerList>();
    } catch (...) {
      consumers_ = closing;  // keep the channel usable; the consumers are still closed below
    }
    running_consumers_ = 0;
    update_paused_locked();
  }
  for (const auto& consumer : *closing) consumer->close();
  notify_pause_listeners();
}

std::shared_ptr<const ChannelCore::ConsumerList> ChannelCore::snapshot() const {
  const std::lock_guard lock(mutex_);
  return consumers_;
}

std::size_t ChannelCore::consumer_count() const {
  const std::lock_guard lock(mutex_);
  return consumers_->size();
}

std::uint64_t ChannelCore::add_pause_listener(PauseCallback callback) {
  std::uint64_t id = 0;
  {
    const std::lock_guard lock(mutex_);
    id = next_listener_id_++;
    listeners_.push_back(std::make_shared<PauseListener>(PauseListener{id, std::move(callback)}));
  }
  notify_pause_listeners();
  return id;
}

void ChannelCore::remove_pause_listener(std::uint64_t listener_id) noexcept {
  // Waits for a notification in progress on another thread (recursive: fine from inside a listener).
  const std::lock_guard notifying(notify_mutex_);
  const std::lock_guard lock(mutex_);
  const auto found = std::find_if(listeners_.begin(), listeners_.end(),
                                  [&](const auto& listener) { return listener->id == listener_id; });
  if (found == listeners_.end()) return;
  (*found)->active = false;
  listeners_.erase(found);
}

void ChannelCore::update_paused_locked() noexcept { paused_.store(running_consumers_ == 0, std::memory_order_release); }

void ChannelCore::notify_pause_listeners() noexcept {
  const std::lock_guard notifying(notify_mutex_);
  // Loop until every listener was told the current state: another thread (or a listener) may change
  // it while we call out.
  for (;;) {
    std::vector<std::shared_ptr<PauseListener>> due;
    bool paused = false;
    try {
      const std::lock_guard lock(mutex_);
      paused = paused_.load(std::memory_order_relaxed);
      const int state = paused ? 1 : 0;
      for (const auto& listener : listeners_) {
        if (listener->last_told == state) continue;
        listener->last_told = state;
        due.push_back(listener);
      }
    } catch (...) {
      return;  // out of memory: listeners are told on the next transition
    }
    if (due.empty()) return;
    for (const auto& listener : due) {
      if (!listener->active) continue;
      try {
        listener->callback(paused);
      } catch (const std::exception& e) {
        commons::log(commons::LogLevel::error, "channel",
                     fmt::format("pause listener of channel '{}' (set '{}') threw: {}", name_, id_, e.what()));
      } catch (...) {
        commons::log(commons::LogLevel::error, "channel",
                     fmt::format("pause listener of channel '{}' (set '{}') threw", name_, id_));
      }
    }
  }
}

}  // namespace octobot::channel::detail
