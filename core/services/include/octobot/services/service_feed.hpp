// The service feed channel: messages from services outside the exchange (today the web API's
// webhook, e.g. TradingView alerts) published for whoever listens on the bot's channel bus, as
// OctoBot's service feeds are. Process-wide set ("") of the bot's registry, created when it is live.
#pragma once

#include <octobot/channel/queue_policy.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace octobot::services {

struct ServiceFeedMessage {
  std::string service;           // "webhook"
  std::string feed;              // the webhook's name: POST /api/v1/webhook/<feed>
  std::string symbol;            // the alert's "ticker" or "symbol" when it is JSON and says; else empty
  std::string action;            // the alert's "action" or "side" when it is JSON and says; else empty
  std::string body;              // the alert as received (JSON or plain text)
  std::int64_t received_ms = 0;  // this machine's clock, for humans
};

struct ServiceFeedChannel {
  using Message = ServiceFeedMessage;
  static constexpr std::string_view kName = "ServiceFeed";
  static constexpr std::array<std::string_view, 2> kFilterKeys{"service", "feed"};
  static std::array<std::string_view, 2> filter_values(const Message& m) { return {m.service, m.feed}; }
  static constexpr channel::QueuePolicy kDefaultQueue{1024, channel::WhenFull::block};
};

}  // namespace octobot::services
