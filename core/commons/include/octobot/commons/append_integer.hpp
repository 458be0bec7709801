// An integer's decimal digits appended to a string, without a string of their own: for text built on
// an order's path (client order ids, the order journal's write-ahead lines).
#pragma once

#include <array>
#include <charconv>
#include <cstddef>
#include <string>
#include <type_traits>

namespace octobot::commons {

template <typename Integer>
void append_integer(std::string& out, Integer value) {
  static_assert(std::is_integral_v<Integer> && sizeof(Integer) <= 8, "up to 64-bit integers (20 digits and a sign)");
  std::array<char, 24> digits{};
  const char* end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
  out.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
}

}  // namespace octobot::commons
