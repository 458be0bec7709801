// The connector's decimal text (tentacles/Trading/Exchange/binance/src/decimal_text.cpp): normalize
// rewrites Binance's fixed-width decimals ("0.01000000") as the ABI's shortest exact text, straight
// from text to text; its result must be the one the exact 128-bit arithmetic gives (add(x, "0") is
// format(parse(x) + 0)), and it must refuse what that refuses.
#include "decimal_text.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <stdexcept>
#include <string>

using Catch::Matchers::Contains;
using octobot::binance::connector::add;
using octobot::binance::connector::normalize;

TEST_CASE("decimal text: normalize drops the padding and keeps every significant digit", "[decimal_text]") {
  CHECK(normalize("0.01000000") == "0.01");
  CHECK(normalize("1.00000000") == "1");
  CHECK(normalize("99.70000000") == "99.7");
  CHECK(normalize("000123.4500") == "123.45");
  CHECK(normalize("") == "0");
  CHECK(normalize("0.00000000") == "0");
  CHECK(normalize("-0.000") == "0");  // never "-0"
  CHECK(normalize("-0.5") == "-0.5");
  CHECK(normalize("+5") == "5");
  CHECK(normalize(".5") == "0.5");
  CHECK(normalize("5.") == "5");
  CHECK(normalize("100") == "100");
  // Beyond the ABI's 18 fractional digits: cut, as the arithmetic does.
  CHECK(normalize("0.1234567890123456789") == "0.123456789012345678");
  CHECK(normalize("0.0000000000000000009") == "0");
}

TEST_CASE("decimal text: normalize refuses what is not a plain decimal, naming it", "[decimal_text]") {
  for (const char* bad : {".", "-", "+", "1.2.3", "1e5", " 1", "1 ", "abc", "--1", "+-1", "0x10", "1,5"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(normalize(bad), std::invalid_argument);
    CHECK_THROWS_WITH(normalize(bad), Contains(std::string("not a decimal: \"") + bad + "\""));
    CHECK_THROWS_AS(add(bad, "0"), std::invalid_argument);  // the arithmetic refuses it too
  }
}

TEST_CASE("decimal text: normalize gives what the exact arithmetic gives, for 20,000 generated decimals",
          "[decimal_text]") {
  std::mt19937 random(20261130);  // fixed: a failure is reproducible
  const auto pick = [&](int from, int to) { return std::uniform_int_distribution<int>(from, to)(random); };
  const auto digits = [&](int count) {
    std::string out;
    for (int i = 0; i < count; ++i) {
      // Zeros are likelier, so leading and trailing runs of them (Binance's padding) are common.
      out += pick(0, 2) == 0 ? '0' : static_cast<char>('0' + pick(0, 9));
    }
    return out;
  };
  for (int i = 0; i < 20'000; ++i) {
    std::string text;
    const int sign = pick(0, 5);
    if (sign == 0) text += '-';
    if (sign == 1) text += '+';
    // At most 19 whole digits: the 128-bit arithmetic holds values below 1.7e20.
    const std::string whole = digits(pick(0, 19));
    const std::string fraction = digits(pick(0, 22));
    text += whole;
    if (pick(0, 3) != 0 || whole.empty()) text += "." + fraction;
    if (whole.empty() && fraction.empty()) continue;  // "." or "-.": refused by both, tested above
    CAPTURE(text);
    REQUIRE(normalize(text) == add(text, "0"));
  }
}
