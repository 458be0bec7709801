// Decimal: parsing, formatting, arithmetic, rounding modes, overflow, comparisons, hashing.
#include <catch2/catch.hpp>
#include <octobot/commons/decimal.hpp>
#include <octobot/commons/decimal_format.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <typeinfo>
#include <unordered_set>
#include <vector>

namespace {

using Catch::Matchers::Contains;
using octobot::commons::Decimal;
using octobot::commons::DecimalDivisionByZero;
using octobot::commons::DecimalOverflow;
using octobot::commons::RoundingMode;
using Raw = Decimal::Raw;

Decimal D(std::string_view text) { return Decimal::from_string(text); }

constexpr const char* kMaxText = "170141183460469231731.687303715884105727";

const char* mode_name(RoundingMode mode) {
  switch (mode) {
    case RoundingMode::half_even:
      return "half_even";
    case RoundingMode::half_up:
      return "half_up";
    case RoundingMode::down:
      return "down";
    case RoundingMode::up:
      return "up";
    case RoundingMode::floor:
      return "floor";
    case RoundingMode::ceiling:
      return "ceiling";
  }
  return "?";
}

constexpr Raw raw_power_of_two(int bits) { return static_cast<Raw>(1) << bits; }

}  // namespace

// Compile-time: the inline operations are usable in constant expressions.
static_assert(Decimal::from_integer(2) + Decimal::from_integer(3) == Decimal::from_integer(5));
static_assert(Decimal::from_integer(2) - Decimal::from_integer(3) < Decimal());
static_assert(-Decimal::max_value() == Decimal::min_value());
static_assert(sizeof(Decimal) == 16);

TEST_CASE("Decimal parses the accepted grammar exactly", "[decimal]") {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      {"123", "123"},
      {"-0.5", "-0.5"},
      {"1e-8", "0.00000001"},
      {"1.5E3", "1500"},
      {"1E+2", "100"},
      {"+.5", "0.5"},
      {"5.", "5"},
      {"-0", "0"},
      {"-0.000", "0"},
      {"000123.4500", "123.45"},
      {"0.000000000000000001", "0.000000000000000001"},
      {"1e-18", "0.000000000000000001"},
      {"100e-20", "0.000000000000000001"},
      {"1.000000000000000000000000", "1"},  // trailing zeros past the 18th digit are exact
      {"0e999999999999999999", "0"},
      {"0.0000000000000000000000000000", "0"},
      {"12345678901234567890.123456789012345678", "12345678901234567890.123456789012345678"},
      {"0.00012345e4", "1.2345"},
      {"1234500e-4", "123.45"},
      {kMaxText, kMaxText},
      {"-170141183460469231731.687303715884105727", "-170141183460469231731.687303715884105727"},
  };
  for (const auto& [text, expected] : cases) {
    INFO("text: " << text);
    CHECK(D(text).to_string() == expected);
  }
  CHECK(D("1") == Decimal::from_integer(1));
  CHECK(D("1").raw() == Decimal::kScale);
  CHECK(D("1e-18") == Decimal::from_raw(1));
  CHECK(D(kMaxText) == Decimal::max_value());
}

