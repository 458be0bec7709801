#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <memory>
#include <octobot_binance/signing.hpp>
#include <stdexcept>

namespace octobot::binance {

namespace {

// SHA-256 fetched once: OpenSSL 3's one-shot HMAC() looks the algorithms up again on every call
// (EVP_Q_mac), about 7-9 us of a signed request where the digests themselves take ~1 us.
const EVP_MD* sha256() {
  static const EVP_MD* const fetched = [] {
    const EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md != nullptr ? md : EVP_sha256();
  }();
  return fetched;
}

constexpr std::size_t kBlock = 64;  // SHA-256's block size
constexpr std::size_t kDigest = 32;

void digest(EVP_MD_CTX* context, std::string_view first, std::string_view second, unsigned char* out) {
  unsigned int length = 0;
  if (EVP_DigestInit_ex(context, sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(context, first.data(), first.size()) != 1 ||
      EVP_DigestUpdate(context, second.data(), second.size()) != 1 || EVP_DigestFinal_ex(context, out, &length) != 1 ||
      length != kDigest) {
    throw std::runtime_error("HMAC-SHA256 failed (OpenSSL)");
  }
}

}  // namespace

// HMAC (RFC 2104) over SHA-256.
std::string hmac_sha256_hex(std::string_view secret, std::string_view payload) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!context) throw std::runtime_error("HMAC-SHA256 failed (OpenSSL: out of memory)");
  std::array<unsigned char, kBlock> key{};
  if (secret.size() > kBlock) {
    digest(context.get(), secret, {}, key.data());
  } else {
    std::copy(secret.begin(), secret.end(), key.begin());
  }
  std::array<char, kBlock> inner_pad{};
  std::array<char, kBlock> outer_pad{};
  for (std::size_t i = 0; i < kBlock; ++i) {
    inner_pad[i] = static_cast<char>(key[i] ^ 0x36U);
    outer_pad[i] = static_cast<char>(key[i] ^ 0x5cU);
  }
  std::array<unsigned char, kDigest> inner{};
  digest(context.get(), {inner_pad.data(), kBlock}, payload, inner.data());
  std::array<unsigned char, kDigest> mac{};
  digest(context.get(), {outer_pad.data(), kBlock}, {reinterpret_cast<const char*>(inner.data()), kDigest}, mac.data());
  OPENSSL_cleanse(key.data(), key.size());
  OPENSSL_cleanse(inner_pad.data(), inner_pad.size());
  OPENSSL_cleanse(outer_pad.data(), outer_pad.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(kDigest * 2);
  for (const unsigned char byte : mac) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0f]);
  }
  return hex;
}

std::string url_encode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '_' ||
        u == '.' || u == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0f]);
    }
  }
  return out;
}

}  // namespace octobot::binance
