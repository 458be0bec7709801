#include <octobot/commons/secret.hpp>

#include <openssl/crypto.h>

namespace octobot::commons {

Secret& Secret::operator=(const Secret& other) {
  if (this != &other) {
    wipe();
    value_ = other.value_;
  }
  return *this;
}

Secret::Secret(Secret&& other) noexcept : value_(std::move(other.value_)) { other.wipe(); }

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    wipe();
    value_ = std::move(other.value_);
    other.wipe();
  }
  return *this;
}

Secret::~Secret() { wipe(); }

std::string Secret::redacted() const {
  return value_.empty() ? "<empty>" : "<secret, " + std::to_string(value_.size()) + " characters>";
}

void Secret::wipe() noexcept {
  // OPENSSL_cleanse is not optimised away like a memset before free may be. The capacity is wiped
  // too: a shorter value may have left the tail of a longer one behind.
  if (value_.capacity() > 0) OPENSSL_cleanse(value_.data(), value_.capacity());
  value_.clear();
}

}  // namespace octobot::commons
