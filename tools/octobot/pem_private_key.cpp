#include "pem_private_key.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>

namespace octobot::app {
namespace {

// OpenSSL asks this for an encrypted key's passphrase: none is given, so the read fails instead of
// prompting on the terminal.
int no_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user*/) { return -1; }

// The label after "-----BEGIN " (e.g. "PUBLIC KEY"), cut short: it names what was found.
std::string pem_label(std::string_view pem) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  const auto start = pem.find(kBegin);
  if (start == std::string_view::npos) return "no PEM block";
  const auto from = start + kBegin.size();
  const auto end = pem.find("-----", from);
  std::string label(pem.substr(from, end == std::string_view::npos ? 40 : std::min<std::size_t>(end - from, 40)));
  return "a PEM block labelled \"" + label + "\"";
}

std::string kind_of(const EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_ED25519:
      return "Ed25519";
    case EVP_PKEY_ED448:
      return "Ed448";
    case EVP_PKEY_RSA:
      return "RSA";
    case EVP_PKEY_EC:
      return "EC";
    default:
      break;
  }
  const char* name = OBJ_nid2sn(EVP_PKEY_get_base_id(key));
  return name != nullptr ? name : "unknown";
}

}  // namespace

std::string pem_private_key_kind(std::string_view pem) {
  ERR_clear_error();
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                      &BIO_free);
  if (!bio) throw std::runtime_error("cannot read the API secret's PEM block: out of memory");
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, &no_passphrase, nullptr), &EVP_PKEY_free);
  if (!key) {
    const unsigned long error = ERR_peek_last_error();
    const char* reason = error != 0 ? ERR_reason_error_string(error) : nullptr;
    ERR_clear_error();
    throw std::runtime_error(
        "expected the API secret to be an unencrypted private key in PEM (\"-----BEGIN PRIVATE "
        "KEY-----\"), found " +
        pem_label(pem) + " that does not read as one" +
        (reason != nullptr ? std::string(" (") + reason + ")" : std::string()));
  }
  return kind_of(key.get());
}

}  // namespace octobot::app
