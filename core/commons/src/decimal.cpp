// Decimal's out-of-line half: parsing, formatting, and the wide (256-bit) arithmetic behind an exact
// multiply/divide that is rounded exactly once.
#include <octobot/commons/decimal.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <optional>
#include <ostream>
#include <system_error>

namespace octobot::commons {
namespace {

using Raw = Decimal::Raw;
__extension__ typedef unsigned __int128 U128;

constexpr U128 kMaxMagnitude = (static_cast<U128>(1) << 127) - 1;
constexpr std::uint64_t kScale = 1'000'000'000'000'000'000ULL;

constexpr std::array<U128, 39> make_powers_of_ten() {
  std::array<U128, 39> powers{};
  U128 power = 1;
  for (auto& entry : powers) {
    entry = power;
    power *= 10;
  }
  return powers;
}
constexpr std::array<U128, 39> kPow10 = make_powers_of_ten();  // 10^38 is the largest that fits

// kMaxMagnitude / 10^k, so range checks before scaling by 10^k need no run-time 128-bit division.
constexpr std::array<U128, 39> make_scaling_limits() {
  std::array<U128, 39> limits{};
  for (std::size_t k = 0; k < limits.size(); ++k) limits[k] = kMaxMagnitude / kPow10[k];
  return limits;
}
constexpr std::array<U128, 39> kMaxBeforeScaling = make_scaling_limits();

constexpr U128 magnitude_of(Raw raw) { return raw < 0 ? -static_cast<U128>(raw) : static_cast<U128>(raw); }

// ---- rounding --------------------------------------------------------------------------------

// What an exact result holds below the last kept unit, relative to half of that unit.
enum class Tail : std::uint8_t { zero, below_half, half, above_half };

constexpr Tail tail_of(U128 remainder, U128 divisor) {
  if (remainder == 0) return Tail::zero;
  const U128 rest = divisor - remainder;  // no overflow: remainder < divisor
  if (remainder < rest) return Tail::below_half;
  return remainder == rest ? Tail::half : Tail::above_half;
}

// Whether the magnitude `kept` (+ `tail`) must grow by one unit. `negative` is the sign of the exact
// result, which matters for floor/ceiling even when the kept magnitude is zero (-1e-19 floors to -1e-18).
constexpr bool rounds_away(Tail tail, bool kept_is_odd, bool negative, RoundingMode mode) {
  if (tail == Tail::zero) return false;
  switch (mode) {
    case RoundingMode::down:
      return false;
    case RoundingMode::up:
      return true;
    case RoundingMode::floor:
      return negative;
    case RoundingMode::ceiling:
      return !negative;
    case RoundingMode::half_up:
      return tail != Tail::below_half;
    case RoundingMode::half_even:
      return tail == Tail::above_half || (tail == Tail::half && kept_is_odd);
  }
  return false;
}

// Rounds the exact non-negative value `units` + `tail` (in 10^-18 units; `tail` is the part below one
// unit) to a multiple of `step` units and gives it `negative`'s sign. std::nullopt when out of range.
std::optional<Raw> round_magnitude(U128 units, Tail tail, bool negative, U128 step, RoundingMode mode) {
  U128 kept = units;
  Tail below = tail;
  if (step != 1) {
    kept = units / step;
    const U128 remainder = units % step;
    // Compare remainder + tail (a fraction of one unit) with step / 2 using only integers:
    // 2 * remainder is an integer and 2 * tail lies in [0, 2).
    const U128 twice = 2 * remainder;  // remainder < step <= 2^127: fits
    if (remainder == 0 && tail == Tail::zero) {
      below = Tail::zero;
    } else if (twice > step) {
      below = Tail::above_half;
    } else if (twice == step) {
      below = tail == Tail::zero ? Tail::half : Tail::above_half;
    } else if (twice + 1 == step) {  // only the tail decides: is 2 * tail below, at or above 1?
      below = tail == Tail::zero ? Tail::below_half : tail;
    } else {
      below = Tail::below_half;
    }
  }
  const U128 limit = step == 1 ? kMaxMagnitude : kMaxMagnitude / step;  // most steps that stay in range
  if (kept > limit) return std::nullopt;
  if (rounds_away(below, (kept & 1) != 0, negative, mode)) {
    if (kept == limit) return std::nullopt;
    ++kept;
  }
  const U128 magnitude = kept * step;
  return negative ? -static_cast<Raw>(magnitude) : static_cast<Raw>(magnitude);
}

// Rounds `units` + `tail` to `digits` fractional digits (digits may be negative).
std::optional<Raw> round_to_digits(U128 units, Tail tail, bool negative, int digits, RoundingMode mode) {
  if (digits >= Decimal::kFractionalDigits) return round_magnitude(units, tail, negative, 1, mode);
  const int dropped = Decimal::kFractionalDigits - digits;
  if (dropped < static_cast<int>(kPow10.size())) return round_magnitude(units, tail, negative, kPow10[dropped], mode);
  // The step (>= 10^39 units) exceeds any magnitude held in 128 bits, which is below half of it, so the
  // result is zero, or one step away from zero: out of range.
  const Tail below = (units == 0 && tail == Tail::zero) ? Tail::zero : Tail::below_half;
  if (rounds_away(below, false, negative, mode)) return std::nullopt;
  return Raw{0};
}

// ---- wide integer helpers -----------------------------------------------------------------------

// (high:low) / divisor; requires high < divisor so the quotient fits 64 bits.
inline std::uint64_t divide_128_by_64(std::uint64_t high, std::uint64_t low, std::uint64_t divisor,
                                      std::uint64_t& remainder) {
#if defined(__x86_64__)
  // One divq instead of the generic 128/128 library call (__udivti3), several times faster.
  std::uint64_t quotient = 0;
  asm("divq %[d]" : "=a"(quotient), "=d"(remainder) : [d] "rm"(divisor), "a"(low), "d"(high) : "cc");
  return quotient;
#else
  const U128 dividend = (static_cast<U128>(high) << 64) | low;
  remainder = static_cast<std::uint64_t>(dividend % divisor);
  return static_cast<std::uint64_t>(dividend / divisor);
#endif
}

// Divides the little-endian limbs in place by a 64-bit divisor; returns the remainder.
template <std::size_t N>
std::uint64_t divide_limbs(std::array<std::uint64_t, N>& limbs, std::uint64_t divisor) {
  std::uint64_t remainder = 0;
  for (std::size_t i = N; i-- > 0;) limbs[i] = divide_128_by_64(remainder, limbs[i], divisor, remainder);
  return remainder;
}

constexpr std::uint64_t low64(U128 value) { return static_cast<std::uint64_t>(value); }
constexpr std::uint64_t high64(U128 value) { return static_cast<std::uint64_t>(value >> 64); }
constexpr U128 join64(std::uint64_t high, std::uint64_t low) { return (static_cast<U128>(high) << 64) | low; }

using U256 = std::array<std::uint64_t, 4>;  // little-endian limbs

// The full 256-bit product of two 128-bit values.
U256 multiply_wide(U128 a, U128 b) {
  const U128 low_low = static_cast<U128>(low64(a)) * low64(b);
  const U128 low_high = static_cast<U128>(low64(a)) * high64(b);
  const U128 high_low = static_cast<U128>(high64(a)) * low64(b);
  const U128 high_high = static_cast<U128>(high64(a)) * high64(b);
  // Three values below 2^64 each: the sum fits 128 bits; its high part is the carry into limb 2.
  const U128 middle = static_cast<U128>(high64(low_low)) + low64(low_high) + low64(high_low);
  // Exactly floor(a * b / 2^128) < 2^128, so no partial sum can wrap.
  const U128 top = high_high + high64(low_high) + high64(high_low) + high64(middle);
  return {low64(low_low), low64(middle), low64(top), high64(top)};
}

// Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on 64-bit digits, after Hacker's Delight divmnu:
// quotient = numerator / divisor, remainder = numerator % divisor, for a divisor of two digits
// (>= 2^64) and a numerator of up to four. The normalisation shift makes each estimated quotient digit
// at most two too large, which the correction loop fixes.
void divide_256_by_128(const U256& numerator, U128 divisor, U256& quotient, U128& remainder) {
  const int m = numerator[3] == 0 ? 3 : 4;  // a zero top digit would only cost one more (empty) round
  constexpr int n = 2;
  constexpr U128 base = static_cast<U128>(1) << 64;
  const int shift = std::countl_zero(high64(divisor));  // divisor >= 2^64, so high64 != 0
  const U128 normalized = divisor << shift;
  const std::array<std::uint64_t, n> v = {low64(normalized), high64(normalized)};
  std::array<std::uint64_t, 5> u{};  // the normalised numerator: up to m + 1 digits
  u[m] = shift == 0 ? 0 : numerator[m - 1] >> (64 - shift);
  for (int i = m - 1; i > 0; --i) {
    u[i] = (numerator[i] << shift) | (shift == 0 ? 0 : numerator[i - 1] >> (64 - shift));
  }
  u[0] = numerator[0] << shift;

  quotient = {0, 0, 0, 0};
  for (int j = m - n; j >= 0; --j) {
    U128 estimate = 0;
    U128 estimate_remainder = 0;
    if (u[j + n] < v[n - 1]) {  // the estimate fits 64 bits: one divq
      std::uint64_t low_remainder = 0;
      estimate = divide_128_by_64(u[j + n], u[j + n - 1], v[n - 1], low_remainder);
      estimate_remainder = low_remainder;
    } else {
      const U128 top = join64(u[j + n], u[j + n - 1]);
      estimate = top / v[n - 1];
      estimate_remainder = top % v[n - 1];
    }
    while (estimate >= base || estimate * v[n - 2] > join64(low64(estimate_remainder), u[j + n - 2])) {
      --estimate;
      estimate_remainder += v[n - 1];
      if (estimate_remainder >= base) break;
    }
    // u[j..j+n] -= estimate * v, tracking the borrow in a signed 128-bit value.
    Raw borrow = 0;
    for (int i = 0; i < n; ++i) {
      const U128 product = estimate * v[i];
      const Raw difference = static_cast<Raw>(u[i + j]) - borrow - static_cast<Raw>(low64(product));
      u[i + j] = static_cast<std::uint64_t>(difference);
      borrow = static_cast<Raw>(high64(product)) - (difference >> 64);
    }
    // No add-back step: with a two-digit divisor the test above compares estimate * v with the exact
    // three-digit partial remainder, so the estimate is never too large here and nothing goes negative.
    u[j + n] = static_cast<std::uint64_t>(static_cast<Raw>(u[j + n]) - borrow);
    quotient[static_cast<std::size_t>(j)] = low64(estimate);
  }
  remainder = join64(u[1], u[0]) >> shift;  // the remainder (< divisor) is left in the low n digits
}

// ---- text ---------------------------------------------------------------------------------------

std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 64;  // keep messages readable when handed a megabyte of garbage
  if (text.size() <= kShown) return "\"" + std::string(text) + "\"";
  return "\"" + std::string(text.substr(0, kShown)) + "...\" (" + std::to_string(text.size()) + " characters)";
}

[[noreturn]] void throw_invalid(std::string_view text) {
  throw std::invalid_argument("invalid decimal number " + quoted(text) +
                              ": expected [+-]digits[.digits][(e|E)[+-]digits]");
}

// The digits of a number's text, read as one sequence across the decimal point.
struct Mantissa {
  std::string_view integer_digits;
  std::string_view fraction_digits;
  [[nodiscard]] std::size_t size() const { return integer_digits.size() + fraction_digits.size(); }
  [[nodiscard]] int operator[](std::size_t i) const {
    const char c = i < integer_digits.size() ? integer_digits[i] : fraction_digits[i - integer_digits.size()];
    return c - '0';
  }
};

std::string_view take_digits(std::string_view text, std::size_t& position) {
  const std::size_t start = position;
  while (position < text.size() && text[position] >= '0' && text[position] <= '9') ++position;
  return text.substr(start, position - start);
}

Decimal parse(std::string_view text, std::optional<RoundingMode> mode) {
  std::size_t position = 0;
  bool negative = false;
  if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
    negative = text[position] == '-';
    ++position;
  }
  Mantissa mantissa;
  mantissa.integer_digits = take_digits(text, position);
  if (position < text.size() && text[position] == '.') {
    ++position;
    mantissa.fraction_digits = take_digits(text, position);
  }
  if (mantissa.size() == 0) throw_invalid(text);
  std::int64_t exponent = 0;
  if (position < text.size() && (text[position] == 'e' || text[position] == 'E')) {
    ++position;
    bool exponent_negative = false;
    if (position < text.size() && (text[position] == '+' || text[position] == '-')) {
      exponent_negative = text[position] == '-';
      ++position;
    }
    const std::string_view exponent_digits = take_digits(text, position);
    if (exponent_digits.empty()) throw_invalid(text);
    // Saturate: past a billion the outcome (zero or overflow) no longer depends on the exact value.
    for (const char c : exponent_digits) exponent = std::min<std::int64_t>(exponent * 10 + (c - '0'), 1'000'000'000);
    if (exponent_negative) exponent = -exponent;
  }
  if (position != text.size()) throw_invalid(text);

  // value = digits * 10^(exponent - fraction length); in raw units, shift the point 18 places more.
  std::size_t first = 0;
  while (first < mantissa.size() && mantissa[first] == 0) ++first;  // leading zeros carry nothing
  const std::int64_t significant = static_cast<std::int64_t>(mantissa.size() - first);
  const std::int64_t scale =
      exponent - static_cast<std::int64_t>(mantissa.fraction_digits.size()) + Decimal::kFractionalDigits;
  if (significant == 0) return Decimal();

  const auto overflow = [&]() -> Decimal {
    throw DecimalOverflow("decimal number " + quoted(text) + " is outside the range +-" +
                          Decimal::max_value().to_string());
  };
  // Digits kept are those at or above the 10^-18 place; the others form the tail.
  const std::int64_t kept_count = std::min(significant, significant + scale);
  if (kept_count > 39) return overflow();
  U128 units = 0;
  for (std::int64_t i = 0; i < kept_count; ++i) {
    const int digit = mantissa[first + static_cast<std::size_t>(i)];
    // units * 10 + digit <= kMaxMagnitude, without dividing (a 128-bit division is a library call).
    constexpr U128 kLimit = kMaxMagnitude / 10;
    constexpr int kLimitLastDigit = static_cast<int>(kMaxMagnitude % 10);
    if (units > kLimit || (units == kLimit && digit > kLimitLastDigit)) return overflow();
    units = units * 10 + static_cast<U128>(digit);
  }
  Tail tail = Tail::zero;
  if (scale >= 0) {
    if (scale > 38 || units > kMaxBeforeScaling[static_cast<std::size_t>(scale)]) return overflow();
    units *= kPow10[static_cast<std::size_t>(scale)];
  } else {
    // The dropped digits: the first one compared with 5, the rest only as "any non-zero".
    const std::int64_t dropped_start = std::max<std::int64_t>(kept_count, 0);
    const int leading = kept_count < 0 ? 0 : mantissa[first + static_cast<std::size_t>(dropped_start)];
    bool rest_nonzero = false;
    for (std::size_t i = first + static_cast<std::size_t>(dropped_start) + (kept_count < 0 ? 0 : 1);
         i < mantissa.size() && !rest_nonzero; ++i) {
      rest_nonzero = mantissa[i] != 0;
    }
    if (leading == 0 && !rest_nonzero) {
      tail = Tail::zero;  // only trailing zeros were dropped: exact
    } else if (leading < 5) {
      tail = Tail::below_half;
    } else if (leading == 5) {
      tail = rest_nonzero ? Tail::above_half : Tail::half;
    } else {
      tail = Tail::above_half;
    }
    if (tail != Tail::zero && !mode) {
      throw std::invalid_argument("decimal number " + quoted(text) + " has more than 18 fractional digits; " +
                                  "pass a RoundingMode to round it");
    }
  }
  const auto raw = round_magnitude(units, tail, negative, 1, mode.value_or(RoundingMode::half_even));
  if (!raw) return overflow();
  return Decimal::from_raw(*raw);
}

// The fast path of from_double and from_string: the common text ("[-]digits[.digits][e[+-]digits]",
// at most 19 digits, as std::to_chars's shortest text and the ABI's decimal text are) read with 64-bit
// arithmetic. Gives the same value as parse() (the same rounding of dropped digits, through tail_of),
// or std::nullopt for whatever it does not cover (more digits, other spellings, extreme exponents,
// out of range, digits to drop without a `mode`): parse() then decides, errors included.
std::optional<Raw> parse_common(std::string_view text, std::optional<RoundingMode> mode) {
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (p != end && *p == '-') {
    negative = true;
    ++p;
  }
  std::uint64_t digits = 0;
  int count = 0;
  int fraction_length = 0;
  bool in_fraction = false;
  for (; p != end; ++p) {
    const char c = *p;
    if (c >= '0' && c <= '9') {
      if (++count > 19) return std::nullopt;
      digits = digits * 10 + static_cast<std::uint64_t>(c - '0');
      fraction_length += in_fraction ? 1 : 0;
    } else if (c == '.' && !in_fraction) {
      in_fraction = true;
    } else {
      break;
    }
  }
  if (count == 0) return std::nullopt;
  int exponent = 0;
  if (p != end) {
    if (*p != 'e' || ++p == end) return std::nullopt;
    bool exponent_negative = false;
    if (*p == '+' || *p == '-') {
      exponent_negative = *p == '-';
      ++p;
    }
    if (p == end || end - p > 3) return std::nullopt;
    for (; p != end; ++p) {
      if (*p < '0' || *p > '9') return std::nullopt;
      exponent = exponent * 10 + (*p - '0');
    }
    if (exponent_negative) exponent = -exponent;
  }
  const int scale = exponent - fraction_length + Decimal::kFractionalDigits;
  if (scale >= 0) {
    if (scale > 38 || digits > kMaxBeforeScaling[static_cast<std::size_t>(scale)]) return std::nullopt;
    const U128 units = static_cast<U128>(digits) * kPow10[static_cast<std::size_t>(scale)];
    return negative ? -static_cast<Raw>(units) : static_cast<Raw>(units);
  }
  if (-scale > 19) return std::nullopt;
  const std::uint64_t divisor = static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(-scale)]);
  const Tail tail = tail_of(digits % divisor, divisor);
  if (!mode && tail != Tail::zero) return std::nullopt;  // parse() names the digits that do not fit
  return round_magnitude(digits / divisor, tail, negative, 1, mode.value_or(RoundingMode::half_even));
}

