// Throwaway TLS certificates for loopback tests, made at test time with OpenSSL's C API (no key is
// committed, no `openssl` program is needed): a CA, and server certificates it signs for the names a
// test chooses (subjectAltName: DNS names, and IP addresses for names that parse as one). P-256 keys,
// valid from an hour ago for a day. Link OpenSSL::Crypto.
#pragma once

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace octobot::testing {

struct ServerCertificate {
  std::filesystem::path certificate_file;  // PEM, the server's certificate
  std::filesystem::path private_key_file;  // PEM, unencrypted
};

class TestCertificateAuthority {
 public:
  // Creates the CA and writes its certificate to `<dir>/<name>.pem` (what a client is told to trust).
  explicit TestCertificateAuthority(std::filesystem::path dir, const std::string& name = "test-ca")
      : dir_(std::move(dir)), key_(new_key()), certificate_(X509_new(), &X509_free) {
    X509* ca = certificate_.get();
    fill(ca, "OctoBot test CA " + name);
    X509_set_issuer_name(ca, X509_get_subject_name(ca));
    add_extension(ca, ca, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign");
    add_extension(ca, ca, NID_subject_key_identifier, "hash");
    sign(ca);
    ca_file_ = dir_ / (name + ".pem");
    write_certificate(ca, ca_file_);
  }

  [[nodiscard]] const std::filesystem::path& ca_file() const noexcept { return ca_file_; }

  // A server certificate for `names` ("localhost", "127.0.0.1"), signed by this CA: `<dir>/<stem>.pem`
  // and `<dir>/<stem>-key.pem`.
  [[nodiscard]] ServerCertificate issue(const std::string& stem, const std::vector<std::string>& names) const {
    const auto key = new_key();
    const std::unique_ptr<X509, decltype(&X509_free)> holder(X509_new(), &X509_free);
    X509* server = holder.get();
    X509_set_pubkey(server, key.get());
    fill(server, names.empty() ? stem : names.front());
    X509_set_issuer_name(server, X509_get_subject_name(certificate_.get()));
    std::string alt_names;
    for (const auto& name : names)
      alt_names += std::string(alt_names.empty() ? "" : ",") + (is_ip(name) ? "IP:" : "DNS:") + name;
    add_extension(certificate_.get(), server, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(certificate_.get(), server, NID_key_usage, "critical,digitalSignature");
    add_extension(certificate_.get(), server, NID_ext_key_usage, "serverAuth");
    add_extension(certificate_.get(), server, NID_authority_key_identifier, "keyid:always");
    if (!alt_names.empty()) add_extension(certificate_.get(), server, NID_subject_alt_name, alt_names);
    sign(server);
    ServerCertificate out{dir_ / (stem + ".pem"), dir_ / (stem + "-key.pem")};
    write_certificate(server, out.certificate_file);
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(out.private_key_file.c_str(), "w"), &BIO_free);
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
      fail("writing " + out.private_key_file.string());
    }
    return out;
  }

 private:
  using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

  [[noreturn]] static void fail(const std::string& what) {
    char reason[256] = {0};
    ERR_error_string_n(ERR_get_error(), reason, sizeof(reason));
    throw std::runtime_error("test certificates: " + what + " failed (" + reason + ")");
  }
  static bool is_ip(const std::string& name) {
    unsigned char address[16];
    return inet_pton(AF_INET, name.c_str(), address) == 1 || inet_pton(AF_INET6, name.c_str(), address) == 1;
  }
  static Key new_key() {
    Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    if (!key) fail("generating a P-256 key");
    return key;
  }
  // Version 3, a random serial, valid from an hour ago for a day, the subject's common name, and the
  // public key (the CA's own for the CA).
  void fill(X509* certificate, const std::string& common_name) const {
    X509_set_version(certificate, 2);
    unsigned char serial[16];
    if (RAND_bytes(serial, sizeof(serial)) != 1) fail("drawing a serial number");
    serial[0] &= 0x7f;  // positive
    const std::unique_ptr<BIGNUM, decltype(&BN_free)> number(BN_bin2bn(serial, sizeof(serial), nullptr), &BN_free);
    BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(certificate));
    X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate), 24 * 3600);
    if (X509_get0_pubkey(certificate) == nullptr) X509_set_pubkey(certificate, key_.get());
    X509_NAME_add_entry_by_txt(X509_get_subject_name(certificate), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  }
  static void add_extension(X509* issuer, X509* subject, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, subject, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    if (extension == nullptr || X509_add_ext(subject, extension, -1) != 1) fail("adding extension " + value);
    X509_EXTENSION_free(extension);
  }
  void sign(X509* certificate) const {
    if (X509_sign(certificate, key_.get(), EVP_sha256()) == 0) fail("signing a certificate");
  }
  static void write_certificate(X509* certificate, const std::filesystem::path& file) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(file.c_str(), "w"), &BIO_free);
    if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) fail("writing " + file.string());
  }

  std::filesystem::path dir_;
  Key key_;
  std::unique_ptr<X509, decltype(&X509_free)> certificate_;
  std::filesystem::path ca_file_;
};

}  // namespace octobot::testing
