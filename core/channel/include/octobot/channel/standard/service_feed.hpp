// The service feed channel: messages from services outside the exchange (today the web API's
// webhook, e.g. TradingView alerts) published for whoever listens on the bot's channel bus, as
// OctoBot's service feeds are: the trading-mode runner hands them to the modes that listen
// (ob_trading_mode_vtable.on_service_feed). Process-wide set ("") of the bot's registry. Declared
// here, with the other standard channels, so that the trading side can subscribe without depending
// on the services that publish.
#pragma once

#include <octobot/channel/queue_policy.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace octobot::channel {

struct ServiceFeedMessage {
  std::string service;           // "webhook"
  std::string feed;              // the webhook's name: POST /api/v1/webhook/<feed>
  std::string symbol;            // the alert's symbol ("ticker"/"symbol" in JSON, SYMBOL= in text); else empty
  std::string action;            // the alert's action ("action"/"side" in JSON, SIGNAL= in text); else empty
  std::string body;              // the alert as received (JSON or plain text)
  std::int64_t received_ms = 0;  // this machine's clock, for humans
};

struct ServiceFeedChannel {
  using Message = ServiceFeedMessage;
  static constexpr std::string_view kName = "ServiceFeed";
  static constexpr std::array<std::string_view, 2> kFilterKeys{"service", "feed"};
  static std::array<std::string_view, 2> filter_values(const Message& m) { return {m.service, m.feed}; }
  static constexpr QueuePolicy kDefaultQueue{1024, WhenFull::block};
};

}  // namespace octobot::channel