// The value of std::to_chars's shortest text for a positive double, without the text: the decimal
// with the fewest digits that reads back as `magnitude` (the one nearest the exact value when several
// do), in 10^-18 units. Exact integer arithmetic on the rounding interval, as Ryu does: magnitude =
// m * 2^e, and a decimal c * 10^-d reads back as it when it lies within half a unit of the last place
// (a quarter below a power of two), bounds included when m is even (reading rounds ties to even).
// Fewer fractional digits means fewer significant digits here, so the shortest text is the smallest
// d with a candidate; that is monotone in d (c * 10^-d is 10c * 10^-(d+1)), hence the binary search.
// std::nullopt outside 2^-73 .. 2^53 (no 128-bit room), when no decimal with at most 18 fractional
// digits reads back (the caller then rounds the text), and on an exact tie between two nearest
// candidates: the text path decides those.
std::optional<U128> shortest_units(double magnitude) {
  const std::uint64_t bits = std::bit_cast<std::uint64_t>(magnitude);
  const int biased_exponent = static_cast<int>((bits >> 52) & 0x7FF);
  const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
  if (biased_exponent == 0 || biased_exponent == 0x7FF) return std::nullopt;  // zero, subnormal, inf, NaN
  const std::uint64_t m = fraction | (std::uint64_t{1} << 52);
  // magnitude = m * 2^(biased_exponent - 1075); the bounds below count units of 2^(that - 2).
  const int shift = 1077 - biased_exponent;
  if (shift < 2 || shift > 127) return std::nullopt;
  const std::uint64_t low_bound = fraction == 0 && biased_exponent > 1 ? 4 * m - 1 : 4 * m - 2;
  const std::uint64_t high_bound = 4 * m + 2;
  const bool inclusive = (m & 1) == 0;
  const U128 mask = (static_cast<U128>(1) << shift) - 1;
  // The candidates c at d fractional digits: low <= c <= high, with low = ceil(bound * 10^d / 2^shift)
  // (one more when the bound itself is excluded) and high = floor(...) (one less). The bounds times
  // 10^d stay below 2^115, so adding up to 2^127 does not wrap.
  const U128 low_adjust = mask + (inclusive ? 0 : 1);
  const U128 high_adjust = inclusive ? 0 : 1;
  const auto candidates = [&](int d, U128& low, U128& high) {
    const auto power = static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(d)]);
    low = (static_cast<U128>(low_bound) * power + low_adjust) >> shift;
    high = (static_cast<U128>(high_bound) * power - high_adjust) >> shift;
    return low <= high;
  };
  int without = -1;                           // no candidate at this many digits (-1: none tried)
  int with = Decimal::kFractionalDigits + 1;  // a candidate at this many (19: none up to 18)
  U128 low = 0;
  U128 high = 0;
  while (with - without > 1) {
    const int middle = (with + without) / 2;
    U128 middle_low = 0;
    U128 middle_high = 0;
    if (candidates(middle, middle_low, middle_high)) {
      with = middle;
      low = middle_low;
      high = middle_high;
    } else {
      without = middle;
    }
  }
  if (with > Decimal::kFractionalDigits) return std::nullopt;
  U128 chosen = low;
  if (low != high) {  // several: the nearest to the exact value m * 2^e * 10^d
    const U128 exact = static_cast<U128>(4 * m) * static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(with)]);
    const U128 below = exact >> shift;
    const U128 remainder = exact & mask;
    const U128 half = static_cast<U128>(1) << (shift - 1);
    if (remainder == half) return std::nullopt;
    chosen = remainder > half ? below + 1 : below;
    if (chosen < low || chosen > high) return std::nullopt;
  }
  // chosen * 10^-with < 2^53, so chosen * 10^(18 - with) < 2^113: within range.
  return chosen * static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(Decimal::kFractionalDigits - with)]);
}

