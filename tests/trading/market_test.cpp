#include <catch2/catch.hpp>
#include <octobot/trading/market.hpp>

using octobot::commons::Decimal;
using namespace octobot::trading;

namespace {
Decimal d(const char* text) { return Decimal::from_string(text); }

Market btc_usdt() {
  Market market;
  market.symbol = "BTC/USDT";
  market.base = "BTC";
  market.quote = "USDT";
  market.price_decimals = 2;
  market.amount_decimals = 5;
  market.min_amount = d("0.0001");
  market.min_cost = d("10");
  return market;
}
}  // namespace

TEST_CASE("amounts are truncated to the market precision, prices go to the nearest tick", "[market]") {
  const Market market = btc_usdt();
  CHECK(round_amount(market, d("0.123459999")) == d("0.12345"));
  CHECK(round_price(market, d("30000.126")) == d("30000.13"));
  CHECK(round_price(market, d("30000.125")) == d("30000.12"));  // half-even tie
  CHECK(round_price(market, d("30000.135")) == d("30000.14"));
}

TEST_CASE("orders below the market minimums are rejected with a reason", "[market]") {
  const Market market = btc_usdt();
  CHECK_FALSE(check_minimums(market, d("0.001"), d("30000")).has_value());

  const auto too_small = check_minimums(market, d("0.00009"), d("30000"));
  REQUIRE(too_small.has_value());
  CHECK(too_small->code == RejectionCode::below_min_amount);
  CHECK(too_small->reason == "BTC/USDT: amount 0.00009 BTC is below the market minimum 0.0001 BTC");

  // 0.0003 * 30000 = 9 USDT < 10 USDT.
  const auto too_cheap = check_minimums(market, d("0.0003"), d("30000"));
  REQUIRE(too_cheap.has_value());
  CHECK(too_cheap->code == RejectionCode::below_min_cost);
  CHECK(too_cheap->reason.find("cost 9 USDT") != std::string::npos);

  // Exactly at the minimum fits.
  CHECK_FALSE(check_minimums(market, d("0.0001"), d("100000")).has_value());

  CHECK(check_minimums(market, Decimal{}, d("30000"))->code == RejectionCode::amount_not_positive);
  CHECK(check_minimums(market, d("1"), Decimal{})->code == RejectionCode::price_not_positive);
  // Rounding can bring an amount to zero: it is rejected, not sent.
  CHECK(check_minimums(market, round_amount(market, d("0.000001")), d("30000"))->code ==
        RejectionCode::amount_not_positive);
}
