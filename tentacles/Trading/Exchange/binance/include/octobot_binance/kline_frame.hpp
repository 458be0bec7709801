// A kline event read straight from its frame's text, without building a JSON document: the stream
// client's path for the frame that closes a candle, the first step of a frame -> order decision.
//
// It reads the frames Binance sends, a combined stream's {"stream":...,"data":{"e":"kline",...}} or
// a raw stream's {"e":"kline",...}, and returns what the document path (StreamClient's generic
// handling) returns for them: the same fields with the same rules (a string or a number gives its
// text, null gives "" for a text field; integers are whole; "x" is true or false; the first of two
// equal keys counts). For anything it is not sure of, it returns nullopt and the caller parses the
// document as before: invalid JSON, an escape or a control character in a string, another event, a
// WebSocket API answer or subscription event, a field of another type. So it can only be faster, never
// read a frame differently.
// THREAD: any (no state).
#pragma once

#include <octobot_binance/stream_client.hpp>
#include <optional>
#include <string_view>

namespace octobot::binance {

[[nodiscard]] std::optional<KlineEvent> read_kline_frame(std::string_view frame);

}  // namespace octobot::binance