// Writes the digits of value (< 10^39) at `out`; returns the end.
char* write_u128(char* out, U128 value) {
  constexpr std::uint64_t kTen19 = 10'000'000'000'000'000'000ULL;
  if (high64(value) == 0) return std::to_chars(out, out + 20, low64(value)).ptr;
  std::uint64_t low = 0;
  const U128 high = join64(high64(value) / kTen19, divide_128_by_64(high64(value) % kTen19, low64(value), kTen19, low));
  out = write_u128(out, high);
  // The low 19 digits, zero-padded.
  for (int i = 18; i >= 0; --i) {
    out[i] = static_cast<char>('0' + low % 10);
    low /= 10;
  }
  return out + 19;
}

// Splits a magnitude into whole units and the 18-digit fraction (value = whole + fraction / 10^18).
void split_whole(U128 magnitude, U128& whole, std::uint64_t& fraction) {
  const std::uint64_t whole_high = high64(magnitude) / kScale;
  const std::uint64_t whole_low = divide_128_by_64(high64(magnitude) % kScale, low64(magnitude), kScale, fraction);
  whole = join64(whole_high, whole_low);
}

}  // namespace

// ---- construction and text -----------------------------------------------------------------------

Decimal Decimal::from_string(std::string_view text) {
  if (const auto fast = parse_common(text, std::nullopt)) return Decimal(*fast);
  return parse(text, std::nullopt);
}

