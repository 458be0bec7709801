// Binance's request signature: HMAC-SHA256 of the request's total parameters (query string followed
// by the body, as sent, without the signature itself), keyed by the API secret, in lower-case hex.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace octobot::binance {

// One-shot: looks HMAC and SHA-256 up in OpenSSL's provider store on every call (~7 µs here).
[[nodiscard]] std::string hmac_sha256_hex(std::string_view secret, std::string_view payload);

// The same signature with the algorithm fetched and the key set once, for a client that signs every
// order: each call only re-initialises the keyed context (~1 µs). The fetched algorithm belongs to
// this object and is released with it (never to a static the library would hold past its unload).
// NOT thread-safe: one per RestClient, used on the connector's thread.
class RequestSigner {
 public:
  explicit RequestSigner(std::string_view secret);  // throws std::runtime_error if OpenSSL refuses
  ~RequestSigner();
  RequestSigner(const RequestSigner&) = delete;
  RequestSigner& operator=(const RequestSigner&) = delete;

  // Appends the lower-case hex signature of `payload` to `out`.
  void append_hex(std::string_view payload, std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The text a WebSocket API request signs (Binance's WS-API "SIGNED request security"): its params
// except `signature`, sorted by name, as "name=value" joined by '&' (values as sent, not escaped).
// The order differs from REST's (the query string as sent), so a REST-style payload would be refused.
[[nodiscard]] std::string ws_api_signature_payload(std::vector<std::pair<std::string, std::string>> params);

// application/x-www-form-urlencoded escaping of one parameter value (RFC 3986 unreserved kept).
[[nodiscard]] std::string url_encode(std::string_view value);

}  // namespace octobot::binance
