#include "signature_check.hpp"

#include <octobot/testing/fake_binance.hpp>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <array>
#include <optional>
#include <stdexcept>
#include <vector>

#include "form_text.hpp"

namespace octobot::testing::fake {

namespace {

std::string hmac_hex(const std::string& key, std::string_view payload) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(payload.data()),
       payload.size(), digest.data(), &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

std::optional<std::vector<unsigned char>> base64_decode(const std::string& text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::vector<unsigned char> out(text.size() / 4 * 3);
  const int length =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (length < 0) return std::nullopt;
  // EVP_DecodeBlock counts the '=' padding as zero bytes.
  std::size_t size = static_cast<std::size_t>(length);
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) --size;
  out.resize(size);
  return out;
}

}  // namespace

SignatureCheck::SignatureCheck(const FakeBinanceOptions& options) : hmac_secret_(options.api_secret) {
  if (options.api_public_key_pem.empty()) return;
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(options.api_public_key_pem.data(), static_cast<int>(options.api_public_key_pem.size())),
      &BIO_free);
  public_key_.reset(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  ERR_clear_error();
  if (!public_key_ || !EVP_PKEY_is_a(public_key_.get(), "ED25519")) {
    throw std::invalid_argument("fake Binance: api_public_key_pem is not an Ed25519 public key (PEM)");
  }
}

bool SignatureCheck::matches(std::string_view payload, std::string_view signature) const {
  const std::string sent = form_decode(signature);
  if (!public_key_) {
    const std::string expected = hmac_hex(hmac_secret_, payload);
    return sent.size() == expected.size() && CRYPTO_memcmp(sent.data(), expected.data(), expected.size()) == 0;
  }
  const auto bytes = base64_decode(sent);
  if (!bytes || bytes->size() != 64) return false;
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  const bool valid = context &&
                     EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, public_key_.get()) == 1 &&
                     EVP_DigestVerify(context.get(), bytes->data(), bytes->size(),
                                      reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) == 1;
  ERR_clear_error();
  return valid;
}

}  // namespace octobot::testing::fake
