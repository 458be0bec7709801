// Decimal: the exact number type for money (prices, amounts, fees, balances). Indicators may use
// double; accounting may not, because 0.1 + 0.2 != 0.3 in binary floating point and the drift adds up
// over millions of fills.
//
// Representation: a signed 128-bit integer counting units of 10^-18 (value = raw / 10^18).
//   - precision: exactly 18 fractional digits (the smallest unit is 0.000000000000000001, finer than
//     any exchange's precision and than ETH's wei);
//   - range: symmetric, |value| <= 170141183460469231731.687303715884105727 (about 1.7e20); the raw
//     value INT128_MIN is never produced, so negation and abs() can never overflow.
// Addition, subtraction and comparison are exact. Multiplication and division compute the exact
// result through a 256-bit intermediate and round it once (half-even unless a mode is given).
// A result outside the range throws DecimalOverflow: nothing ever wraps. See docs/decimal.md.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>

namespace octobot::commons {

// How an inexact result is brought back to a representable one. "up"/"down" are about magnitude
// (away from / toward zero); "ceiling"/"floor" are about the number line.
enum class RoundingMode : std::uint8_t {
  half_even,  // to nearest, ties to the even neighbour (banker's rounding; no statistical bias)
  half_up,    // to nearest, ties away from zero (the school rule: 2.5 -> 3, -2.5 -> -3)
  down,       // toward zero (truncation: amounts an exchange will accept)
  up,         // away from zero
  floor,      // toward -infinity
  ceiling,    // toward +infinity
};

// A result does not fit the range. Never a silent wrap.
class DecimalOverflow : public std::overflow_error {
 public:
  using std::overflow_error::overflow_error;
};

// A division by zero (including mul/div helpers given a zero divisor).
class DecimalDivisionByZero : public std::domain_error {
 public:
  using std::domain_error::domain_error;
};

class Decimal {
 public:
  // GCC/Clang's 128-bit integers; __extension__ keeps -Wpedantic quiet about the non-ISO type.
  __extension__ typedef __int128 Raw;

  static constexpr int kFractionalDigits = 18;
  static constexpr std::int64_t kScale = 1'000'000'000'000'000'000;  // 10^18 raw units per 1

  constexpr Decimal() noexcept = default;  // zero

  // Parses "123", "-0.5", "+.5", "1e-8", "1.5E3". Throws std::invalid_argument naming the text for
  // anything else (including whitespace, "nan", "inf", an empty string) and for values with more than
  // 18 significant fractional digits (trailing zeros do not count); DecimalOverflow when out of range.
  [[nodiscard]] static Decimal from_string(std::string_view text);
  // Same grammar, but digits beyond the 18th fractional one are rounded once with `mode`.
  [[nodiscard]] static Decimal from_string(std::string_view text, RoundingMode mode);
  // Converts through the shortest decimal text that reads back as the same double, so 0.1 gives
  // exactly 0.1 (not 0.1000000000000000055511151231257827). Throws std::invalid_argument for NaN and
  // infinities, DecimalOverflow when out of range.
  [[nodiscard]] static Decimal from_double(double value, RoundingMode mode = RoundingMode::half_even);
  [[nodiscard]] static constexpr Decimal from_integer(std::int64_t value) noexcept {
    return Decimal(static_cast<Raw>(value) * kScale);  // |value| * 10^18 < 9.3e36: always fits
  }
  // `raw` counts units of 10^-18. Throws DecimalOverflow for INT128_MIN (outside the symmetric range).
  [[nodiscard]] static constexpr Decimal from_raw(Raw raw) {
    if (raw == kMinRawExcluded) throw_out_of_range_raw();
    return Decimal(raw);
  }
  [[nodiscard]] static constexpr Decimal max_value() noexcept { return Decimal(kMaxRaw); }
  [[nodiscard]] static constexpr Decimal min_value() noexcept { return Decimal(-kMaxRaw); }

  [[nodiscard]] constexpr Raw raw() const noexcept { return raw_; }

  // Shortest exact text: no exponent, no trailing zeros, "-" only for negative values:
  // "0", "0.1", "-12", "0.000000000000000001", "170141183460469231731.687303715884105727".
  [[nodiscard]] std::string to_string() const;
  // The longest text to_string() gives: sign, 21 integer digits, the point and 18 fractional digits.
  static constexpr std::size_t kMaxTextLength = 41;
  // Writes to_string()'s text at `out`, which has room for kMaxTextLength characters (no terminating
  // NUL), and returns the end: the same text without allocating, for hot paths that fill fixed buffers.
  char* write_text(char* out) const noexcept;
  // The nearest double (correctly rounded). For indicators and display, never for accounting.
  [[nodiscard]] double to_double() const noexcept;

