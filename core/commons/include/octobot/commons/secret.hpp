// A credential (API key, secret, passphrase) held in memory. It cannot be streamed, formatted or
// concatenated by accident: the only way to the text is reveal(), which a reviewer can grep for.
// The memory is wiped when the value goes away, so a core dump taken later does not hold it.
#pragma once

#include <string>
#include <string_view>

namespace octobot::commons {

class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  Secret(const Secret& other) = default;
  Secret& operator=(const Secret& other);
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  ~Secret();

  // The clear text, for signing requests and for encrypting at rest; never for logs.
  [[nodiscard]] std::string_view reveal() const noexcept { return value_; }
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
  // What logs and listings may show: "<empty>" or "<secret, N characters>".
  [[nodiscard]] std::string redacted() const;

  friend bool operator==(const Secret& a, const Secret& b) noexcept { return a.value_ == b.value_; }

 private:
  void wipe() noexcept;
  std::string value_;
};

}  // namespace octobot::commons