TEST_CASE("Decimal rejects garbage with std::invalid_argument naming the text", "[decimal]") {
  for (const std::string_view text :
       {"",   " 1",  "1 ",  "abc", "1.2.3", "--1",  "+-1", "1e",    "1e+",   ".",    "-",
        "e5", "nan", "NaN", "inf", "-inf",  "0x10", "1,5", "1_000", "1e5.5", "1..2", "\t1"}) {
    INFO("text: \"" << text << "\"");
    CHECK_THROWS_AS(D(text), std::invalid_argument);
    CHECK_THROWS_WITH(D(text), Contains("\"" + std::string(text) + "\""));
  }
  const std::string long_garbage(10'000, 'x');
  CHECK_THROWS_WITH(D(long_garbage), Contains("10000 characters"));
}

TEST_CASE("Decimal refuses more than 18 fractional digits unless asked to round", "[decimal]") {
  CHECK_THROWS_AS(D("0.0000000000000000001"), std::invalid_argument);
  CHECK_THROWS_WITH(D("0.0000000000000000001"), Contains("more than 18 fractional digits"));
  CHECK_THROWS_AS(D("1e-19"), std::invalid_argument);
  CHECK_THROWS_AS(D("1.0000000000000000001"), std::invalid_argument);

  CHECK(Decimal::from_string("0.0000000000000000001", RoundingMode::half_even).is_zero());
  CHECK(Decimal::from_string("0.0000000000000000001", RoundingMode::up) == Decimal::from_raw(1));
  CHECK(Decimal::from_string("1e-400", RoundingMode::ceiling) == Decimal::from_raw(1));
  CHECK(Decimal::from_string("-1e-400", RoundingMode::floor) == Decimal::from_raw(-1));
  CHECK(Decimal::from_string("-1e-400", RoundingMode::ceiling).is_zero());

  struct Case {
    std::string_view text;
    RoundingMode mode;
    Raw expected;
  };
  // 1.5, 2.5 and 2.50...01 units of 10^-18, each sign, through every mode.
  const std::vector<Case> cases = {
      {"0.0000000000000000015", RoundingMode::half_even, 2},
      {"0.0000000000000000025", RoundingMode::half_even, 2},
      {"0.00000000000000000250001", RoundingMode::half_even, 3},
      {"0.0000000000000000025", RoundingMode::half_up, 3},
      {"0.0000000000000000024999", RoundingMode::half_up, 2},
      {"0.0000000000000000025", RoundingMode::down, 2},
      {"0.0000000000000000021", RoundingMode::up, 3},
      {"0.0000000000000000029", RoundingMode::floor, 2},
      {"0.0000000000000000021", RoundingMode::ceiling, 3},
      {"-0.0000000000000000015", RoundingMode::half_even, -2},
      {"-0.0000000000000000025", RoundingMode::half_even, -2},
      {"-0.0000000000000000025", RoundingMode::half_up, -3},
      {"-0.0000000000000000029", RoundingMode::down, -2},
      {"-0.0000000000000000021", RoundingMode::up, -3},
      {"-0.0000000000000000021", RoundingMode::floor, -3},
      {"-0.0000000000000000029", RoundingMode::ceiling, -2},
      {"12.3456789012345678915", RoundingMode::half_even, Raw{12} * Decimal::kScale + 345678901234567892},
  };
  for (const auto& c : cases) {
    INFO(c.text << " " << mode_name(c.mode));
    CHECK(Decimal::from_string(c.text, c.mode) == Decimal::from_raw(c.expected));
  }
}

TEST_CASE("Decimal parsing detects overflow instead of wrapping", "[decimal]") {
  for (const std::string_view text :
       {"170141183460469231731.687303715884105728", "-170141183460469231731.687303715884105728", "1e21", "-1e21",
        "170141183460469231732", "1e1000000000000", "99999999999999999999999999999999999999999999",
        "340282366920938463463.374607431768211456"}) {
    INFO("text: " << text);
    CHECK_THROWS_AS(D(text), DecimalOverflow);
    CHECK_THROWS_AS(D(text), std::overflow_error);
    CHECK_THROWS_WITH(D(text), Contains(std::string(text)));
  }
  // Rounding the last digit up can cross the limit; rounding down stays inside.
  CHECK_THROWS_AS(Decimal::from_string("170141183460469231731.6873037158841057271", RoundingMode::up), DecimalOverflow);
  CHECK(Decimal::from_string("170141183460469231731.6873037158841057271", RoundingMode::down) == Decimal::max_value());
  CHECK(D("1.7e20").to_string() == "170000000000000000000");
}

TEST_CASE("Decimal::to_string is the shortest exact form and reads back unchanged", "[decimal]") {
  CHECK(Decimal().to_string() == "0");
  CHECK(Decimal::from_raw(1).to_string() == "0.000000000000000001");
  CHECK(Decimal::from_raw(-1).to_string() == "-0.000000000000000001");
  CHECK(Decimal::from_integer(-12).to_string() == "-12");
  CHECK(Decimal::from_integer(std::numeric_limits<std::int64_t>::min()).to_string() == "-9223372036854775808");
  CHECK(Decimal::max_value().to_string() == kMaxText);
  CHECK(Decimal::min_value().to_string() == std::string("-") + kMaxText);
  CHECK(Decimal::from_raw(raw_power_of_two(64)).to_string() == "18.446744073709551616");
  CHECK(D("10000000000000000000").to_string() == "10000000000000000000");  // whole part crosses 2^64 below

  std::mt19937_64 random(42);
  for (int i = 0; i < 20'000; ++i) {
    const int bits = static_cast<int>(random() % 127);
    Raw raw = (static_cast<Raw>(random()) << 64 | static_cast<Raw>(random())) & (raw_power_of_two(bits) - 1);
    if (random() % 2 == 0) raw = -raw;
    const Decimal value = Decimal::from_raw(raw);
    const std::string text = value.to_string();
    INFO(text);
    REQUIRE(Decimal::from_string(text) == value);
    REQUIRE((text.find('.') == std::string::npos || text.back() != '0'));
  }
}

TEST_CASE("Decimal::to_string writes every count of fractional digits and trailing zeros", "[decimal]") {
  // The writer strips trailing zeros in steps of 16, 8, 4, 2 and 1 and writes digit pairs: check it
  // against one digit at a time for each number of fractional digits, with zeros inside the digits.
  const auto naive = [](Raw raw) {
    const bool negative = raw < 0;
    const Raw magnitude = negative ? -raw : raw;  // the test's values are far from the range's ends
    const auto scale = static_cast<Raw>(Decimal::kScale);
    Raw whole = magnitude / scale;
    auto fraction = static_cast<std::uint64_t>(magnitude % scale);
    std::string digits;
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(whole % 10)));
      whole /= 10;
    } while (whole != 0);
    std::string text = (negative ? "-" : "") + digits;
    if (fraction != 0) {
      std::string tail(18, '0');
      for (int i = 17; i >= 0; --i, fraction /= 10)
        tail[static_cast<std::size_t>(i)] = static_cast<char>('0' + fraction % 10);
      while (tail.back() == '0') tail.pop_back();
      text += "." + tail;
    }
    return text;
  };
  std::mt19937_64 random(7);
  for (int kept = 1; kept <= 18; ++kept) {
    for (int i = 0; i < 500; ++i) {
      // `kept` fractional digits, the last one non-zero, some of the others zero.
      std::uint64_t fraction = 0;
      for (int d = 0; d < kept; ++d) {
        const std::uint64_t digit = d == kept - 1 ? 1 + random() % 9 : (random() % 3 == 0 ? 0 : random() % 10);
        fraction = fraction * 10 + digit;
      }
      for (int d = kept; d < 18; ++d) fraction *= 10;
      const Raw whole = static_cast<Raw>(random() % 1'000'000);
      Raw raw = whole * static_cast<Raw>(Decimal::kScale) + static_cast<Raw>(fraction);
      if (random() % 2 == 0) raw = -raw;
      const std::string text = Decimal::from_raw(raw).to_string();
      INFO(text);
      REQUIRE(text == naive(raw));
    }
  }
}

