// Conversions between the core's orders and the ABI's order structs.
#pragma once

#include <octobot/abi.h>
#include <octobot/channel/standard/personal_data.hpp>
#include <octobot/trading_modes/account.hpp>

#include <string_view>

namespace octobot::trading_modes {

// The order as it is now. `tag`: the label the tentacle gave it.
[[nodiscard]] ob_order_view to_order_view(const trading::Order& order, std::string_view tag);
// The order as an update announced it: state, amount, filled and time from the message (so that
// every transition reaches the tentacle in order, even when the order moved on before delivery);
// the rest (fees, average price, reason) as the order is now.
[[nodiscard]] ob_order_view to_order_view(const trading::Order& order, std::string_view tag,
                                          const channel::OrderMessage& update);

[[nodiscard]] std::uint32_t to_ob_status(trading::OrderState state) noexcept;
[[nodiscard]] std::uint32_t to_ob_status(channel::OrderStatus status) noexcept;

// An ABI request as a core request, checked: known symbol, side, type, the prices the type needs,
// decimal text. Throws ServiceError(OB_ERROR_INVALID_ARGUMENT) saying what was expected and found.
[[nodiscard]] TaggedRequest to_request(const Account& account, const ob_order_request* request);

}  // namespace octobot::trading_modes
