#include <catch2/catch.hpp>
#include <octobot/trading/portfolio_value_history.hpp>

using octobot::commons::Decimal;
using namespace octobot::trading;

namespace {
Decimal d(const char* text) { return Decimal::from_string(text); }
}  // namespace

TEST_CASE("the portfolio value history records exact values in the reference market", "[portfolio_history]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("1000"));
  portfolio.deposit("BTC", d("0.1"));
  PortfolioValueHistory history("USDT");
  CHECK(history.total_return() == Decimal{});
  history.record(0, portfolio, {{"BTC", d("20000")}});
  history.record(60'000, portfolio, {{"BTC", d("21000")}});
  history.record(60'000, portfolio, {{"BTC", d("21000.1")}});  // same time: replaced
  REQUIRE(history.points().size() == 2);
  CHECK(history.points()[0] == PortfolioValuePoint{0, d("3000")});
  CHECK(history.points()[1] == PortfolioValuePoint{60'000, d("3100.01")});
  CHECK(history.total_return() == d("0.033336666666666667"));  // 100.01 / 3000, rounded once
  CHECK_THROWS_AS(history.record(0, portfolio, {{"BTC", d("1")}}), std::invalid_argument);
  CHECK_THROWS_AS(history.record(120'000, portfolio, {}), std::invalid_argument);  // no BTC price
  CHECK(history.points().size() == 2);
}
