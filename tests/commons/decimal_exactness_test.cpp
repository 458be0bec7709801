// Exactness at scale: a million random fills reconciled against integer bookkeeping to the last unit,
// and random products and quotients (every rounding mode, every precision) checked against an
// independent wide-integer oracle.
#include <catch2/catch.hpp>
#include <octobot/commons/decimal.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>

#include "wide_reference.hpp"

namespace {

using octobot::commons::Decimal;
using octobot::commons::DecimalOverflow;
using octobot::commons::RoundingMode;
using octobot::commons::testing::U128;
using octobot::commons::testing::Wide;
using Raw = Decimal::Raw;

constexpr std::array<RoundingMode, 6> kModes = {RoundingMode::half_even, RoundingMode::half_up, RoundingMode::down,
                                                RoundingMode::up,        RoundingMode::floor,   RoundingMode::ceiling};

constexpr Raw pow10(int exponent) {
  Raw value = 1;
  for (int i = 0; i < exponent; ++i) value *= 10;
  return value;
}

constexpr U128 kMaxRaw = (static_cast<U128>(1) << 127) - 1;

U128 magnitude(Raw value) { return value < 0 ? -static_cast<U128>(value) : static_cast<U128>(value); }

// The rounding rules as the documentation states them, written independently of the library: should the
// magnitude grow by one step, given the part left over (`remainder` of `unit`)?
bool reference_rounds_away(const Wide& remainder, const Wide& unit, bool odd, bool negative, RoundingMode mode) {
  if (remainder == Wide()) return false;
  const int half = compare(remainder + remainder, unit);
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
      return half >= 0;
    case RoundingMode::half_even:
      return half > 0 || (half == 0 && odd);
  }
  return false;
}

// Rounds a non-negative integer quotient in plain 128-bit integers (the fills' reference bookkeeping).
Raw reference_divide(Raw numerator, Raw divisor, RoundingMode mode) {
  const Raw quotient = numerator / divisor;
  return reference_rounds_away(Wide(static_cast<U128>(numerator % divisor)), Wide(static_cast<U128>(divisor)),
                               quotient % 2 == 1, false, mode)
             ? quotient + 1
             : quotient;
}

// A value from 1 to 10^max_digits with a log-uniform spread, so tiny and huge values are both common.
Raw log_uniform(std::mt19937_64& random, int max_digits) {
  const int digits = static_cast<int>(random() % static_cast<std::uint64_t>(max_digits + 1));
  return 1 + static_cast<Raw>(random() % static_cast<std::uint64_t>(pow10(digits)));
}

// Raw values that stress the wide arithmetic: all-ones limbs (carries), powers of two and ten, and
// uniformly random bit patterns of random length; either sign.
Raw random_operand(std::mt19937_64& random) {
  const int bits = 1 + static_cast<int>(random() % 127);
  const U128 mask = (static_cast<U128>(1) << bits) - 1;
  U128 value = 0;
  switch (random() % 6) {
    case 0:
      value = mask;
      break;
    case 1:
      value = static_cast<U128>(1) << (bits - 1);
      break;
    case 2:
      value = static_cast<U128>(pow10(static_cast<int>(random() % 39)));
      break;
    case 3:
      value = static_cast<U128>(pow10(static_cast<int>(random() % 39))) - 1;
      break;
    default:
      value = ((static_cast<U128>(random()) << 64) | random()) & mask;
      break;
  }
  if (value > kMaxRaw) value = kMaxRaw;
  const Raw signed_value = static_cast<Raw>(value);
  return random() % 2 == 0 ? signed_value : -signed_value;
}

