// Conversions between the exchange ABI's structs (exchange.h) and the core types of
// exchange_client.hpp. Decimals stay exact (text to Decimal); fixed-size C buffers are read up to
// their NUL or their end, never past it. A malformed decimal throws std::invalid_argument naming it.
#pragma once

#include <octobot/exchange.h>
#include <octobot/exchanges/exchange_client.hpp>

#include <string>

namespace octobot::exchanges::detail {

// `text` up to its NUL, at most `capacity` bytes; "" for nullptr.
[[nodiscard]] std::string fixed_text(const char* text, std::size_t capacity);
// Empty text is zero.
[[nodiscard]] Decimal decimal(const ob_decimal& value);

[[nodiscard]] trading::Market to_market(const ob_exchange_market& market);
[[nodiscard]] CandleEvent to_candle(const ob_exchange_candle& candle);
[[nodiscard]] ClientOrder to_order(const ob_order_view& view, const char* exchange_order_id);
[[nodiscard]] ClientFill to_fill(std::string client_order_id, const ob_exchange_fill& fill);
[[nodiscard]] AssetBalance to_balance(const ob_asset_balance& balance);
[[nodiscard]] KeyPermissions to_permissions(const ob_key_permissions& permissions);
[[nodiscard]] ob_order_view empty_view();

// An ob_order_request pointing into its own copies of the request's texts (valid while it lives).
struct RawRequest {
  explicit RawRequest(const trading::OrderRequest& order);
  RawRequest(const RawRequest&) = delete;
  RawRequest& operator=(const RawRequest&) = delete;
  std::string symbol;
  ob_order_request request{};
};

}  // namespace octobot::exchanges::detail
