// Binance's request signature: HMAC-SHA256 of the request's total parameters (query string followed
// by the body, as sent, without the signature itself), keyed by the API secret, in lower-case hex.
#pragma once

#include <string>
#include <string_view>

namespace octobot::binance {

[[nodiscard]] std::string hmac_sha256_hex(std::string_view secret, std::string_view payload);

// application/x-www-form-urlencoded escaping of one parameter value (RFC 3986 unreserved kept).
[[nodiscard]] std::string url_encode(std::string_view value);

}  // namespace octobot::binance
