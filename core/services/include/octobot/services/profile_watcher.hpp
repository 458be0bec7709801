// Profile auto-update, the polling half: a profile with `auto_update: true` and an `origin_url` is
// fetched at start and then every interval, on a worker thread (the bot loop never waits for the
// network); what comes back is handed to apply_profile_update on the bot loop. An installed update
// calls `on_installed` (the command restarts the bot, as SIGHUP does); a refused one is logged and
// the bot keeps running; an unreachable origin is a warning, tried again at the next interval.
#pragma once

#include <octobot/commons/profile.hpp>
#include <octobot/services/profile_update.hpp>

#include <chrono>
#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
}  // namespace boost::asio
namespace octobot::commons {
class UserConfig;
}

namespace octobot::services {

struct AutoUpdateSettings {
  std::chrono::milliseconds interval{3'600'000};  // config.json profile_auto_update.interval_seconds
  std::chrono::milliseconds timeout{10'000};      // one fetch, whole transfer: timeout_seconds
};

// config.json's `profile_auto_update` {"interval_seconds": 3600, "timeout_seconds": 10}; defaults
// for what is missing. Throws std::invalid_argument for a value that is not a number >= 1.
[[nodiscard]] AutoUpdateSettings auto_update_settings(const commons::UserConfig& config);

class ProfileWatcher {
 public:
  // `io` runs the bot loop and outlives the watcher. Nothing happens before start().
  ProfileWatcher(boost::asio::io_context& io, commons::Profile installed, AutoUpdateSettings settings,
                 ProfileCheck check, std::function<void()> on_installed);
  // Cancels the next poll and waits for a fetch in progress (at most its timeout).
  ~ProfileWatcher();
  ProfileWatcher(const ProfileWatcher&) = delete;
  ProfileWatcher& operator=(const ProfileWatcher&) = delete;

  void start();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace octobot::services
