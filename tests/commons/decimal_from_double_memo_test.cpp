#include <catch2/catch.hpp>
#include <octobot/commons/decimal_from_double_memo.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

using octobot::commons::Decimal;
using octobot::commons::DecimalFromDoubleMemo;

TEST_CASE("DecimalFromDoubleMemo gives from_double's value for repeated and colliding inputs", "[decimal]") {
  DecimalFromDoubleMemo memo;
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> price(0.00001, 90'000.0);
  // 4096 distinct values through 128 slots: every slot is replaced many times, and each value comes
  // back later (a hit when its slot still holds it, a miss when another value took it).
  std::vector<double> values(4096);
  for (auto& value : values) value = price(random);
  for (int pass = 0; pass < 3; ++pass) {
    for (const double value : values) {
      REQUIRE(memo(value) == Decimal::from_double(value));
      REQUIRE(memo(value) == Decimal::from_double(value));  // the hit
    }
  }
  // A candle-like stream: open = previous close, small integer volumes.
  double close = 30'000.0;
  for (int i = 0; i < 10'000; ++i) {
    const double open = close;
    close = open * (1.0 + (price(random) / 90'000.0 - 0.5) * 0.002);
    for (const double value : {open, std::max(open, close) * 1.0002, std::min(open, close) * 0.9998, close,
                               1.0 + static_cast<double>(i % 13)}) {
      REQUIRE(memo(value) == Decimal::from_double(value));
    }
  }
}

TEST_CASE("DecimalFromDoubleMemo keys on the bits: zero, negative zero, negative values", "[decimal]") {
  DecimalFromDoubleMemo memo;
  CHECK(memo(0.0) == Decimal());
  CHECK(memo(-0.0) == Decimal());
  CHECK(memo(-2.5) == Decimal::from_string("-2.5"));
  CHECK(memo(2.5) == Decimal::from_string("2.5"));
  CHECK(memo(-2.5) == Decimal::from_string("-2.5"));
  CHECK(memo(0.1) == Decimal::from_string("0.1"));
}

TEST_CASE("DecimalFromDoubleMemo throws what from_double throws and stays correct after", "[decimal]") {
  DecimalFromDoubleMemo memo;
  CHECK(memo(1.25) == Decimal::from_string("1.25"));
  CHECK_THROWS_AS(memo(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  CHECK_THROWS_AS(memo(std::numeric_limits<double>::infinity()), std::invalid_argument);
  CHECK_THROWS_AS(memo(-std::numeric_limits<double>::infinity()), std::invalid_argument);
  // A second time too: a failed conversion is never remembered as a value.
  CHECK_THROWS_AS(memo(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  CHECK(memo(1.25) == Decimal::from_string("1.25"));
}