Decimal Decimal::from_string(std::string_view text, RoundingMode mode) {
  if (const auto fast = parse_common(text, mode)) return Decimal(*fast);
  return parse(text, mode);
}

Decimal Decimal::from_double(double value, RoundingMode mode) {
  // Exact with at most 18 fractional digits, so `mode` has nothing to round.
  if (const auto units = shortest_units(std::fabs(value))) {
    return Decimal(std::signbit(value) ? -static_cast<Raw>(*units) : static_cast<Raw>(*units));
  }
  std::array<char, 64> buffer{};
  // The shortest form that reads back as the same double ("0.1", "1e-08", "1.5e+20").
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  const std::string_view text(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
  if (!std::isfinite(value)) {
    throw std::invalid_argument("Decimal::from_double: " + std::string(text) + " is not a finite number");
  }
  if (const auto fast = parse_common(text, mode)) return Decimal(*fast);
  return parse(text, mode);
}

std::string Decimal::to_string() const {
  std::array<char, kMaxTextLength> buffer{};
  return {buffer.data(), write_text(buffer.data())};
}

char* Decimal::write_text(char* out) const noexcept {
  U128 whole = 0;
  std::uint64_t fraction = 0;
  split_whole(magnitude_of(raw_), whole, fraction);
  if (raw_ < 0) *out++ = '-';
  out = write_u128(out, whole);
  if (fraction != 0) {
    // Trailing zeros go in halving steps (at most 17 of them: 16 + 1), and the digits two at a
    // time: prices and amounts like "0.35" took 16 single-digit divisions to strip, and trading
    // modes get every order, balance and price written this way across the C ABI.
    int digits = kFractionalDigits;
    const auto strip = [&](std::uint64_t power, int zeros) {  // constant divisors: multiplications
      if (fraction % power == 0) {
        fraction /= power;
        digits -= zeros;
      }
    };
    strip(10'000'000'000'000'000ULL, 16);
    strip(100'000'000ULL, 8);
    strip(10'000ULL, 4);
    strip(100ULL, 2);
    strip(10ULL, 1);
    *out++ = '.';
    static constexpr char kPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    int i = digits;
    for (; i >= 2; i -= 2) {
      const auto pair = static_cast<std::size_t>(fraction % 100) * 2;
      fraction /= 100;
      out[i - 2] = kPairs[pair];
      out[i - 1] = kPairs[pair + 1];
    }
    if (i == 1) out[0] = static_cast<char>('0' + fraction);
    out += digits;
  }
  return out;
}

double Decimal::to_double() const noexcept {
  // Fast exact path: when the value is m / 10^k with m <= 2^53 and k <= 18, both are exact doubles and
  // one IEEE division rounds correctly. Otherwise go through the exact text, which from_chars rounds
  // correctly.
  constexpr std::uint64_t kExactInteger = std::uint64_t{1} << 53;
  U128 whole = 0;
  std::uint64_t fraction = 0;
  split_whole(magnitude_of(raw_), whole, fraction);
  if (whole <= kExactInteger) {
    int digits = 0;
    std::uint64_t fraction_digits = fraction;
    if (fraction_digits != 0) {
      digits = kFractionalDigits;
      while (fraction_digits % 10 == 0) {
        fraction_digits /= 10;
        --digits;
      }
    }
    const U128 mantissa = whole * kPow10[static_cast<std::size_t>(digits)] + fraction_digits;
    if (mantissa <= kExactInteger) {
      const double result =
          static_cast<double>(low64(mantissa)) / static_cast<double>(low64(kPow10[static_cast<std::size_t>(digits)]));
      return raw_ < 0 ? -result : result;
    }
  }
  const std::string text = to_string();
  double result = 0.0;
  std::from_chars(text.data(), text.data() + text.size(), result);
  return result;
}

std::ostream& operator<<(std::ostream& out, const Decimal& value) { return out << value.to_string(); }

// ---- multiplication, division, rounding --------------------------------------------------------

Decimal Decimal::mul(Decimal other, RoundingMode mode) const { return mul(other, kFractionalDigits, mode); }

Decimal Decimal::div(Decimal other, RoundingMode mode) const { return div(other, kFractionalDigits, mode); }

Decimal Decimal::mul(Decimal other, int digits, RoundingMode mode) const {
  const bool negative = (raw_ < 0) != (other.raw_ < 0);
  const U128 a = magnitude_of(raw_);
  const U128 b = magnitude_of(other.raw_);
  // raw(a * b) = a * b / 10^18 exactly, as whole units plus a remainder that decides the rounding.
  U128 units = 0;
  std::uint64_t remainder = 0;
  if (high64(a) == 0 && high64(b) == 0) {
    std::array<std::uint64_t, 2> product = {low64(a * b), high64(a * b)};
    remainder = divide_limbs(product, kScale);
    units = join64(product[1], product[0]);
  } else {
    U256 product = multiply_wide(a, b);
    remainder = divide_limbs(product, kScale);
    if (product[2] != 0 || product[3] != 0) throw_overflow(*this, '*', other);
    units = join64(product[1], product[0]);
  }
  const auto raw = round_to_digits(units, tail_of(remainder, kScale), negative, digits, mode);
  if (!raw) throw_overflow(*this, '*', other);
  return Decimal(*raw);
}

Decimal Decimal::div(Decimal other, int digits, RoundingMode mode) const {
  if (other.raw_ == 0) throw DecimalDivisionByZero("Decimal division by zero: " + to_string() + " / 0");
  const bool negative = (raw_ < 0) != (other.raw_ < 0);
  const U128 divisor = magnitude_of(other.raw_);
  // raw(a / b) = raw(a) * 10^18 / raw(b): scale the numerator first so the quotient keeps 18 digits.
  U256 numerator = multiply_wide(magnitude_of(raw_), kScale);
  U128 remainder = 0;
  U256 quotient{};
  if (high64(divisor) == 0) {
    quotient = numerator;
    remainder = divide_limbs(quotient, low64(divisor));
  } else {
    divide_256_by_128(numerator, divisor, quotient, remainder);
  }
  if (quotient[2] != 0 || quotient[3] != 0) throw_overflow(*this, '/', other);
  const auto raw =
      round_to_digits(join64(quotient[1], quotient[0]), tail_of(remainder, divisor), negative, digits, mode);
  if (!raw) throw_overflow(*this, '/', other);
  return Decimal(*raw);
}

Decimal Decimal::round_to_decimals(int digits, RoundingMode mode) const {
  const auto raw = round_to_digits(magnitude_of(raw_), Tail::zero, raw_ < 0, digits, mode);
  if (!raw) {
    throw DecimalOverflow("Decimal overflow: rounding " + to_string() + " to " + std::to_string(digits) +
                          " decimals leaves the range +-" + max_value().to_string());
  }
  return Decimal(*raw);
}

Decimal Decimal::round_to_step(Decimal step, RoundingMode mode) const {
  if (step.raw_ <= 0) {
    throw std::invalid_argument("Decimal::round_to_step: the step must be positive, got " + step.to_string());
  }
  const auto raw = round_magnitude(magnitude_of(raw_), Tail::zero, raw_ < 0, static_cast<U128>(step.raw_), mode);
  if (!raw) {
    throw DecimalOverflow("Decimal overflow: rounding " + to_string() + " to a multiple of " + step.to_string() +
                          " leaves the range +-" + max_value().to_string());
  }
  return Decimal(*raw);
}

// ---- errors -------------------------------------------------------------------------------------

void Decimal::throw_overflow(Decimal a, char operation, Decimal b) {
  throw DecimalOverflow("Decimal overflow: " + a.to_string() + " " + operation + " " + b.to_string() +
                        " is outside the range +-" + max_value().to_string());
}

void Decimal::throw_out_of_range_raw() {
  throw DecimalOverflow("Decimal::from_raw: INT128_MIN is outside the symmetric range +-" + max_value().to_string());
}

}  // namespace octobot::commons
