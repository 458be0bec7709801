// A deliberately simple unsigned big integer (32-bit limbs, schoolbook multiply, no division) used as an
// independent oracle for Decimal's 256-bit arithmetic (64-bit limbs, divq, Knuth's algorithm D). It
// shares no code with the library, so a bug in one is not mirrored in the other.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace octobot::commons::testing {

__extension__ typedef unsigned __int128 U128;

class Wide {
 public:
  static constexpr std::size_t kLimbs = 12;  // 384 bits: room for a 256-bit product times a 128-bit value

  Wide() = default;
  explicit Wide(U128 value) {
    for (std::size_t i = 0; i < 4; ++i) limbs_[i] = static_cast<std::uint32_t>(value >> (32 * i));
  }

  friend Wide operator*(const Wide& a, const Wide& b) {
    Wide product;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      std::uint64_t carry = 0;
      for (std::size_t j = 0; i + j < kLimbs; ++j) {
        const std::uint64_t cell =
            static_cast<std::uint64_t>(a.limbs_[i]) * b.limbs_[j] + product.limbs_[i + j] + carry;
        product.limbs_[i + j] = static_cast<std::uint32_t>(cell);
        carry = cell >> 32;
      }
    }
    return product;
  }

  friend Wide operator+(const Wide& a, const Wide& b) {
    Wide sum;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      const std::uint64_t cell = static_cast<std::uint64_t>(a.limbs_[i]) + b.limbs_[i] + carry;
      sum.limbs_[i] = static_cast<std::uint32_t>(cell);
      carry = cell >> 32;
    }
    return sum;
  }

  // Requires a >= b.
  friend Wide operator-(const Wide& a, const Wide& b) {
    Wide difference;
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < kLimbs; ++i) {
      std::int64_t cell = static_cast<std::int64_t>(a.limbs_[i]) - b.limbs_[i] - borrow;
      borrow = cell < 0 ? 1 : 0;
      if (cell < 0) cell += std::int64_t{1} << 32;
      difference.limbs_[i] = static_cast<std::uint32_t>(cell);
    }
    return difference;
  }

  friend int compare(const Wide& a, const Wide& b) {
    for (std::size_t i = kLimbs; i-- > 0;) {
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    }
    return 0;
  }
  friend bool operator<(const Wide& a, const Wide& b) { return compare(a, b) < 0; }
  friend bool operator<=(const Wide& a, const Wide& b) { return compare(a, b) <= 0; }
  friend bool operator==(const Wide& a, const Wide& b) { return compare(a, b) == 0; }

 private:
  std::array<std::uint32_t, kLimbs> limbs_{};
};

}  // namespace octobot::commons::testing