  [[nodiscard]] constexpr bool is_zero() const noexcept { return raw_ == 0; }
  [[nodiscard]] constexpr bool is_negative() const noexcept { return raw_ < 0; }
  [[nodiscard]] constexpr bool is_positive() const noexcept { return raw_ > 0; }
  [[nodiscard]] constexpr int sign() const noexcept { return (raw_ > 0) - (raw_ < 0); }
  [[nodiscard]] constexpr Decimal abs() const noexcept { return Decimal(raw_ < 0 ? -raw_ : raw_); }

  // The exact product / quotient rounded once to 18 fractional digits with `mode`; the operators * and
  // / use half_even. DecimalOverflow when out of range, DecimalDivisionByZero for a zero divisor.
  [[nodiscard]] Decimal mul(Decimal other, RoundingMode mode) const;
  [[nodiscard]] Decimal div(Decimal other, RoundingMode mode) const;
  // The exact product / quotient rounded once to `digits` fractional digits (no double rounding through
  // the 18-digit result): fee = cost.mul(rate, 8, RoundingMode::up). Same digit rules as
  // round_to_decimals.
  [[nodiscard]] Decimal mul(Decimal other, int digits, RoundingMode mode) const;
  [[nodiscard]] Decimal div(Decimal other, int digits, RoundingMode mode) const;

  // Rounds to `digits` fractional digits (a market's price or amount precision). `digits` may be
  // negative: -1 rounds to tens, -2 to hundreds. digits >= 18 returns the value unchanged.
  // DecimalOverflow when the rounded value leaves the range (e.g. rounding max_value() up).
  [[nodiscard]] Decimal round_to_decimals(int digits, RoundingMode mode) const;
  // Rounds to a multiple of `step` (a tick size such as 0.05 or 0.25). Throws std::invalid_argument
  // when step <= 0.
  [[nodiscard]] Decimal round_to_step(Decimal step, RoundingMode mode) const;

  constexpr Decimal operator-() const noexcept { return Decimal(-raw_); }  // never overflows: range is symmetric
  constexpr Decimal operator+() const noexcept { return *this; }

  friend constexpr Decimal operator+(Decimal a, Decimal b) {
    Raw sum = 0;
    if (__builtin_add_overflow(a.raw_, b.raw_, &sum) || sum == kMinRawExcluded) [[unlikely]] {
      throw_overflow(a, '+', b);
    }
    return Decimal(sum);
  }
  friend constexpr Decimal operator-(Decimal a, Decimal b) {
    Raw difference = 0;
    if (__builtin_sub_overflow(a.raw_, b.raw_, &difference) || difference == kMinRawExcluded) [[unlikely]] {
      throw_overflow(a, '-', b);
    }
    return Decimal(difference);
  }
  friend Decimal operator*(Decimal a, Decimal b) { return a.mul(b, RoundingMode::half_even); }
  friend Decimal operator/(Decimal a, Decimal b) { return a.div(b, RoundingMode::half_even); }

  constexpr Decimal& operator+=(Decimal other) { return *this = *this + other; }
  constexpr Decimal& operator-=(Decimal other) { return *this = *this - other; }
  Decimal& operator*=(Decimal other) { return *this = *this * other; }
  Decimal& operator/=(Decimal other) { return *this = *this / other; }

  // One representation per value (no -0, no unnormalised forms), so comparing raw values is exact.
  friend constexpr std::strong_ordering operator<=>(const Decimal&, const Decimal&) noexcept = default;
  friend constexpr bool operator==(const Decimal&, const Decimal&) noexcept = default;

 private:
  __extension__ typedef unsigned __int128 URaw;
  static constexpr Raw kMaxRaw = static_cast<Raw>((static_cast<URaw>(1) << 127) - 1);
  static constexpr Raw kMinRawExcluded = -kMaxRaw - 1;

  constexpr explicit Decimal(Raw raw) noexcept : raw_(raw) {}

  // Out of line: keeps the inline fast paths small and the error text (which formats both operands)
  // off the hot path.
  [[noreturn]] static void throw_overflow(Decimal a, char operation, Decimal b);
  [[noreturn]] static void throw_out_of_range_raw();

  Raw raw_ = 0;
};

[[nodiscard]] constexpr Decimal min(Decimal a, Decimal b) noexcept { return b < a ? b : a; }
[[nodiscard]] constexpr Decimal max(Decimal a, Decimal b) noexcept { return a < b ? b : a; }

// Writes to_string(); lets test frameworks and logs print a Decimal.
std::ostream& operator<<(std::ostream& out, const Decimal& value);

}  // namespace octobot::commons

template <>
struct std::hash<octobot::commons::Decimal> {
  std::size_t operator()(const octobot::commons::Decimal& value) const noexcept {
    // Mix both halves (murmur3's finaliser) so values differing only in their high bits, or only by a
    // multiple of 10^18, still spread across buckets.
    const auto raw = value.raw();
    std::uint64_t h = static_cast<std::uint64_t>(raw) ^ (static_cast<std::uint64_t>(raw >> 64) * 0x9E3779B97F4A7C15ULL);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return static_cast<std::size_t>(h);
  }
};
