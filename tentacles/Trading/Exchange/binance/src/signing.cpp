#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include <algorithm>
#include <array>
#include <octobot_binance/signing.hpp>
#include <stdexcept>

namespace octobot::binance {

namespace {

void append_hex_digits(const unsigned char* digest, std::size_t length, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + length * 2);
  for (std::size_t i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0f]);
  }
}

}  // namespace

std::string hmac_sha256_hex(std::string_view secret, std::string_view payload) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), digest.data(), &length) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed (OpenSSL)");
  }
  std::string hex;
  append_hex_digits(digest.data(), length, hex);
  return hex;
}

struct RequestSigner::Impl {
  EVP_MAC* mac = nullptr;
  EVP_MAC_CTX* context = nullptr;
  ~Impl() {
    EVP_MAC_CTX_free(context);
    EVP_MAC_free(mac);
  }
};

RequestSigner::RequestSigner(std::string_view secret) : impl_(std::make_unique<Impl>()) {
  impl_->mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  if (impl_->mac != nullptr) impl_->context = EVP_MAC_CTX_new(impl_->mac);
  if (impl_->context == nullptr) throw std::runtime_error("HMAC-SHA256 unavailable (OpenSSL's HMAC fetch failed)");
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
                               OSSL_PARAM_construct_end()};
  // An empty secret is a valid HMAC key; OpenSSL wants a non-null pointer for it.
  static constexpr unsigned char kNoKey = 0;
  const auto* key = secret.empty() ? &kNoKey : reinterpret_cast<const unsigned char*>(secret.data());
  if (EVP_MAC_init(impl_->context, key, secret.size(), params) != 1) {
    throw std::runtime_error("HMAC-SHA256 key setup failed (OpenSSL)");
  }
}

RequestSigner::~RequestSigner() = default;

void RequestSigner::append_hex(std::string_view payload, std::string& out) {
  // A null key re-initialises the context with the key it already holds.
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  std::size_t length = 0;
  if (EVP_MAC_init(impl_->context, nullptr, 0, nullptr) != 1 ||
      EVP_MAC_update(impl_->context, reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) != 1 ||
      EVP_MAC_final(impl_->context, digest.data(), &length, digest.size()) != 1) {
    throw std::runtime_error("HMAC-SHA256 failed (OpenSSL)");
  }
  append_hex_digits(digest.data(), length, out);
}

std::string ws_api_signature_payload(std::vector<std::pair<std::string, std::string>> params) {
  std::erase_if(params, [](const auto& param) { return param.first == "signature"; });
  std::sort(params.begin(), params.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out.push_back('&');
    out += name;
    out.push_back('=');
    out += value;
  }
  return out;
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
