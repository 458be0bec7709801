// Where the live bot's orders go: the seam between paper and real trading. Paper trading installs the
// simulated exchange over the profile's starting portfolio (the connector then only brings market
// data); real trading would install a LiveGateway over the exchange connection (core/exchanges), which
// this build does not have yet.
#pragma once

#include <octobot/bot/live_bot.hpp>
#include <octobot/trading/exchange_manager.hpp>

#include <optional>
#include <string>

namespace octobot::bot::detail {

// Installs the gateway of `kind` on `exchange`, with the portfolio it starts from; the reason when it
// cannot.
[[nodiscard]] std::optional<std::string> install_gateway(trading::ExchangeManager& exchange, TradingKind kind,
                                                         exchanges::ExchangeClient& client,
                                                         const commons::Profile& profile,
                                                         commons::TimeFrame fill_time_frame);

// Why real trading cannot run in this build; nullopt once it can.
[[nodiscard]] std::optional<std::string> real_gateway_unavailable();

}  // namespace octobot::bot::detail
