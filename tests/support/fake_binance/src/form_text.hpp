// Form encoding (application/x-www-form-urlencoded) of one parameter value, as the fake reads a query
// or a body and as a client writes one. The fake's own code, never the connector's: a bug shared by
// the two sides would pass every test.
#pragma once

#include <string>
#include <string_view>

namespace octobot::testing::fake {

// "%2B" is '+', a bare '+' is a space (so an unescaped base64 signature no longer verifies, as on
// Binance); a '%' not followed by two hex digits stays as it is.
[[nodiscard]] std::string form_decode(std::string_view text);

// RFC 3986's unreserved characters kept, every other byte %XX.
[[nodiscard]] std::string form_encode(std::string_view value);

}  // namespace octobot::testing::fake
