#include "run_services.hpp"

#include <octobot/abi.h>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/user_config.hpp>
#include <octobot/services/profile_watcher.hpp>
#include <octobot/services/web_api.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <boost/asio/io_context.hpp>

namespace octobot::app {
namespace {

// An update must leave the bot a trading mode: one this host knows as such, or one the profile's
// tentacles_config.json activates in its "Trading" section (a mode the current profile did not use
// may not be loaded yet; the restart loads it, or says it is missing).
std::optional<std::string> has_trading_mode(tentacles::TentacleHost& host, const commons::Profile& profile) {
  if (!profile.has_tentacles_config) return std::nullopt;
  for (const auto& name : profile.active_classes()) {
    const ob_class_descriptor* descriptor = host.find_class(name);
    if (descriptor != nullptr && descriptor->kind == OB_KIND_TRADING_MODE) return std::nullopt;
  }
  if (const auto mode = profile.tentacle_activation.find("Trading"); mode != profile.tentacle_activation.end()) {
    for (const auto& [name, active] : mode->second) {
      if (active) return std::nullopt;
    }
  }
  return std::string("tentacles_config.json activates no trading mode");
}

}  // namespace

RunServices::RunServices(boost::asio::io_context& io, const commons::UserConfig& config,
                         const commons::Profile& profile, const std::string& exchange, tentacles::TentacleHost& host,
                         const bot::LiveBot& bot, Hooks hooks) {
  if (profile.auto_update) {
    if (!profile.origin_url || profile.origin_url->empty()) {
      commons::log(commons::LogLevel::warning, "profile-update",
                   "profile '" + profile.name + "' has auto_update but no origin_url: nothing to follow");
    } else {
      watcher_ = std::make_unique<services::ProfileWatcher>(
          io, profile, services::auto_update_settings(config),
          [&host](const commons::Profile& fresh) { return has_trading_mode(host, fresh); }, hooks.restart);
    }
  }
  const services::WebApiSettings web = services::web_api_settings(config);
  if (web.enabled) {
    services::WebApiContext context;
    context.profile_id = profile.id;
    context.profile_name = profile.name;
    context.exchange = exchange;
    context.restart = hooks.restart;
    context.stop = hooks.stop;
    web_ = std::make_unique<services::WebApi>(io, web, bot, std::move(context));
  }
}

RunServices::~RunServices() = default;

void RunServices::start() {
  if (watcher_) watcher_->start();
}

void RunServices::on_live() {
  if (web_) web_->on_bot_live();
}

}  // namespace octobot::app
