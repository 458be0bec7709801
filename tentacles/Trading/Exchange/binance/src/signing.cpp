#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <octobot_binance/signing.hpp>
#include <stdexcept>

namespace octobot::binance {

namespace {

void append_hex_digits(const unsigned char* digest, std::size_t length, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Sized once and written by index: push_back's capacity check per character was most of the cost.
  const std::size_t at = out.size();
  out.resize(at + length * 2);
  char* hex = out.data() + at;
  for (std::size_t i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0x0f];
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

const char* to_string(KeyType type) noexcept {
  switch (type) {
    case KeyType::hmac_sha256:
      return "HMAC-SHA256";
    case KeyType::ed25519:
      return "Ed25519";
  }
  return "?";
}

bool is_pem(std::string_view secret) noexcept {
  const auto first = secret.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && secret.substr(first).starts_with("-----BEGIN ");
}

namespace {

constexpr const char* kSupported =
    "supported: an Ed25519 private key as unencrypted PKCS#8 PEM (-----BEGIN PRIVATE KEY-----), or an HMAC "
    "secret";

// The PEM block's label, header and DER, read with OpenSSL's secure flag: the buffers holding the
// decoded key are wiped when freed (OPENSSL_secure_clear_free), whatever the heap.
struct PemBlock {
  char* label = nullptr;
  char* header = nullptr;
  unsigned char* der = nullptr;
  long der_length = 0;
  ~PemBlock() {
    OPENSSL_secure_free(label);
    OPENSSL_secure_free(header);
    if (der != nullptr) OPENSSL_secure_clear_free(der, static_cast<std::size_t>(der_length));
  }
};

std::string key_type_found(const EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "RSA") || EVP_PKEY_is_a(key, "RSA-PSS")) return "an RSA private key";
  if (EVP_PKEY_is_a(key, "EC")) return "an EC (ECDSA) private key";
  if (EVP_PKEY_is_a(key, "ED448")) return "an Ed448 private key";
  const char* name = EVP_PKEY_get0_type_name(key);
  return std::string("a private key of type ") + (name != nullptr ? name : "unknown");
}

// The Ed25519 private key of a PEM secret, or SigningKeyError saying what the PEM holds instead.
EVP_PKEY* read_ed25519_key(std::string_view secret) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(secret.data(), static_cast<int>(secret.size())),
                                                      &BIO_free);
  if (!bio) throw std::runtime_error("Ed25519 key: OpenSSL could not allocate a buffer");
  PemBlock block;
  const int read = PEM_read_bio_ex(bio.get(), &block.label, &block.header, &block.der, &block.der_length,
                                   PEM_FLAG_SECURE | PEM_FLAG_EAY_COMPATIBLE);
  ERR_clear_error();  // nothing of the secret is in OpenSSL's error queue, but nothing is left there either
  if (read != 1) {
    throw SigningKeyError(
        "the API secret starts like a PEM block but is not a well-formed one (its BEGIN/END lines or base64 "
        "text are damaged; paste the whole file); " +
        std::string(kSupported));
  }
  // The BEGIN line's label ("PRIVATE KEY", "CERTIFICATE"), never the key's text; cut short should a
  // damaged file put something long there.
  const std::string label = std::string(block.label).substr(0, 40);
  if (label == "ENCRYPTED PRIVATE KEY" || (block.header != nullptr && block.header[0] != '\0')) {
    throw SigningKeyError(
        "the API secret is an encrypted (pass-phrase protected) private key, which the bot cannot unlock "
        "unattended: store it decrypted (openssl pkey -in key.pem -out plain.pem); " +
        std::string(kSupported));
  }
  if (label == "PUBLIC KEY") {
    throw SigningKeyError(
        "the API secret is a public key (-----BEGIN PUBLIC KEY-----): the public key is the one registered on "
        "Binance, the bot needs the private key; " +
        std::string(kSupported));
  }
  if (label.find("PRIVATE KEY") == std::string::npos) {  // PKCS#8's, or a traditional "RSA/EC PRIVATE KEY"
    throw SigningKeyError("the API secret is a PEM \"" + label + "\", not a private key; " + std::string(kSupported));
  }
  const unsigned char* der = block.der;
  EVP_PKEY* key = d2i_AutoPrivateKey(nullptr, &der, block.der_length);
  ERR_clear_error();
  if (key == nullptr) {
    throw SigningKeyError("the API secret is a PEM \"" + label + "\" that does not hold a readable private key; " +
                          std::string(kSupported));
  }
  if (!EVP_PKEY_is_a(key, "ED25519")) {
    const std::string found = key_type_found(key);
    EVP_PKEY_free(key);
    throw SigningKeyError("the API secret is " + found + " (PEM), which this connector does not sign with; " +
                          std::string(kSupported));
  }
  return key;
}

}  // namespace

