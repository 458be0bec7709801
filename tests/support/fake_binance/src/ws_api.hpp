// The fake's WebSocket API (wss://ws-api.binance.com/ws-api/v3): one JSON request per text frame,
// one answer each. Only what the user-data stream needs: userDataStream.subscribe.signature (API key,
// timestamp and recvWindow checked and the signature verified as the REST side does, the params sorted
// by name being the signed text) and userDataStream.unsubscribe. Free of networking: the session in
// fake_binance.cpp reads the frames, calls this under the server's mutex and writes the answer.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "exchange.hpp"

namespace octobot::testing::fake {

struct WsApiAnswer {
  std::string frame;                       // {"id":..,"status":200,"result":..} or {"id":..,"status":4xx,"error":..}
  std::string method;                      // the request's, "" when unreadable (for the request counts)
  std::optional<std::int64_t> subscribed;  // a user-data subscription opened, with this id
  bool unsubscribed = false;
};

// The REST side's signed-request check: `query` is the signed text followed by "&signature=...".
using Authenticate =
    std::function<Reply(const std::string& query, const Params& params, const std::string& api_key, bool has_api_key)>;

[[nodiscard]] WsApiAnswer answer_ws_api(std::string_view frame, std::int64_t next_subscription_id,
                                        const Authenticate& authenticate);

}  // namespace octobot::testing::fake