TEST_CASE("Decimal::from_double goes through the shortest round-trip text", "[decimal]") {
  CHECK(Decimal::from_double(0.1).to_string() == "0.1");
  CHECK(Decimal::from_double(0.1 + 0.2).to_string() == "0.30000000000000004");
  CHECK(Decimal::from_double(1e-8).to_string() == "0.00000001");
  CHECK(Decimal::from_double(-2.5).to_string() == "-2.5");
  CHECK(Decimal::from_double(-0.0).is_zero());
  CHECK(Decimal::from_double(1.5e20).to_string() == "150000000000000000000");
  CHECK(Decimal::from_double(1e-19).is_zero());
  CHECK(Decimal::from_double(1e-19, RoundingMode::up) == Decimal::from_raw(1));
  CHECK(Decimal::from_double(1.2345678901234567e-10).to_string() == "0.000000000123456789");
  CHECK_THROWS_AS(Decimal::from_double(2e20), DecimalOverflow);
  CHECK_THROWS_AS(Decimal::from_double(std::nan("")), std::invalid_argument);
  CHECK_THROWS_AS(Decimal::from_double(std::numeric_limits<double>::infinity()), std::invalid_argument);
  CHECK_THROWS_WITH(Decimal::from_double(-std::numeric_limits<double>::infinity()), Contains("-inf"));
}

// The general parser, past the 64-bit fast path of from_string and from_double: that path leaves texts
// of more than 19 digits to it, so 20 leading zeros (which carry nothing) send any text there. The
// oracle for the fast path.
Decimal general_parse(const std::string& text, std::optional<RoundingMode> mode) {
  const std::size_t sign = text[0] == '-' ? 1 : 0;
  const std::string padded = text.substr(0, sign) + std::string(20, '0') + text.substr(sign);
  return mode ? Decimal::from_string(padded, *mode) : Decimal::from_string(padded);
}

const RoundingMode kModes[] = {RoundingMode::half_even, RoundingMode::half_up, RoundingMode::down,
                               RoundingMode::up,        RoundingMode::floor,   RoundingMode::ceiling};

// from_double(value, mode) against its definition: the general parser on std::to_chars's shortest text.
void check_from_double(double value, RoundingMode mode) {
  std::array<char, 64> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value).ptr;
  const std::string text(buffer.data(), end);
  INFO(text << " " << mode_name(mode));
  bool expected_overflow = false;
  Decimal expected;
  try {
    expected = general_parse(text, mode);
  } catch (const DecimalOverflow&) {
    expected_overflow = true;
  }
  if (expected_overflow) {
    CHECK_THROWS_AS(Decimal::from_double(value, mode), DecimalOverflow);
  } else {
    CHECK(Decimal::from_double(value, mode) == expected);
  }
}

TEST_CASE("Decimal::from_double gives what parsing its shortest text gives, in every mode", "[decimal]") {
  // Oracle: the general parser on std::to_chars's shortest text, the definition from_double had before
  // its 64-bit fast path. Magnitudes from 1e-25 (rounded away) to 1e21 (out of range), with short and
  // 17-digit mantissas, both signs, every rounding mode.
  std::mt19937_64 random(11);
  std::uniform_real_distribution<double> exponent(-25.0, 21.0);
  for (int i = 0; i < 40'000; ++i) {
    double value = std::pow(10.0, exponent(random));
    if (i % 3 == 0) value = std::round(value * 1e4) / 1e4;  // short texts: "30012.5", "0.0001"
    if (i % 2 == 1) value = -value;
    check_from_double(value, kModes[static_cast<std::size_t>(i) % 6]);
  }
}

