// The web API's JSON views of the running bot (web_api.cpp serves them). Money as exact decimal text.
#pragma once

#include <octobot/channel/standard.hpp>
#include <octobot/services/web_api.hpp>

#include <deque>
#include <optional>
#include <string>

namespace octobot::services::detail {

[[nodiscard]] std::string status_json(const bot::LiveBot& bot, const WebApiContext& context,
                                      std::uint64_t service_feed_messages);
// nullopt while the bot is connecting (no markets, no portfolio yet).
[[nodiscard]] std::optional<std::string> portfolio_json(const bot::LiveBot& bot);
[[nodiscard]] std::optional<std::string> orders_json(const bot::LiveBot& bot);
// The latest `limit` fills, newest first.
[[nodiscard]] std::string trades_json(const std::deque<channel::TradeMessage>& trades, std::size_t limit);
// {"error": message} plus, when given, the known routes.
[[nodiscard]] std::string error_json(const std::string& message, bool with_routes = false);

}  // namespace octobot::services::detail
