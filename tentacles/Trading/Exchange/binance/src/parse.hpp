// JSON bodies of the Binance REST API -> typed results (types.hpp). RapidJSON stays in parse.cpp.
// Every function throws BinanceError(unexpected_response) naming the endpoint and the missing or
// mistyped field when a body is not what Binance documents.
#pragma once

#include <cstdint>
#include <octobot_binance/types.hpp>
#include <optional>
#include <string>

namespace octobot::binance::detail {

struct ErrorBody {
  int code = 0;
  std::string msg;
};
// {"code":-2010,"msg":"..."}; nullopt when the body is not that shape (an HTML 502 page, empty).
[[nodiscard]] std::optional<ErrorBody> parse_error_body(const std::string& body);

[[nodiscard]] std::string parse_listen_key(const std::string& body);
[[nodiscard]] std::int64_t parse_server_time(const std::string& body);
[[nodiscard]] ExchangeInfo parse_exchange_info(const std::string& body);
[[nodiscard]] std::vector<Kline> parse_klines(const std::string& body);
[[nodiscard]] TickerPrice parse_ticker(const std::string& body);
[[nodiscard]] std::vector<TickerPrice> parse_tickers(const std::string& body);
[[nodiscard]] OrderBook parse_depth(const std::string& body);
[[nodiscard]] Account parse_account(const std::string& body);
[[nodiscard]] ApiRestrictions parse_api_restrictions(const std::string& body);
[[nodiscard]] Order parse_order(const std::string& body);
[[nodiscard]] std::vector<Order> parse_orders(const std::string& body);
[[nodiscard]] std::vector<Trade> parse_trades(const std::string& body);

}  // namespace octobot::binance::detail