TEST_CASE("Decimal::from_double's direct conversion (no text) gives what parsing the shortest text gives",
          "[decimal]") {
  // from_double finds the shortest decimal from the double's bits. The oracle is still the general
  // parser on std::to_chars's shortest text. The cases that stress it: arbitrary bit patterns (17-digit
  // mantissas, the nearest of several shortest candidates), candle prices as the bench's random walk
  // makes them, short decimals and their neighbours one ulp away, powers of two (whose interval is
  // narrower below) and their neighbours, and values with more than 18 fractional digits.
  std::mt19937_64 random(23);
  std::uniform_real_distribution<double> log_price(-25.0, 37.0);
  std::vector<double> values;
  for (int i = 0; i < 25'000; ++i) {
    const double bits_value = std::bit_cast<double>(random() & 0x7FFF'FFFF'FFFF'FFFFULL);
    if (bits_value > 1e-25 && bits_value < 1e21) values.push_back(bits_value);
    const double close = std::exp(log_price(random));
    values.push_back(close);
    values.push_back(close * 1.0002);
    values.push_back(close * 0.9998);
    const double short_value =
        static_cast<double>(random() % 100'000'000'000ULL) / std::pow(10.0, static_cast<double>(random() % 19));
    values.push_back(short_value);
    values.push_back(std::nextafter(short_value, 0.0));
    values.push_back(std::nextafter(short_value, 1e300));
    const double power_of_two = std::ldexp(1.0, static_cast<int>(random() % 140) - 80);
    values.push_back(power_of_two);
    values.push_back(std::nextafter(power_of_two, 0.0));
    values.push_back(std::nextafter(power_of_two, 1e300));
  }
  std::size_t index = 0;
  for (const double magnitude : values) {
    check_from_double(index % 2 == 0 ? magnitude : -magnitude, kModes[index % 6]);
    ++index;
  }
}

TEST_CASE("Decimal::from_string's fast path reads what the general parser reads", "[decimal]") {
  // Plain texts as the ABI carries them (up to 19 digits, up to 18 fractional ones, exponents), some
  // with more fractional digits than fit (refused without a mode, rounded with one).
  std::mt19937_64 random(17);
  for (int i = 0; i < 40'000; ++i) {
    const int digits = 1 + static_cast<int>(random() % 19);
    std::string text = i % 2 == 0 ? "" : "-";
    const std::size_t point = random() % static_cast<std::uint64_t>(digits + 1);
    for (int d = 0; d < digits; ++d) {
      if (static_cast<std::size_t>(d) == point && d > 0) text += '.';
      text += static_cast<char>('0' + random() % 10);
    }
    if (i % 5 == 0) text += "e" + std::to_string(static_cast<int>(random() % 41) - 20);
    INFO(text);
    const RoundingMode mode = static_cast<RoundingMode>(random() % 6);
    std::string expected_error;
    Decimal expected;
    try {
      expected = general_parse(text, std::nullopt);
    } catch (const std::exception& error) {
      expected_error = typeid(error).name();
    }
    if (expected_error.empty()) {
      CHECK(Decimal::from_string(text) == expected);
    } else {
      CHECK_THROWS(Decimal::from_string(text));
    }
    bool overflow = false;
    try {
      expected = general_parse(text, mode);
    } catch (const DecimalOverflow&) {
      overflow = true;
    }
    if (overflow) {
      CHECK_THROWS_AS(Decimal::from_string(text, mode), DecimalOverflow);
    } else {
      CHECK(Decimal::from_string(text, mode) == expected);
    }
  }
}

TEST_CASE("Decimal::write_text writes to_string's text", "[decimal]") {
  std::mt19937_64 random(13);
  for (int i = 0; i < 5'000; ++i) {
    const Raw raw = static_cast<Raw>(random() >> 1) << (random() % 64) | static_cast<Raw>(random());
    const Decimal value = Decimal::from_raw(i % 2 == 0 ? raw : -raw);
    std::array<char, Decimal::kMaxTextLength> buffer{};
    char* end = value.write_text(buffer.data());
    CHECK(std::string(buffer.data(), static_cast<std::size_t>(end - buffer.data())) == value.to_string());
  }
  std::array<char, Decimal::kMaxTextLength> buffer{};
  CHECK(static_cast<std::size_t>(Decimal::min_value().write_text(buffer.data()) - buffer.data()) ==
        Decimal::kMaxTextLength);
}

TEST_CASE("Decimal::to_double is correctly rounded", "[decimal]") {
  CHECK(D("0.1").to_double() == 0.1);
  CHECK(D("0.3").to_double() == 0.3);
  CHECK(D("-30000.5").to_double() == -30000.5);
  CHECK(D("0.000000000000000001").to_double() == 1e-18);
  CHECK(Decimal::max_value().to_double() == 170141183460469231731.687303715884105727);
  CHECK(Decimal().to_double() == 0.0);

  // Oracle: the standard library's correctly rounded text-to-double conversion of the exact value. Mixes
  // short values (the fast path) and values with many digits (the text path).
  std::mt19937_64 random(7);
  for (int i = 0; i < 20'000; ++i) {
    const int bits = static_cast<int>(random() % 127);
    Raw raw = (static_cast<Raw>(random()) << 64 | static_cast<Raw>(random())) & (raw_power_of_two(bits) - 1);
    const int zeros = static_cast<int>(random() % 19);
    for (int z = 0; z < zeros && raw < Decimal::max_value().raw() / 10; ++z) raw = raw / 10 * 10;
    if (random() % 2 == 0) raw = -raw;
    const Decimal value = Decimal::from_raw(raw);
    const std::string text = value.to_string();
    double expected = 0.0;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    INFO(text);
    REQUIRE(value.to_double() == expected);
  }
}

TEST_CASE("Decimal addition is exact: 0.1 + 0.2 == 0.3", "[decimal]") {
  CHECK(D("0.1") + D("0.2") == D("0.3"));
  CHECK(0.1 + 0.2 != 0.3);  // the reason this type exists
  Decimal sum;
  for (int i = 0; i < 1000; ++i) sum += D("0.001");
  CHECK(sum == D("1"));
  CHECK(D("5") - D("7.25") == D("-2.25"));
  Decimal value = D("1.5");
  value -= D("0.5");
  CHECK(value == D("1"));
  value *= D("2.5");
  CHECK(value == D("2.5"));
  value /= D("0.5");
  CHECK(value == D("5"));
  CHECK(-D("3") == D("-3"));
  CHECK(+D("3") == D("3"));
}

TEST_CASE("Decimal multiplication and division round once, half-even by default", "[decimal]") {
  CHECK(D("1.5") * D("2") == D("3"));
  CHECK(D("0.1") * D("0.1") == D("0.01"));
  CHECK(D("-3") * D("0.5") == D("-1.5"));
  CHECK(D("1e-9") * D("1e-9") == D("1e-18"));
  CHECK((D("1e-9") * D("1e-10")).is_zero());               // 0.1 unit: rounds to 0
  CHECK(D("1e-9") * D("1.5e-9") == Decimal::from_raw(2));  // 1.5 units: tie to even
  CHECK(D("1e-9") * D("2.5e-9") == Decimal::from_raw(2));  // 2.5 units: tie to even
  CHECK(D("1e-9") * D("2.5e-9") == D("-1e-9") * D("-2.5e-9"));
  CHECK(D("1e10") * D("1e10") == D("1e20"));
  CHECK(D("30000.12345678") * D("0.00012345") == D("3.7035152407394910"));

  CHECK(D("1") / D("3") == D("0.333333333333333333"));
  CHECK(D("2") / D("3") == D("0.666666666666666667"));
  CHECK(D("-2") / D("3") == D("-0.666666666666666667"));
  CHECK(D("1") / D("8") == D("0.125"));
  CHECK(D("10") / D("4") == D("2.5"));
  CHECK((D("1e-18") / D("2")).is_zero());
  CHECK(D("3e-18") / D("2") == Decimal::from_raw(2));
  CHECK(D("1e20") / D("1e20") == D("1"));
  CHECK(D("1") / D("1e-18") == D("1e18"));
  CHECK(D("100") / D("40000") == D("0.0025"));
  // Divisors >= 2^64 raw units (>= 18.45) take the two-digit long division path.
  CHECK(D("1000000") / D("3000") == D("333.333333333333333333"));
  CHECK(D("123456789012345678.9") / D("123456789012345678.9") == D("1"));
  // Crafted so that a quotient-digit estimate of the long division reaches 2^64 (Knuth's q^ >= b case).
  CHECK(D("340.282366920938463481").div(D("18.446744073709551617"), RoundingMode::down) == D("18.446744073709551615"));
  CHECK(D("340.282366920938463481") / D("18.446744073709551617") == D("18.446744073709551616"));
  CHECK(Decimal::max_value() / Decimal::max_value() == D("1"));
  CHECK(Decimal::min_value() / Decimal::max_value() == D("-1"));
}

TEST_CASE("Decimal mul/div with an explicit mode and precision", "[decimal]") {
  struct Case {
    RoundingMode mode;
    std::string_view two_thirds, minus_two_thirds;
  };
  for (const Case& c : std::vector<Case>{{RoundingMode::half_even, "0.666666666666666667", "-0.666666666666666667"},
                                         {RoundingMode::half_up, "0.666666666666666667", "-0.666666666666666667"},
                                         {RoundingMode::down, "0.666666666666666666", "-0.666666666666666666"},
                                         {RoundingMode::up, "0.666666666666666667", "-0.666666666666666667"},
                                         {RoundingMode::floor, "0.666666666666666666", "-0.666666666666666667"},
                                         {RoundingMode::ceiling, "0.666666666666666667", "-0.666666666666666666"}}) {
    INFO(mode_name(c.mode));
    CHECK(D("2").div(D("3"), c.mode) == D(c.two_thirds));
    CHECK(D("-2").div(D("3"), c.mode) == D(c.minus_two_thirds));
    CHECK(D("2").div(D("-3"), c.mode) == D(c.minus_two_thirds));
  }
  CHECK(D("-1e-9").mul(D("2.5e-9"), RoundingMode::floor) == Decimal::from_raw(-3));
  CHECK(D("-1e-9").mul(D("2.5e-9"), RoundingMode::ceiling) == Decimal::from_raw(-2));
  CHECK(D("-1e-9").mul(D("2.5e-9"), RoundingMode::half_up) == Decimal::from_raw(-3));
  CHECK(D("-1e-9").mul(D("1e-10"), RoundingMode::floor) == Decimal::from_raw(-1));  // -0.1 unit floors to -1

  CHECK(D("0.00000001").mul(D("1.5"), 8, RoundingMode::half_even) == D("0.00000002"));
  CHECK(D("0.00000001").mul(D("2.5"), 8, RoundingMode::half_even) == D("0.00000002"));
  CHECK(D("0.00000001").mul(D("2.5"), 8, RoundingMode::half_up) == D("0.00000003"));
  CHECK(D("1").div(D("3"), 2, RoundingMode::up) == D("0.34"));
  CHECK(D("-1").div(D("3"), 2, RoundingMode::floor) == D("-0.34"));
  CHECK(D("1000").div(D("3"), -1, RoundingMode::half_even) == D("330"));

  // Fused rounding avoids double rounding: the exact product 0.000000004999999999999999999 is below half
  // a 10^-8 unit, but its 18-digit rounding 0.000000005 is a tie.
  const Decimal a = D("0.000000001");
  const Decimal b = D("4.999999999999999999");
  CHECK(a.mul(b, 8, RoundingMode::half_up).is_zero());
  CHECK((a * b).round_to_decimals(8, RoundingMode::half_up) == D("0.00000001"));
}

TEST_CASE("Decimal rounding modes table", "[decimal]") {
  // Columns follow the RoundingMode order: half_even, half_up, down, up, floor, ceiling.
  const std::vector<RoundingMode> modes = {RoundingMode::half_even, RoundingMode::half_up, RoundingMode::down,
                                           RoundingMode::up,        RoundingMode::floor,   RoundingMode::ceiling};
  struct Row {
    std::string_view value;
    std::array<std::string_view, 6> to_integer;
  };
  const std::vector<Row> rows = {
      {"2.5", {"2", "3", "2", "3", "2", "3"}},
      {"3.5", {"4", "4", "3", "4", "3", "4"}},
      {"-2.5", {"-2", "-3", "-2", "-3", "-3", "-2"}},
      {"-3.5", {"-4", "-4", "-3", "-4", "-4", "-3"}},
      {"2.4", {"2", "2", "2", "3", "2", "3"}},
      {"2.6", {"3", "3", "2", "3", "2", "3"}},
      {"-2.6", {"-3", "-3", "-2", "-3", "-3", "-2"}},
      {"2.500000000000000001", {"3", "3", "2", "3", "2", "3"}},
      {"0.5", {"0", "1", "0", "1", "0", "1"}},
      {"-0.5", {"0", "-1", "0", "-1", "-1", "0"}},
      {"0.000000000000000001", {"0", "0", "0", "1", "0", "1"}},
      {"-0.000000000000000001", {"0", "0", "0", "-1", "-1", "0"}},
      {"7", {"7", "7", "7", "7", "7", "7"}},
      {"0", {"0", "0", "0", "0", "0", "0"}},
  };
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < modes.size(); ++i) {
      INFO(row.value << " " << mode_name(modes[i]));
      CHECK(D(row.value).round_to_decimals(0, modes[i]) == D(row.to_integer[i]));
    }
  }
  CHECK(D("1.005").round_to_decimals(2, RoundingMode::half_even) == D("1"));
  CHECK(D("1.005").round_to_decimals(2, RoundingMode::half_up) == D("1.01"));
  CHECK(D("1.23456789").round_to_decimals(8, RoundingMode::up) == D("1.23456789"));
  CHECK(D("1.234567891").round_to_decimals(8, RoundingMode::up) == D("1.23456790"));
  CHECK(D("0.123").round_to_decimals(18, RoundingMode::up) == D("0.123"));
  CHECK(D("0.123").round_to_decimals(40, RoundingMode::up) == D("0.123"));
}