// Checks compute(mode) == exact / unit rounded with `mode` to a whole number of steps of `step` raw
// units, with the sign `negative`. The truncated result is bracketed by the oracle first; every other
// mode must then be it or one step further from zero, as the remainder dictates.
void check_against_oracle(const Wide& exact, const Wide& unit, U128 step, bool negative, RoundingMode mode,
                          const std::function<Decimal(RoundingMode)>& compute) {
  const U128 max_steps = kMaxRaw / step;
  std::optional<Decimal> truncated;
  try {
    truncated = compute(RoundingMode::down);
  } catch (const DecimalOverflow&) {
  }
  if (!truncated) {
    REQUIRE(Wide(max_steps + 1) * unit <= exact);  // overflow was right: even truncated it does not fit
    REQUIRE_THROWS_AS(compute(mode), DecimalOverflow);
    return;
  }
  const U128 raw_magnitude = magnitude(truncated->raw());
  REQUIRE(raw_magnitude % step == 0);
  const U128 steps = raw_magnitude / step;
  REQUIRE(Wide(steps) * unit <= exact);
  REQUIRE(exact < Wide(steps + 1) * unit);
  if (steps != 0) REQUIRE(truncated->is_negative() == negative);

  const Wide remainder = exact - Wide(steps) * unit;
  const U128 expected_steps = steps + (reference_rounds_away(remainder, unit, steps % 2 == 1, negative, mode) ? 1 : 0);
  if (expected_steps > max_steps) {
    REQUIRE_THROWS_AS(compute(mode), DecimalOverflow);
    return;
  }
  const Raw expected = static_cast<Raw>(expected_steps * step);
  REQUIRE(compute(mode) == Decimal::from_raw(negative ? -expected : expected));
}

}  // namespace

TEST_CASE("Exactness: 1,000,000 random fills and fees reconcile to the smallest unit", "[decimal][exactness]") {
  constexpr int kFills = 1'000'000;
  constexpr std::array<int, 4> kFeeDigits = {8, 6, 4, 2};
  std::mt19937_64 random(20240501);

  // The portfolio in Decimal, as the trading code will keep it.
  Decimal base;                                      // e.g. BTC
  Decimal quote = Decimal::from_integer(1'000'000);  // e.g. USDT
  Decimal fees;
  // The same portfolio in plain integers of fixed units: base and fees in 10^-8 and 10^-14 (price has 6
  // decimals, amount 8, so every cost is a whole number of 10^-14).
  Raw base_units = 0;                       // 10^-8
  Raw quote_units = 1'000'000 * pow10(14);  // 10^-14
  Raw fee_units_total = 0;                  // 10^-14

  for (int fill = 1; fill <= kFills; ++fill) {
    const Raw price_units = log_uniform(random, 11);           // 0.000001 .. 100000.000001, 6 decimals
    const Raw amount_units = log_uniform(random, 12);          // 0.00000001 .. 10000.00000001, 8 decimals
    const Raw rate_units = static_cast<Raw>(random() % 5001);  // 0 .. 0.5%, 6 decimals
    const int fee_digits = kFeeDigits[random() % kFeeDigits.size()];
    const RoundingMode mode = kModes[random() % kModes.size()];
    const bool buy = random() % 2 == 0;

    const Decimal price = Decimal::from_raw(price_units * pow10(12));
    const Decimal amount = Decimal::from_raw(amount_units * pow10(10));
    const Decimal rate = Decimal::from_raw(rate_units * pow10(12));
    const Decimal cost = price * amount;
    const Decimal fee = cost.mul(rate, fee_digits, mode);  // exact cost * rate has 20 decimals: rounded once
    if (buy) {
      base += amount;
      quote -= cost + fee;
    } else {
      base -= amount;
      quote += cost - fee;
    }
    fees += fee;

    const Raw cost_units = price_units * amount_units;                                                // 10^-14
    const Raw fee_rounded = reference_divide(cost_units * rate_units, pow10(20 - fee_digits), mode);  // 10^-fee_digits
    const Raw fee_units = fee_rounded * pow10(14 - fee_digits);                                       // 10^-14
    if (buy) {
      base_units += amount_units;
      quote_units -= cost_units + fee_units;
    } else {
      base_units -= amount_units;
      quote_units += cost_units - fee_units;
    }
    fee_units_total += fee_units;

    // Per fill without Catch's per-assertion cost; the balances are asserted at checkpoints.
    if (fee.raw() != fee_units * pow10(4)) {
      FAIL("fill " << fill << ": fee " << fee << " != reference " << Decimal::from_raw(fee_units * pow10(4)));
    }
    if (fill % 100'000 == 0) {
      INFO("after fill " << fill);
      REQUIRE(base.raw() == base_units * pow10(10));
      REQUIRE(quote.raw() == quote_units * pow10(4));
      REQUIRE(fees.raw() == fee_units_total * pow10(4));
    }
  }
  REQUIRE_FALSE(fees.is_zero());
}

