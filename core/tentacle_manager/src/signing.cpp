#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacle_manager/signing.hpp>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

namespace octobot::tentacle_manager {
namespace {

constexpr std::size_t kRawKeyBytes = 32;
constexpr std::size_t kSignatureBytes = 64;

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no detail from OpenSSL";
  char text[256] = {};
  ERR_error_string_n(code, text, sizeof(text));
  return text;
}

BioPtr memory_bio(std::string_view text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), BIO_free);
  if (!bio) throw SigningError("out of memory");
  return bio;
}

void require_ed25519(EVP_PKEY* key, const std::string& source, const char* what) {
  if (EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
    throw SigningError(source + ": expected an Ed25519 " + what + ", found a " + EVP_PKEY_get0_type_name(key) +
                       " key (create one with: openssl genpkey -algorithm ed25519 -out key.pem)");
  }
}

std::string raw_key_id(EVP_PKEY* key) {
  unsigned char raw[kRawKeyBytes] = {};
  std::size_t length = sizeof(raw);
  if (EVP_PKEY_get_raw_public_key(key, raw, &length) != 1 || length != kRawKeyBytes) {
    throw SigningError("cannot read the raw Ed25519 public key: " + openssl_error());
  }
  return commons::sha256_hex(std::string_view(reinterpret_cast<const char*>(raw), length));
}

std::string pem_of(EVP_PKEY* key, bool private_part) {
  BioPtr bio(BIO_new(BIO_s_mem()), BIO_free);
  const int ok = private_part ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                              : PEM_write_bio_PUBKEY(bio.get(), key);
  if (ok != 1) throw SigningError("cannot write a PEM key: " + openssl_error());
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

struct Ed25519PublicKey::Key {
  PkeyPtr pkey{nullptr, EVP_PKEY_free};
};

struct Ed25519PrivateKey::Key {
  PkeyPtr pkey{nullptr, EVP_PKEY_free};
};

Ed25519PublicKey::Ed25519PublicKey(std::shared_ptr<Key> key)
    : key_(std::move(key)), key_id_(raw_key_id(key_->pkey.get())) {}

Ed25519PublicKey Ed25519PublicKey::from_pem(std::string_view pem, const std::string& source) {
  auto bio = memory_bio(pem);
  auto key = std::make_shared<Key>();
  key->pkey.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
  if (!key->pkey) {
    throw SigningError(source + ": expected a PEM public key (\"-----BEGIN PUBLIC KEY-----\"), found none: " +
                       openssl_error() + " (export one with: openssl pkey -in key.pem -pubout -out key.pub.pem)");
  }
  require_ed25519(key->pkey.get(), source, "public key");
  return Ed25519PublicKey(std::move(key));
}

Ed25519PublicKey Ed25519PublicKey::from_pem_file(const std::filesystem::path& file) {
  return from_pem(commons::read_text_file(file), file.string());
}

bool Ed25519PublicKey::verify(std::string_view data, std::string_view signature) const {
  if (signature.size() != kSignatureBytes) return false;
  MdCtxPtr context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context || EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key_->pkey.get()) != 1) {
    throw SigningError("cannot start an Ed25519 verification: " + openssl_error());
  }
  const int result =
      EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size());
  ERR_clear_error();  // a mismatch leaves an error on the queue: it is an answer, not a failure
  return result == 1;
}

Ed25519PrivateKey::Ed25519PrivateKey(std::shared_ptr<Key> key)
    : key_(std::move(key)), key_id_(raw_key_id(key_->pkey.get())) {}

Ed25519PrivateKey Ed25519PrivateKey::from_pem(std::string_view pem, const std::string& source) {
  auto bio = memory_bio(pem);
  auto key = std::make_shared<Key>();
  key->pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key->pkey) {
    throw SigningError(source + ": expected a PEM private key (\"-----BEGIN PRIVATE KEY-----\"), found none: " +
                       openssl_error() + " (create one with: openssl genpkey -algorithm ed25519 -out key.pem)");
  }
  require_ed25519(key->pkey.get(), source, "private key");
  return Ed25519PrivateKey(std::move(key));
}

Ed25519PrivateKey Ed25519PrivateKey::from_pem_file(const std::filesystem::path& file) {
  return from_pem(commons::read_text_file(file), file.string());
}

std::string Ed25519PrivateKey::sign(std::string_view data) const {
  MdCtxPtr context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key_->pkey.get()) != 1) {
    throw SigningError("cannot start an Ed25519 signature: " + openssl_error());
  }
  std::string signature(kSignatureBytes, '\0');
  std::size_t length = signature.size();
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    throw SigningError("Ed25519 signing failed: " + openssl_error());
  }
  signature.resize(length);
  return signature;
}

KeyPairPem generate_ed25519_key_pair() {
  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), EVP_PKEY_free);
  if (!key) throw SigningError("cannot generate an Ed25519 key: " + openssl_error());
  return {pem_of(key.get(), true), pem_of(key.get(), false)};
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * (text.size() / 4) + 1, '\0');
  const int length =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                      static_cast<int>(text.size()));
  if (length < 0) return std::nullopt;
  // EVP_DecodeBlock counts padding as zero bytes: take them off again.
  std::size_t size = static_cast<std::size_t>(length);
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '=' && size > 0; --i) --size;
  out.resize(size);
  return out;
}

std::string format_signature_file(const DetachedSignature& signature) {
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  writer.Key("algorithm");
  writer.String("ed25519");
  writer.Key("key_id");
  writer.String(signature.key_id.c_str());
  writer.Key("signature");
  writer.String(base64_encode(signature.signature).c_str());
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

DetachedSignature parse_signature_file(std::string_view text, const std::string& source) {
  rapidjson::Document document;
  try {
    document = commons::parse_json(text, source);
  } catch (const std::exception& e) {
    throw SigningError(std::string("bad signature file: ") + e.what());
  }
  auto string_member = [&](const char* name) -> std::string {
    if (!document.IsObject() || !document.HasMember(name) || !document[name].IsString()) {
      throw SigningError(source + ": bad signature file: expected a string \"" + name + "\"");
    }
    return document[name].GetString();
  };
  if (string_member("algorithm") != "ed25519") {
    throw SigningError(source + ": bad signature file: expected \"algorithm\": \"ed25519\", found \"" +
                       string_member("algorithm") + "\"");
  }
  DetachedSignature signature;
  signature.key_id = string_member("key_id");
  const auto decoded = base64_decode(string_member("signature"));
  if (!decoded || decoded->size() != kSignatureBytes) {
    throw SigningError(source + ": bad signature file: \"signature\" must be the base64 of 64 bytes");
  }
  signature.signature = *decoded;
  return signature;
}

}  // namespace octobot::tentacle_manager