TEST_CASE("Decimal rounds to tens and beyond with negative digits", "[decimal]") {
  CHECK(D("1234.5").round_to_decimals(-1, RoundingMode::half_even) == D("1230"));
  CHECK(D("1235").round_to_decimals(-1, RoundingMode::half_even) == D("1240"));
  CHECK(D("1234.5").round_to_decimals(-2, RoundingMode::up) == D("1300"));
  CHECK(D("-1250").round_to_decimals(-2, RoundingMode::half_even) == D("-1200"));
  CHECK(D("-1250").round_to_decimals(-2, RoundingMode::half_up) == D("-1300"));
  CHECK(D("-1250").round_to_decimals(-2, RoundingMode::floor) == D("-1300"));
  CHECK(D("5e19").round_to_decimals(-20, RoundingMode::half_up) == D("1e20"));
  CHECK(D("5e19").round_to_decimals(-20, RoundingMode::half_even).is_zero());
  CHECK(D("1.2e20").round_to_decimals(-20, RoundingMode::half_even) == D("1e20"));
  CHECK_THROWS_AS(Decimal::max_value().round_to_decimals(-20, RoundingMode::half_even), DecimalOverflow);  // 2e20
  CHECK(Decimal::max_value().round_to_decimals(-21, RoundingMode::half_up).is_zero());
  CHECK(Decimal::max_value().round_to_decimals(-1000, RoundingMode::down).is_zero());
  CHECK(Decimal().round_to_decimals(-1000, RoundingMode::up).is_zero());
  CHECK_THROWS_AS(Decimal::max_value().round_to_decimals(-20, RoundingMode::up), DecimalOverflow);
  CHECK_THROWS_AS(D("1").round_to_decimals(-21, RoundingMode::up), DecimalOverflow);
  CHECK_THROWS_AS(D("-1").round_to_decimals(-25, RoundingMode::floor), DecimalOverflow);
  CHECK(D("-1").round_to_decimals(-25, RoundingMode::ceiling).is_zero());
  CHECK_THROWS_AS(Decimal::max_value().round_to_decimals(0, RoundingMode::up), DecimalOverflow);
  CHECK(Decimal::max_value().round_to_decimals(0, RoundingMode::down) == D("170141183460469231731"));
}