TEST_CASE("Exactness: random products match a wide-integer oracle in every mode and precision",
          "[decimal][exactness]") {
  std::mt19937_64 random(1);
  const Wide scale(static_cast<U128>(Decimal::kScale));
  for (int i = 0; i < 100'000; ++i) {
    const Decimal a = Decimal::from_raw(random_operand(random));
    const Decimal b = Decimal::from_raw(random_operand(random));
    const RoundingMode mode = kModes[random() % kModes.size()];
    const int digits = i % 4 == 0 ? -20 + static_cast<int>(random() % 39) : Decimal::kFractionalDigits;
    const U128 step = static_cast<U128>(pow10(Decimal::kFractionalDigits - digits));
    INFO(a << " * " << b << " to " << digits << " digits, mode " << static_cast<int>(mode));
    const Wide exact = Wide(magnitude(a.raw())) * Wide(magnitude(b.raw()));  // units of 10^-36
    check_against_oracle(exact, scale * Wide(step), step, a.is_negative() != b.is_negative(), mode,
                         [&](RoundingMode m) { return a.mul(b, digits, m); });
  }
}

TEST_CASE("Exactness: random quotients match a wide-integer oracle in every mode and precision",
          "[decimal][exactness]") {
  std::mt19937_64 random(2);
  const Wide scale(static_cast<U128>(Decimal::kScale));
  for (int i = 0; i < 100'000; ++i) {
    const Decimal a = Decimal::from_raw(random_operand(random));
    Decimal b = Decimal::from_raw(random_operand(random));
    if (b.is_zero()) b = Decimal::from_raw(1);
    const RoundingMode mode = kModes[random() % kModes.size()];
    const int digits = i % 4 == 0 ? -20 + static_cast<int>(random() % 39) : Decimal::kFractionalDigits;
    const U128 step = static_cast<U128>(pow10(Decimal::kFractionalDigits - digits));
    INFO(a << " / " << b << " to " << digits << " digits, mode " << static_cast<int>(mode));
    // a / b in raw units is |a| * 10^18 / |b|; in steps, divide by `step` as well.
    const Wide exact = Wide(magnitude(a.raw())) * scale;
    check_against_oracle(exact, Wide(magnitude(b.raw())) * Wide(step), step, a.is_negative() != b.is_negative(), mode,
                         [&](RoundingMode m) { return a.div(b, digits, m); });
  }
}

TEST_CASE("Exactness: dividing an exact product by a factor gives the other factor back", "[decimal][exactness]") {
  std::mt19937_64 random(3);
  for (int i = 0; i < 100'000; ++i) {
    // Up to 9 decimals each, so the product has at most 18 and is exact; magnitudes up to 10^10.
    const Raw a_units = log_uniform(random, 19) * (random() % 2 == 0 ? 1 : -1);
    const Raw b_units = log_uniform(random, 19);
    const Decimal a = Decimal::from_raw(a_units * pow10(9));
    const Decimal b = Decimal::from_raw(b_units * pow10(9));
    const Decimal product = a * b;
    INFO(a << " * " << b << " = " << product);
    REQUIRE(product.raw() == a_units * b_units);
    REQUIRE(product / b == a);
    REQUIRE(product / a == b);
    REQUIRE(product.div(b, RoundingMode::up) == a);  // exact: no mode may move it
  }
}
