// Binance's typed answers (types.hpp, stream_client.hpp) as the SDK's exchange values, and the REST
// client's error kinds as connector error codes. Pure functions: no state, no I/O.
#pragma once

#include <octobot/sdk.hpp>

#include <octobot_binance/errors.hpp>
#include <octobot_binance/stream_client.hpp>
#include <octobot_binance/types.hpp>
#include <string>

namespace octobot::binance::connector {

// OB_ERROR_EXCHANGE_* (or a generic code) for a BinanceError kind.
[[nodiscard]] ob_status status_of(ErrorKind kind) noexcept;
// Binance's kline intervals ("1m", "1h", "1M"...).
[[nodiscard]] bool is_interval(const std::string& time_frame) noexcept;

[[nodiscard]] sdk::OrderStatus order_status(const std::string& binance_status) noexcept;
[[nodiscard]] sdk::OrderType order_type(const std::string& binance_type) noexcept;

// `symbol` and `client_order_id` are OctoBot's (the host's) names; decimals are normalized.
[[nodiscard]] sdk::OrderView to_view(const Order& order, const std::string& symbol, const std::string& client_order_id);
[[nodiscard]] sdk::OrderView to_view(const ExecutionReport& report, const std::string& symbol,
                                     const std::string& client_order_id);
[[nodiscard]] sdk::ExchangeCandle to_candle(const Kline& kline, const std::string& symbol,
                                            const std::string& time_frame);
[[nodiscard]] sdk::AssetBalance to_balance(const Balance& balance);

}  // namespace octobot::binance::connector