TEST_CASE("Decimal rounds to a tick size", "[decimal]") {
  CHECK(D("1.23").round_to_step(D("0.05"), RoundingMode::half_even) == D("1.25"));
  CHECK(D("1.23").round_to_step(D("0.05"), RoundingMode::down) == D("1.2"));
  CHECK(D("1.225").round_to_step(D("0.05"), RoundingMode::half_even) == D("1.2"));  // tie: 24 steps is even
  CHECK(D("1.275").round_to_step(D("0.05"), RoundingMode::half_even) == D("1.3"));  // tie: 26 steps is even
  CHECK(D("1.225").round_to_step(D("0.05"), RoundingMode::half_up) == D("1.25"));
  CHECK(D("-1.23").round_to_step(D("0.05"), RoundingMode::floor) == D("-1.25"));
  CHECK(D("-1.23").round_to_step(D("0.05"), RoundingMode::ceiling) == D("-1.2"));
  CHECK(D("10.1").round_to_step(D("0.25"), RoundingMode::up) == D("10.25"));
  CHECK(D("7").round_to_step(D("2.5"), RoundingMode::half_even) == D("7.5"));
  CHECK(D("7.5").round_to_step(D("2.5"), RoundingMode::down) == D("7.5"));
  // An odd step in raw units: half a step is not a whole unit.
  const Decimal three_units = Decimal::from_raw(3);
  CHECK(Decimal::from_raw(4).round_to_step(three_units, RoundingMode::half_up) == three_units);
  CHECK(Decimal::from_raw(5).round_to_step(three_units, RoundingMode::half_even) == Decimal::from_raw(6));
  CHECK_THROWS_AS(D("1").round_to_step(D("0"), RoundingMode::down), std::invalid_argument);
  CHECK_THROWS_AS(D("1").round_to_step(D("-0.1"), RoundingMode::down), std::invalid_argument);
  CHECK_THROWS_AS(Decimal::max_value().round_to_step(D("1e20"), RoundingMode::up), DecimalOverflow);
  CHECK(Decimal::max_value().round_to_step(D("1e20"), RoundingMode::down) == D("1e20"));
}

