// What `octobot run` starts beside the bot's exchange and evaluator producers, rebuilt with each
// session: the profile auto-update (profile_watcher.hpp) when the profile asks for it, and the web
// API (web_api.hpp) when config.json enables it. Both stop with the session.
#pragma once

#include <octobot/commons/profile.hpp>

#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}  // namespace boost::asio
namespace octobot::commons {
class UserConfig;
}
namespace octobot::tentacles {
class TentacleHost;
}
namespace octobot::bot {
class LiveBot;
}
namespace octobot::services {
class ProfileWatcher;
class WebApi;
}  // namespace octobot::services

namespace octobot::app {

class RunServices {
 public:
  struct Hooks {
    std::function<void()> restart;  // graceful, as SIGHUP
    std::function<void()> stop;     // graceful, as SIGTERM
  };

  // Reads config.json's `interfaces.web` and `profile_auto_update`; the web API listens at once.
  // Throws std::runtime_error / std::invalid_argument for settings that cannot work (the session
  // does not start). `host` and `bot` outlive this object.
  RunServices(boost::asio::io_context& io, const commons::UserConfig& config, const commons::Profile& profile,
              const std::string& exchange, tentacles::TentacleHost& host, const bot::LiveBot& bot, Hooks hooks);
  ~RunServices();
  RunServices(const RunServices&) = delete;
  RunServices& operator=(const RunServices&) = delete;

  // With the bot's start: the first auto-update check.
  void start();
  // Once the bot is live (its channels exist).
  void on_live();

 private:
  std::unique_ptr<services::ProfileWatcher> watcher_;
  std::unique_ptr<services::WebApi> web_;
};

}  // namespace octobot::app
