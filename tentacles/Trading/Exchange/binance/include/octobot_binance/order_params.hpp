// The one place a create-order request's text is made, for both ways it is sent: the REST client's
// (libcurl, on the exchange thread) and the order lane's (written by the caller on a kept-alive
// connection): the parameters, the broker-prefixed client order id, the signed query.
#pragma once

#include <cstdint>
#include <functional>
#include <octobot_binance/signing.hpp>
#include <octobot_binance/types.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace octobot::binance {

using Params = std::vector<std::pair<std::string, std::string>>;

struct PreparedOrder {
  std::string symbol;           // Binance's, "BTCUSDT"
  std::string client_order_id;  // as sent: "x-<broker_id>" + the caller's id
  Params params;                // POST /api/v3/order's, before recvWindow, timestamp and signature

  // "order BUY MARKET BTCUSDT quantity 1 client id ...": the log line's start. Made when a line needs
  // it, not with every order: the order lane sends before anything is logged.
  [[nodiscard]] std::string text() const;
  // The value of parameter `name`, empty when the order has none.
  [[nodiscard]] std::string_view param(std::string_view name) const noexcept;
};

// Throws BinanceError(invalid_request) when the client order id is too long. `new_id` names an order
// the request does not name.
[[nodiscard]] PreparedOrder prepare_order(const OrderRequest& request, const std::string& broker_id,
                                          const std::function<std::string()>& new_id);

// "a=1&b=2", values URL-encoded.
[[nodiscard]] std::string encode_params(const Params& params);

// Appends recvWindow, timestamp and the signature of everything before it to `query`: HMAC-SHA256 hex,
// or an Ed25519 signature base64 and URL-encoded, as `signer`'s key is.
void sign_query(std::string& query, std::int64_t recv_window_ms, std::int64_t timestamp_ms, RequestSigner& signer);

}  // namespace octobot::binance