TEST_CASE("Decimal arithmetic throws DecimalOverflow instead of wrapping", "[decimal]") {
  const Decimal max = Decimal::max_value();
  const Decimal min = Decimal::min_value();
  const Decimal unit = Decimal::from_raw(1);
  CHECK_THROWS_AS(max + unit, DecimalOverflow);
  CHECK_THROWS_AS(min - unit, DecimalOverflow);  // would be INT128_MIN, outside the symmetric range
  CHECK_THROWS_AS(min + -unit, DecimalOverflow);
  CHECK_THROWS_AS(max - min, DecimalOverflow);
  CHECK_THROWS_AS(unit - min + max, DecimalOverflow);
  CHECK_THROWS_WITH(max + unit, Contains("overflow") && Contains(kMaxText));
  CHECK(max + min == Decimal());
  CHECK(max - unit + unit == max);
  CHECK(min.abs() == max);

  CHECK_THROWS_AS(max * D("2"), DecimalOverflow);
  CHECK_THROWS_AS(D("1e10") * D("1e11"), DecimalOverflow);
  CHECK_THROWS_AS(D("-1e10") * D("1e11"), DecimalOverflow);
  CHECK_THROWS_AS(max * max, DecimalOverflow);
  CHECK_THROWS_AS(min * max, DecimalOverflow);
  CHECK_THROWS_AS(max * D("1.000000000000000001"), DecimalOverflow);
  CHECK(max * D("1") == max);
  CHECK(min * D("-1") == max);
  // (2^128 - 1) / 3 units times 1.5 is exactly max + half a unit: the rounding alone decides overflow.
  const Decimal third = Decimal::from_raw(static_cast<Raw>(0x5555555555555555ULL) << 64 | 0x5555555555555555ULL);
  CHECK(third.mul(D("1.5"), RoundingMode::down) == max);
  CHECK_THROWS_AS(third.mul(D("1.5"), RoundingMode::half_even), DecimalOverflow);  // max is odd: tie goes up
  CHECK_THROWS_AS(third.mul(D("1.5"), RoundingMode::half_up), DecimalOverflow);
  CHECK((-third).mul(D("1.5"), RoundingMode::ceiling) == min);
  CHECK_THROWS_AS((-third).mul(D("1.5"), RoundingMode::floor), DecimalOverflow);
  CHECK_THROWS_AS(max / D("0.5"), DecimalOverflow);
  CHECK_THROWS_AS(D("1e20") / D("1e-18"), DecimalOverflow);
  CHECK_THROWS_AS(D("-1e3") / D("1e-18"), DecimalOverflow);
  CHECK(D("1e2") / D("1e-18") == D("1e20"));

  CHECK_THROWS_AS(Decimal::from_raw(-max.raw() - 1), DecimalOverflow);
  CHECK_THROWS_AS(D("1") / D("0"), DecimalDivisionByZero);
  CHECK_THROWS_AS(D("1") / D("0"), std::domain_error);
  CHECK_THROWS_WITH(D("-2.5").div(Decimal(), RoundingMode::down), Contains("-2.5 / 0"));
  CHECK_THROWS_AS(Decimal() / Decimal(), DecimalDivisionByZero);
}

