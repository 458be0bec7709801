// The interface producer: a local web API of the running bot, a Boost.Beast HTTP server on the bot
// loop's io_context (so every read of the bot happens between two of its handlers, never during
// one). Read-only JSON views plus the two commands a signal gives (docs/web-api.md):
//   GET  /api/v1/status | /api/v1/portfolio | /api/v1/orders | /api/v1/trades?limit=N
//   POST /api/v1/restart | /api/v1/stop
//   POST /api/v1/webhook/<name>: the service feed, an alert published on the ServiceFeed channel
//        (service_feed.hpp); the token may also come as ?token= (TradingView sets no headers)
// POSTs need `Authorization: Bearer <interfaces.web.token>`; so does everything when the server is
// bound to an address other than loopback (it refuses to start there without a token). Exchange
// credentials are never part of any answer.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}  // namespace boost::asio
namespace octobot::commons {
class UserConfig;
}
namespace octobot::bot {
class LiveBot;
}

namespace octobot::services {

struct WebApiSettings {
  bool enabled = false;            // interfaces.web.enabled
  std::string bind = "127.0.0.1";  // interfaces.web.bind
  std::uint16_t port = 5001;       // interfaces.web.port (0: any free port, logged)
  std::string token;               // interfaces.web.token
};

// config.json's `interfaces.web`. Throws std::invalid_argument for a value of the wrong type.
[[nodiscard]] WebApiSettings web_api_settings(const commons::UserConfig& config);

// What the status view says beyond the bot's own accessors.
struct WebApiContext {
  std::string profile_id;
  std::string profile_name;
  std::string exchange;
  std::chrono::system_clock::time_point started_at = std::chrono::system_clock::now();
  std::function<void()> restart;  // the graceful restart (as SIGHUP)
  std::function<void()> stop;     // the graceful stop (as SIGTERM)
};

class WebApi {
 public:
  // Listens at once. Throws std::runtime_error when the address cannot be bound, or when it is not
  // loopback and there is no token. `io` and `bot` outlive the server.
  WebApi(boost::asio::io_context& io, const WebApiSettings& settings, const bot::LiveBot& bot, WebApiContext context);
  ~WebApi();
  WebApi(const WebApi&) = delete;
  WebApi& operator=(const WebApi&) = delete;

  // The port listened on (the one chosen when the settings said 0).
  [[nodiscard]] std::uint16_t port() const noexcept;
  // Call once the bot is live (its channels exist): /trades starts collecting fills from then on.
  void on_bot_live();

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace octobot::services
