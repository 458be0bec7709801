// "portfolio/1": exact balances and value as text, and OctoBot's amount syntax resolved at the latest
// price, rounded down to the market's step.
#include <catch2/catch.hpp>
#include <octobot/trading_modes/account_set.hpp>
#include <octobot/trading_modes/portfolio_service.hpp>

#include <string>

#include "service_test_support.hpp"
#include "trading_modes_support.hpp"

using Catch::Matchers::Contains;
using octobot::trading_modes::Account;
using octobot::trading_modes::AccountSet;
using octobot::trading_modes::PortfolioService;
using namespace trading_modes_test;

namespace {

struct Fixture {
  Exchange bench;
  Account account{[this] {
    bench.portfolio.deposit("USDT", d("1000"));
    bench.portfolio.deposit("BTC", d("0.5"));
    return bench.account();
  }()};
  AccountSet accounts;
  PortfolioService service{accounts};
  const ob_portfolio_service_v1& portfolio = *service.table();
  ob_error error = blank_error();

  Fixture() { accounts.add(account); }

  std::string resolve(std::uint32_t side, const char* expression, ob_status expected = OB_OK) {
    ob_decimal out{};
    const ob_status status =
        portfolio.resolve_amount(portfolio.context, account.handle(), "BTC/USDT", side, expression, &out, &error);
    CHECK(status == expected);
    return status == OB_OK ? out.text : error.message;
  }
};

}  // namespace

TEST_CASE("portfolio/1: balances, reference market and value are exact text", "[trading_modes][portfolio]") {
  Fixture f;
  f.bench.candle("BTC/USDT", 0, "100", "101", "99", "100.25");
  f.bench.exchange.create_order(
      octobot::trading::OrderRequest::limit("BTC/USDT", octobot::channel::Side::buy, d("0.3"), d("90")));
  ob_balance balance{};
  balance.header = OB_HEADER_INIT(ob_balance);
  REQUIRE(f.portfolio.balance(f.portfolio.context, f.account.handle(), "USDT", &balance, &f.error) == OB_OK);
  CHECK(std::string(balance.total.text) == "1000");
  CHECK(std::string(balance.available.text) == "973");  // 0.3 * 90 reserved
  REQUIRE(f.portfolio.balance(f.portfolio.context, f.account.handle(), "XRP", &balance, &f.error) == OB_OK);
  CHECK(std::string(balance.total.text) == "0");

  char reference[OB_ASSET_CAPACITY] = {};
  REQUIRE(f.portfolio.reference_market(f.portfolio.context, f.account.handle(), reference, sizeof(reference),
                                       &f.error) == OB_OK);
  CHECK(std::string(reference) == "USDT");
  CHECK(f.portfolio.reference_market(f.portfolio.context, f.account.handle(), reference, 4, &f.error) ==
        OB_ERROR_INVALID_ARGUMENT);

  ob_decimal value{};
  REQUIRE(f.portfolio.value(f.portfolio.context, f.account.handle(), &value, &f.error) == OB_OK);
  CHECK(std::string(value.text) == "1050.125");  // 1000 + 0.5 * 100.25
}

TEST_CASE("portfolio/1: value without a price says which one is missing", "[trading_modes][portfolio]") {
  Fixture f;
  ob_decimal value{};
  CHECK(f.portfolio.value(f.portfolio.context, f.account.handle(), &value, &f.error) == OB_ERROR_STATE);
  CHECK_THAT(f.error.message, Contains("no price for BTC/USDT yet") && Contains("0.5 BTC"));
}

TEST_CASE("portfolio/1: OctoBot's amount syntax resolves at the latest price", "[trading_modes][portfolio]") {
  Fixture f;
  // Before any price, a buy percentage cannot be turned into BTC; a sell percentage can.
  CHECK_THAT(f.resolve(OB_SIDE_BUY, "10%", OB_ERROR_STATE), Contains("no price for BTC/USDT yet"));
  CHECK(f.resolve(OB_SIDE_SELL, "50%") == "0.25");

  f.bench.candle("BTC/USDT", 0, "100", "101", "99", "300");
  CHECK(f.resolve(OB_SIDE_BUY, "10%") == "0.33333");  // 100 USDT at 300, rounded down to 5 decimals
  CHECK(f.resolve(OB_SIDE_BUY, "12a%") == "0.4");
  CHECK(f.resolve(OB_SIDE_BUY, "150q") == "0.5");
  CHECK(f.resolve(OB_SIDE_SELL, "10t%") == "0.05");
  CHECK(f.resolve(OB_SIDE_SELL, "50p%") == "0.25");
  CHECK(f.resolve(OB_SIDE_BUY, "0.123456789") == "0.12345");

  CHECK_THAT(f.resolve(OB_SIDE_BUY, "abc", OB_ERROR_INVALID_ARGUMENT), Contains("abc"));
  CHECK_THAT(f.resolve(OB_SIDE_BUY, "", OB_ERROR_INVALID_ARGUMENT), Contains("portfolio/1 resolve_amount"));
  CHECK_THAT(f.resolve(OB_SIDE_BUY, "120%", OB_ERROR_INVALID_ARGUMENT), Contains("100"));
  CHECK_THAT(f.resolve(3, "10%", OB_ERROR_INVALID_ARGUMENT), Contains("found 3"));
}

TEST_CASE("portfolio/1 (ABI 1.4): balance and value in binary are the text's exact values",
          "[trading_modes][portfolio]") {
  Fixture f;
  f.bench.candle("BTC/USDT", 0, "100", "101", "99", "100.25");
  f.bench.exchange.create_order(
      octobot::trading::OrderRequest::limit("BTC/USDT", octobot::channel::Side::buy, d("0.3"), d("90")));
  const auto decimal = [](const ob_fixed18& value) {
    using Raw = octobot::commons::Decimal::Raw;
    return octobot::commons::Decimal::from_raw((static_cast<Raw>(value.hi) << 64) | static_cast<Raw>(value.lo));
  };
  REQUIRE(OB_HAS_FIELD(&f.portfolio, ob_portfolio_service_v1, value_fixed));
  ob_balance_fixed balance{};
  balance.header = OB_HEADER_INIT(ob_balance_fixed);
  REQUIRE(f.portfolio.balance_fixed(f.portfolio.context, f.account.handle(), "USDT", &balance, &f.error) == OB_OK);
  CHECK(decimal(balance.total) == d("1000"));
  CHECK(decimal(balance.available) == d("973"));
  REQUIRE(f.portfolio.balance_fixed(f.portfolio.context, f.account.handle(), "BTC", &balance, &f.error) == OB_OK);
  CHECK(decimal(balance.total) == d("0.5"));

  ob_fixed18 value{};
  REQUIRE(f.portfolio.value_fixed(f.portfolio.context, f.account.handle(), &value, &f.error) == OB_OK);
  CHECK(decimal(value) == d("1050.125"));
  CHECK(f.portfolio.value_fixed(f.portfolio.context, f.account.handle(), nullptr, &f.error) ==
        OB_ERROR_INVALID_ARGUMENT);
}
