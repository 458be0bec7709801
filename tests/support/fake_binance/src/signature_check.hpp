// The fake's check of a signed request's signature, as Binance checks it for the key's type: an API
// key registered with an Ed25519 public key (FakeBinanceOptions::api_public_key_pem) verifies the
// base64 Ed25519 signature of the payload; otherwise the HMAC-SHA256 hex keyed by api_secret must match.
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

namespace octobot::testing {
struct FakeBinanceOptions;
}  // namespace octobot::testing

namespace octobot::testing::fake {

class SignatureCheck {
 public:
  // Throws std::invalid_argument when api_public_key_pem is set but not an Ed25519 public key (PEM).
  explicit SignatureCheck(const FakeBinanceOptions& options);

  // `signature` as the parameter's value was sent (form-encoded: "%2B" and "+" are decoded here).
  [[nodiscard]] bool matches(std::string_view payload, std::string_view signature) const;

 private:
  std::string hmac_secret_;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> public_key_{nullptr, &EVP_PKEY_free};
};

}  // namespace octobot::testing::fake
