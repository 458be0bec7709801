// API keys for the Ed25519 tests, made at test time with OpenSSL's C API (no private key file is
// committed): a fresh Ed25519 key pair as Binance's key generator makes one (PKCS#8 private PEM, the
// public PEM a user registers), RFC 8032's first test key, and private keys of the types the connector
// refuses (RSA, EC, in PKCS#8 or the traditional form, an encrypted Ed25519). Link OpenSSL::Crypto.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>

namespace octobot::binance::testing {

struct TestKeyPair {
  std::string private_pem;  // "-----BEGIN PRIVATE KEY-----" (PKCS#8): the bot's API secret
  std::string public_pem;   // "-----BEGIN PUBLIC KEY-----": what is registered on Binance (the fake)
};

using TestKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

inline std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(length));
}

inline TestKeyPair pem_pair(const TestKey& key) {
  if (!key) throw std::runtime_error("test keys: OpenSSL made no key");
  const std::unique_ptr<BIO, decltype(&BIO_free)> priv(BIO_new(BIO_s_mem()), &BIO_free);
  const std::unique_ptr<BIO, decltype(&BIO_free)> pub(BIO_new(BIO_s_mem()), &BIO_free);
  if (PEM_write_bio_PrivateKey(priv.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1) {
    throw std::runtime_error("test keys: writing PEM failed");
  }
  return {bio_text(priv.get()), bio_text(pub.get())};
}

inline TestKeyPair new_ed25519_key() {
  return pem_pair(TestKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), &EVP_PKEY_free));
}

// RFC 8032 section 7.1, TEST 1: its secret key (the seed) 9d61b1...7f60.
inline TestKeyPair rfc8032_test1_key() {
  static constexpr std::array<unsigned char, 32> kSeed = {
      0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
      0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
  return pem_pair(
      TestKey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, kSeed.data(), kSeed.size()), &EVP_PKEY_free));
}

inline TestKeyPair new_rsa_key() { return pem_pair(TestKey(EVP_RSA_gen(2048), &EVP_PKEY_free)); }

inline TestKeyPair new_ec_key() {
  return pem_pair(TestKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), &EVP_PKEY_free));
}

// A private key's PEM in OpenSSL's traditional form ("-----BEGIN RSA PRIVATE KEY-----", "EC PRIVATE KEY").
inline std::string traditional_pem(const std::string& pkcs8_pem) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> in(
      BIO_new_mem_buf(pkcs8_pem.data(), static_cast<int>(pkcs8_pem.size())), &BIO_free);
  const TestKey key(PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  const std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  if (!key || PEM_write_bio_PrivateKey_traditional(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    throw std::runtime_error("test keys: writing the traditional PEM failed");
  }
  return bio_text(out.get());
}

// An Ed25519 private key encrypted with a pass phrase ("-----BEGIN ENCRYPTED PRIVATE KEY-----").
inline std::string new_encrypted_ed25519_pem() {
  const TestKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), &EVP_PKEY_free);
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  char pass[] = "pass-phrase";
  if (!key || PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), EVP_aes_256_cbc(), pass, sizeof(pass) - 1, nullptr,
                                            nullptr) != 1) {
    throw std::runtime_error("test keys: writing the encrypted PEM failed");
  }
  return bio_text(bio.get());
}

// The base64 body of a PEM (its lines between BEGIN and END, joined): what must never reach a log.
inline std::string pem_body(const std::string& pem) {
  std::string body;
  std::size_t at = 0;
  while (at < pem.size()) {
    const auto end = pem.find('\n', at);
    const std::string line = pem.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!line.starts_with("-----")) body += line;
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return body;
}

}  // namespace octobot::binance::testing