struct RequestSigner::Impl {
  KeyType type = KeyType::hmac_sha256;
  // HMAC-SHA256
  EVP_MAC* mac = nullptr;
  EVP_MAC_CTX* context = nullptr;
  // Ed25519
  EVP_PKEY* key = nullptr;
  EVP_MD_CTX* sign_context = nullptr;
  ~Impl() {
    EVP_MAC_CTX_free(context);
    EVP_MAC_free(mac);
    EVP_MD_CTX_free(sign_context);
    EVP_PKEY_free(key);  // OpenSSL clears the private key's bytes
  }
};

RequestSigner::RequestSigner(std::string_view secret) : impl_(std::make_unique<Impl>()) {
  if (is_pem(secret)) {
    impl_->type = KeyType::ed25519;
    impl_->key = read_ed25519_key(secret);
    impl_->sign_context = EVP_MD_CTX_new();
    if (impl_->sign_context == nullptr) throw std::runtime_error("Ed25519 signing unavailable (OpenSSL)");
    return;
  }
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

KeyType RequestSigner::key_type() const noexcept { return impl_->type; }

void RequestSigner::append_signature(std::string_view payload, std::string& out) {
  const auto* data = reinterpret_cast<const unsigned char*>(payload.data());
  if (impl_->type == KeyType::ed25519) {
    // Ed25519 is one-shot (no digest: NULL): the context is set up again for every message.
    std::array<unsigned char, 64> signature{};
    std::size_t length = signature.size();
    if (EVP_MD_CTX_reset(impl_->sign_context) != 1 ||
        EVP_DigestSignInit(impl_->sign_context, nullptr, nullptr, nullptr, impl_->key) != 1 ||
        EVP_DigestSign(impl_->sign_context, signature.data(), &length, data, payload.size()) != 1) {
      ERR_clear_error();
      throw std::runtime_error("Ed25519 signing failed (OpenSSL)");
    }
    std::array<char, 4 * ((64 + 2) / 3) + 1> base64{};
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(base64.data()), signature.data(), static_cast<int>(length));
    out.append(base64.data(), static_cast<std::size_t>(written));
    return;
  }
  // A null key re-initialises the context with the key it already holds.
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  std::size_t length = 0;
  if (EVP_MAC_init(impl_->context, nullptr, 0, nullptr) != 1 ||
      EVP_MAC_update(impl_->context, data, payload.size()) != 1 ||
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

std::string redact_credentials(std::string text, std::string_view api_key, std::string_view api_secret) {
  std::vector<std::string_view> hidden{api_secret, api_key};
  if (is_pem(api_secret)) {
    // A PEM's lines one by one too (its base64 body lines above all), should one be quoted alone.
    for (std::string_view rest = api_secret; !rest.empty();) {
      const auto end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.size() >= 16 && !line.starts_with("-----")) hidden.push_back(line);
    }
  }
  for (const std::string_view secret : hidden) {
    if (secret.empty()) continue;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
      text.replace(at, secret.size(), "<redacted>");
    }
  }
  return text;
}

namespace {

// RFC 3986's unreserved characters, as a table: one load per character instead of up to eight tests.
constexpr std::array<bool, 256> kUnreserved = [] {
  std::array<bool, 256> table{};
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (const char c : {'-', '_', '.', '~'}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

}  // namespace

void append_url_encoded(std::string_view value, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  // Runs of characters kept as they are (all of a symbol, a decimal, a client order id) are appended
  // whole: one copy instead of a push_back per character.
  std::size_t kept_from = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto u = static_cast<unsigned char>(value[i]);
    if (kUnreserved[u]) continue;
    out.append(value.data() + kept_from, i - kept_from);
    const char escaped[3] = {'%', kHex[u >> 4], kHex[u & 0x0f]};
    out.append(escaped, sizeof escaped);
    kept_from = i + 1;
  }
  out.append(value.data() + kept_from, value.size() - kept_from);
}

std::string url_encode(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  append_url_encoded(value, out);
  return out;
}

}  // namespace octobot::binance