TEST_CASE("Decimal comparisons, sign helpers and min/max", "[decimal]") {
  CHECK(D("-1") < D("0"));
  CHECK(D("0.000000000000000001") > D("0"));
  CHECK(D("1.10") == D("1.1"));
  CHECK(D("1.1") != D("1.01"));
  CHECK(D("-2") <= D("-2"));
  CHECK(D("-2") >= D("-3"));
  CHECK(Decimal::min_value() < Decimal::max_value());
  CHECK((D("3") <=> D("2")) == std::strong_ordering::greater);
  CHECK(D("-3").abs() == D("3"));
  CHECK(D("-3").sign() == -1);
  CHECK(Decimal().sign() == 0);
  CHECK(D("1e-18").sign() == 1);
  CHECK(Decimal().is_zero());
  CHECK(D("-1").is_negative());
  CHECK(D("1").is_positive());
  CHECK(octobot::commons::min(D("1"), D("-1")) == D("-1"));
  CHECK(octobot::commons::max(D("1"), D("-1")) == D("1"));
  CHECK(std::max(D("2.5"), D("2.45")) == D("2.5"));

  std::vector<Decimal> values = {D("3"), D("-1.5"), D("0"), D("1e-18"), D("-1e-18"), Decimal::max_value()};
  std::sort(values.begin(), values.end());
  CHECK(values == std::vector<Decimal>{D("-1.5"), D("-1e-18"), D("0"), D("1e-18"), D("3"), Decimal::max_value()});
}

TEST_CASE("Decimal hashes equal values equally and spreads distinct ones", "[decimal]") {
  const std::hash<Decimal> hash;
  CHECK(hash(D("1.0")) == hash(Decimal::from_integer(1)));
  CHECK(hash(D("-0")) == hash(Decimal()));
  // Whole numbers differ only above the 18 low digits; each must still get its own hash.
  std::unordered_set<std::size_t> hashes;
  std::unordered_set<Decimal> values;
  for (int i = 0; i < 100'000; ++i) {
    hashes.insert(hash(Decimal::from_integer(i)));
    values.insert(Decimal::from_integer(i));
    values.insert(Decimal::from_integer(i));
  }
  CHECK(hashes.size() == 100'000);
  CHECK(values.size() == 100'000);
  CHECK(values.count(D("99999")) == 1);
  CHECK(values.count(D("99999.5")) == 0);
}

TEST_CASE("Decimal formats through fmt and streams", "[decimal]") {
  CHECK(fmt::format("{}", D("-1.50")) == "-1.5");
  CHECK(fmt::format("{:>6}|{:<5}|", D("1.5"), D("2")) == "   1.5|2    |");
  std::ostringstream out;
  out << D("0.000000000000000001");
  CHECK(out.str() == "0.000000000000000001");
}
