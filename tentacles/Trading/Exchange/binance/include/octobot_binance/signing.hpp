// Binance's request signature, of the request's total parameters (query string followed by the body,
// as sent, without the signature itself). Two kinds of API key, told apart by the secret itself:
//   - HMAC-SHA256 (a key Binance generated; the secret is its 64-character text): the signature is
//     the HMAC keyed by the secret, in lower-case hex;
//   - Ed25519 (Binance's recommended kind; the user registers the public key, the secret is the
//     private key as PKCS#8 PEM, "-----BEGIN PRIVATE KEY-----"): the signature is the Ed25519
//     signature of the same text, in base64 (URL-encoded on REST, where + / = are not plain text).
// Binance's RSA keys are not supported: such a PEM is refused, saying so.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace octobot::binance {

// One-shot: looks HMAC and SHA-256 up in OpenSSL's provider store on every call (~7 µs here).
[[nodiscard]] std::string hmac_sha256_hex(std::string_view secret, std::string_view payload);

enum class KeyType { hmac_sha256, ed25519 };
[[nodiscard]] const char* to_string(KeyType type) noexcept;  // "HMAC-SHA256", "Ed25519"

// A PEM secret that cannot sign: encrypted, malformed, a public key, or a private key of another type
// (RSA, EC...). The message says what was found and what is supported, never the secret's text.
class SigningKeyError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Whether `secret` is a PEM block (after leading white space): then it is an Ed25519 private key or
// refused; anything else is an HMAC secret.
[[nodiscard]] bool is_pem(std::string_view secret) noexcept;

// The signature with the key set once, for a client that signs every order. HMAC: the algorithm is
// fetched once and each call only re-initialises the keyed context (~1 µs). Ed25519: the PEM is
// parsed once into an EVP_PKEY (its decoded text wiped), each call signs with it. What OpenSSL
// allocated belongs to this object and is released with it (never to a static the library would hold
// past its unload; the Ed25519 key is cleared by OpenSSL when freed).
// NOT thread-safe: one per RestClient, used on the connector's thread.
class RequestSigner {
 public:
  // Throws SigningKeyError for a PEM secret that is not an unencrypted Ed25519 private key, and
  // std::runtime_error if OpenSSL refuses otherwise.
  explicit RequestSigner(std::string_view secret);
  ~RequestSigner();
  RequestSigner(const RequestSigner&) = delete;
  RequestSigner& operator=(const RequestSigner&) = delete;

  [[nodiscard]] KeyType key_type() const noexcept;

  // Appends the signature of `payload` to `out` as Binance reads it: lower-case hex (HMAC) or base64
  // (Ed25519, not URL-encoded: the WebSocket API takes it as is, REST needs url_encode).
  void append_signature(std::string_view payload, std::string& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The text a WebSocket API request signs (Binance's WS-API "SIGNED request security"): its params
// except `signature`, sorted by name, as "name=value" joined by '&' (values as sent, not escaped).
// The order differs from REST's (the query string as sent), so a REST-style payload would be refused.
[[nodiscard]] std::string ws_api_signature_payload(std::vector<std::pair<std::string, std::string>> params);

// `text` with the API key and secret replaced by "<redacted>" wherever they occur; a PEM secret's
// lines are also replaced one by one (a log line quoting one base64 line of the key says nothing).
[[nodiscard]] std::string redact_credentials(std::string text, std::string_view api_key, std::string_view api_secret);

// application/x-www-form-urlencoded escaping of one parameter value (RFC 3986 unreserved kept).
[[nodiscard]] std::string url_encode(std::string_view value);
// The same escaping appended to `out` (no string of its own: the order path encodes into one buffer).
void append_url_encoded(std::string_view value, std::string& out);

}  // namespace octobot::binance
