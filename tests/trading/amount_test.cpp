#include <catch2/catch.hpp>
#include <octobot/trading/amount.hpp>

using octobot::channel::Side;
using octobot::commons::Decimal;
using namespace octobot::trading;

namespace {
Decimal d(const char* text) { return Decimal::from_string(text); }
}  // namespace

TEST_CASE("every form of OctoBot's amount syntax parses", "[amount]") {
  CHECK(parse_amount("0.1") == AmountSpec{AmountKind::base, d("0.1")});
  CHECK(parse_amount("100q") == AmountSpec{AmountKind::quote, d("100")});
  CHECK(parse_amount("12%") == AmountSpec{AmountKind::percent_of_available, d("12")});
  CHECK(parse_amount("12a%") == AmountSpec{AmountKind::percent_of_available, d("12")});
  CHECK(parse_amount("12.5t%") == AmountSpec{AmountKind::percent_of_total, d("12.5")});
  CHECK(parse_amount("12p%") == AmountSpec{AmountKind::percent_of_position, d("12")});
  CHECK(parse_amount("100%") == AmountSpec{AmountKind::percent_of_available, d("100")});
}

TEST_CASE("malformed amounts are refused with the text and the accepted forms", "[amount]") {
  for (const char* text : {"", "q", "%", "abc", "12x%", "12%%", "-1", "0", "0q", "101%", " 1", "1 q", "12b%"}) {
    INFO(text);
    CHECK_THROWS_AS(parse_amount(text), AmountSyntaxError);
  }
  CHECK_THROWS_WITH(parse_amount("12x%"),
                    "invalid amount '12x%': '12x' is not a number (expected 0.1, 100q, 12%, 12a%, 12t% or 12p%)");
  CHECK_THROWS_WITH(parse_amount("101t%"), Catch::Contains("cannot exceed 100"));
}

TEST_CASE("amounts resolve to base against the spent asset", "[amount]") {
  AmountContext buy{Side::buy, d("20000"), d("1000"), d("4000"), d("0.5")};
  CHECK(resolve_amount(parse_amount("0.1"), buy) == d("0.1"));
  CHECK(resolve_amount(parse_amount("100q"), buy) == d("0.005"));
  CHECK(resolve_amount(parse_amount("10%"), buy) == d("0.005"));  // 100 USDT of 1000 available
  CHECK(resolve_amount(parse_amount("10t%"), buy) == d("0.02"));  // 400 USDT of 4000 total
  CHECK(resolve_amount(parse_amount("50p%"), buy) == d("0.25"));  // half the 0.5 BTC position

  AmountContext sell{Side::sell, d("20000"), d("2"), d("3"), d("3")};
  CHECK(resolve_amount(parse_amount("25%"), sell) == d("0.5"));
  CHECK(resolve_amount(parse_amount("25t%"), sell) == d("0.75"));

  AmountContext no_price{Side::buy, Decimal{}, d("1000"), d("1000"), Decimal{}};
  CHECK_THROWS_AS(resolve_amount(parse_amount("100q"), no_price), std::invalid_argument);
  CHECK_THROWS_AS(resolve_amount(parse_amount("10%"), no_price), std::invalid_argument);
  CHECK(resolve_amount(parse_amount("1"), no_price) == d("1"));
}
