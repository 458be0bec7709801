#include <octobot/commons/files.hpp>
#include <octobot/commons/secret_box.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace octobot::commons {
namespace {

constexpr std::size_t key_file_size = 32;
constexpr std::size_t nonce_size = 12;
constexpr std::size_t tag_size = 16;
constexpr std::string_view hkdf_info = "octobot config.json credentials v1";

struct CipherContextDeleter {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

struct KdfContextDeleter {
  void operator()(EVP_PKEY_CTX* context) const { EVP_PKEY_CTX_free(context); }
};

std::string base64_encode(const std::vector<unsigned char>& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes.data(), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

// Empty on malformed input.
std::vector<unsigned char> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return {};
  std::vector<unsigned char> out(3 * text.size() / 4);
  const int written =
      EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0) return {};
  std::size_t size = static_cast<std::size_t>(written);
  // EVP_DecodeBlock counts the padding as zero bytes.
  for (auto it = text.rbegin(); it != text.rend() && *it == '='; ++it) --size;
  out.resize(size);
  return out;
}

std::string create_key_file(const std::filesystem::path& key_file) {
  std::string material(key_file_size, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(material.data()), static_cast<int>(material.size())) != 1) {
    throw std::runtime_error("cannot create the local secret " + key_file.string() + ": OpenSSL has no randomness");
  }
  std::filesystem::create_directories(key_file.parent_path());
  // O_EXCL: two processes starting at once must not each write a different key.
  const int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) return read_text_file(key_file);
    throw std::runtime_error("cannot create the local secret " + key_file.string() + ": " + std::strerror(errno));
  }
  const bool written =
      ::write(fd, material.data(), material.size()) == static_cast<ssize_t>(material.size()) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!written) {
    throw std::runtime_error("cannot write the local secret " + key_file.string() + ": " + std::strerror(saved_errno));
  }
  return material;
}

}  // namespace

SecretBox SecretBox::from_key_file(const std::filesystem::path& key_file) {
  std::string material = std::filesystem::exists(key_file) ? read_text_file(key_file) : create_key_file(key_file);
  if (material.size() != key_file_size) {
    throw std::runtime_error("the local secret " + key_file.string() + " holds " + std::to_string(material.size()) +
                             " bytes, expected " + std::to_string(key_file_size) +
                             " (it is written once by octobot; restore it from a backup, or delete it and set "
                             "the exchange keys again)");
  }
  SecretBox box = from_material(material);
  OPENSSL_cleanse(material.data(), material.size());
  return box;
}

SecretBox SecretBox::from_material(std::string_view material) {
  SecretBox box;
  std::unique_ptr<EVP_PKEY_CTX, KdfContextDeleter> kdf(EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, nullptr));
  std::size_t length = box.key_.size();
  if (!kdf || EVP_PKEY_derive_init(kdf.get()) != 1 || EVP_PKEY_CTX_set_hkdf_md(kdf.get(), EVP_sha256()) != 1 ||
      EVP_PKEY_CTX_set1_hkdf_key(kdf.get(), reinterpret_cast<const unsigned char*>(material.data()),
                                 static_cast<int>(material.size())) != 1 ||
      EVP_PKEY_CTX_add1_hkdf_info(kdf.get(), reinterpret_cast<const unsigned char*>(hkdf_info.data()),
                                  static_cast<int>(hkdf_info.size())) != 1 ||
      EVP_PKEY_derive(kdf.get(), box.key_.data(), &length) != 1 || length != box.key_.size()) {
    throw std::runtime_error("OpenSSL could not derive the credentials key (HKDF-SHA256)");
  }
  return box;
}

SecretBox::~SecretBox() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::string SecretBox::encrypt(const Secret& value) const {
  const std::string_view clear = value.reveal();
  std::vector<unsigned char> out(nonce_size + clear.size() + tag_size);
  if (RAND_bytes(out.data(), static_cast<int>(nonce_size)) != 1) {
    throw std::runtime_error("cannot encrypt a credential: OpenSSL has no randomness");
  }
  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  if (!context || EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key_.data(), out.data()) != 1 ||
      EVP_EncryptUpdate(context.get(), out.data() + nonce_size, &length,
                        reinterpret_cast<const unsigned char*>(clear.data()), static_cast<int>(clear.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(), out.data() + nonce_size + length, &length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_size),
                          out.data() + nonce_size + clear.size()) != 1) {
    throw std::runtime_error("OpenSSL could not encrypt a credential (AES-256-GCM)");
  }
  return std::string(prefix) + base64_encode(out);
}

Secret SecretBox::decrypt(std::string_view stored) const {
  if (!is_encrypted(stored)) {
    throw std::runtime_error("expected an encrypted value starting with \"" + std::string(prefix) +
                             "\", found a value in clear");
  }
  std::vector<unsigned char> bytes = base64_decode(stored.substr(prefix.size()));
  if (bytes.size() < nonce_size + tag_size) {
    throw std::runtime_error("the encrypted value is damaged: expected base64 of at least " +
                             std::to_string(nonce_size + tag_size) + " bytes after \"" + std::string(prefix) + "\"");
  }
  const std::size_t clear_size = bytes.size() - nonce_size - tag_size;
  std::string clear(clear_size, '\0');
  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  const bool ok =
      context && EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key_.data(), bytes.data()) == 1 &&
      EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char*>(clear.data()), &length,
                        bytes.data() + nonce_size, static_cast<int>(clear_size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_size),
                          bytes.data() + nonce_size + clear_size) == 1 &&
      EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char*>(clear.data()) + length, &length) == 1;
  if (!ok) {
    OPENSSL_cleanse(clear.data(), clear.size());
    throw std::runtime_error(
        "the encrypted value does not authenticate: it was edited, or encrypted under another local secret file");
  }
  return Secret(std::move(clear));
}

}  // namespace octobot::commons
