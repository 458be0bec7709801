// The standard OctoBot channels, and helpers that create a whole set of them.
#pragma once

#include <octobot/channel/delivery_mode.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/channel/standard/evaluation.hpp>
#include <octobot/channel/standard/exchange_data.hpp>
#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/channel/standard/time.hpp>

#include <string>

namespace octobot::channel {

// Exchange data, personal data and TradingMode channels for one exchange.
void create_exchange_channels(ChannelRegistry& registry, const std::string& exchange_id, const DeliveryMode& mode);

// Evaluators and Matrix channels for one matrix.
void create_matrix_channels(ChannelRegistry& registry, const std::string& matrix_id, const DeliveryMode& mode);

// The Time channel of one bot (or one backtest).
void create_time_channel(ChannelRegistry& registry, const std::string& bot_id, const DeliveryMode& mode);

}  // namespace octobot::channel
