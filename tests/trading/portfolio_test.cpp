#include <catch2/catch.hpp>
#include <octobot/trading/portfolio.hpp>

#include <random>
#include <vector>

using octobot::commons::Decimal;
using namespace octobot::trading;

namespace {
Decimal d(const char* text) { return Decimal::from_string(text); }
}  // namespace

TEST_CASE("lock, unlock, spend and receive keep total = available + locked exactly", "[portfolio]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("1000"));
  portfolio.lock("USDT", d("300.1"));
  CHECK(portfolio.balance("USDT") == Balance{d("1000"), d("699.9")});
  CHECK(portfolio.balance("USDT").locked() == d("300.1"));
  portfolio.spend_locked("USDT", d("300"));
  portfolio.unlock("USDT", d("0.1"));
  portfolio.receive("BTC", d("0.0099"));
  CHECK(portfolio.balance("USDT") == Balance{d("700"), d("700")});
  CHECK(portfolio.balance("BTC") == Balance{d("0.0099"), d("0.0099")});
  CHECK(portfolio.balance("ETH") == Balance{});
}

TEST_CASE("operations beyond the funds throw and change nothing", "[portfolio]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("100"));
  CHECK_THROWS_AS(portfolio.lock("USDT", d("100.000000000000000001")), InsufficientFunds);
  CHECK_THROWS_AS(portfolio.unlock("USDT", d("1")), InsufficientFunds);
  CHECK_THROWS_AS(portfolio.spend_locked("USDT", d("1")), InsufficientFunds);
  CHECK_THROWS_AS(portfolio.lock("USDT", d("-1")), std::invalid_argument);
  CHECK_THROWS_AS(portfolio.deposit("USDT", Decimal{}), std::invalid_argument);
  CHECK(portfolio.balance("USDT") == Balance{d("100"), d("100")});
}

TEST_CASE("a sub-portfolio can never spend beyond its slice, and the parent cannot spend the slice", "[portfolio]") {
  Portfolio main;
  main.deposit("USDT", d("1000"));
  Portfolio& grid = main.create_sub_portfolio("grid", {{"USDT", d("400")}});
  CHECK(main.balance("USDT") == Balance{d("1000"), d("600")});
  CHECK(grid.balance("USDT") == Balance{d("400"), d("400")});

  CHECK_THROWS_AS(grid.lock("USDT", d("400.01")), InsufficientFunds);  // the parent's 600 are out of reach
  CHECK_THROWS_AS(main.lock("USDT", d("600.01")), InsufficientFunds);  // the slice is out of the parent's reach
  // The slice is locked in the parent, but not by the parent's orders: it cannot unlock or spend it.
  CHECK(main.allocated("USDT") == d("400"));
  CHECK(main.own_locked("USDT") == Decimal{});
  CHECK_THROWS_AS(main.unlock("USDT", d("1")), InsufficientFunds);
  CHECK_THROWS_AS(main.spend_locked("USDT", d("1")), InsufficientFunds);
  CHECK_THROWS_AS(main.create_sub_portfolio("dca", {{"USDT", d("601")}}), InsufficientFunds);
  CHECK(main.sub_portfolio("dca") == nullptr);
  CHECK_THROWS_AS(main.create_sub_portfolio("grid", {{"USDT", d("1")}}), std::invalid_argument);
  CHECK_THROWS_AS(grid.deposit("USDT", d("1")), std::logic_error);

  // The child buys 0.01 BTC for 300 USDT: the account (the root) changes the same way.
  grid.lock("USDT", d("300"));
  grid.spend_locked("USDT", d("300"));
  grid.receive("BTC", d("0.01"));
  CHECK(grid.balance("USDT") == Balance{d("100"), d("100")});
  CHECK(grid.balance("BTC") == Balance{d("0.01"), d("0.01")});
  CHECK(main.balance("USDT") == Balance{d("700"), d("600")});
  CHECK(main.balance("BTC") == Balance{d("0.01"), Decimal{}});  // the child's, locked in the parent
  CHECK_THROWS_AS(main.lock("BTC", d("0.001")), InsufficientFunds);

  // Release refuses while orders are open, then returns everything to the parent.
  grid.lock("BTC", d("0.005"));
  CHECK_THROWS_AS(main.release_sub_portfolio("grid"), std::logic_error);
  grid.unlock("BTC", d("0.005"));
  main.release_sub_portfolio("grid");
  CHECK(main.sub_portfolio("grid") == nullptr);
  CHECK(main.balance("USDT") == Balance{d("700"), d("700")});
  CHECK(main.balance("BTC") == Balance{d("0.01"), d("0.01")});
}

TEST_CASE("portfolio value in the reference market", "[portfolio]") {
  Portfolio portfolio;
  portfolio.deposit("USDT", d("100.5"));
  portfolio.deposit("BTC", d("0.1"));
  CHECK(portfolio.value_in("USDT", {{"BTC", d("30000")}}) == d("3100.5"));
  CHECK_THROWS_AS(portfolio.value_in("USDT", {}), std::invalid_argument);
}

// Random operations on a tree root -> {a, b}, a -> {a1}; after each one, every invariant is checked
// against an independent ledger of what entered and left the account.
TEST_CASE("portfolio invariants hold over 100,000 random operations", "[portfolio][invariants]") {
  Portfolio root;
  const std::vector<std::string> assets{"USDT", "BTC"};
  for (const auto& asset : assets) root.deposit(asset, d("1000000"));
  Portfolio& a = root.create_sub_portfolio("a", {{"USDT", d("300000")}, {"BTC", d("200000")}});
  Portfolio& b = root.create_sub_portfolio("b", {{"USDT", d("100000")}});
  Portfolio& a1 = a.create_sub_portfolio("a1", {{"USDT", d("50000")}, {"BTC", d("50000")}});
  const std::vector<Portfolio*> all{&root, &a, &b, &a1};
  std::map<std::string, Decimal> expected_root_total{{"USDT", d("1000000")}, {"BTC", d("1000000")}};

  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int> pick_portfolio(0, 3), pick_asset(0, 1), pick_op(0, 3);
  std::uniform_int_distribution<std::int64_t> pick_units(1, 5'000'000'000);  // up to 5000 with 6 decimals
  std::size_t refused = 0;
  for (int step = 0; step < 100'000; ++step) {
    Portfolio& portfolio = *all[static_cast<std::size_t>(pick_portfolio(rng))];
    const std::string& asset = assets[static_cast<std::size_t>(pick_asset(rng))];
    const Decimal amount = Decimal::from_integer(pick_units(rng)) / Decimal::from_integer(1'000'000);
    try {
      switch (pick_op(rng)) {
        case 0:
          portfolio.lock(asset, amount);
          break;
        case 1:
          portfolio.unlock(asset, amount);
          break;
        case 2:
          portfolio.spend_locked(asset, amount);
          expected_root_total[asset] -= amount;
          break;
        default:
          portfolio.receive(asset, amount);
          expected_root_total[asset] += amount;
          break;
      }
    } catch (const InsufficientFunds&) {
      ++refused;
    }
    for (const auto& asset_name : assets) {
      REQUIRE(root.balance(asset_name).total == expected_root_total[asset_name]);
      for (const Portfolio* p : all) {
        const Balance balance = p->balance(asset_name);
        REQUIRE_FALSE(balance.available.is_negative());
        REQUIRE_FALSE(balance.locked().is_negative());
        Decimal children_total;
        for (const auto& [name, child] : p->sub_portfolios()) children_total += child->balance(asset_name).total;
        REQUIRE(children_total <= balance.locked());
      }
    }
  }
  // Both paths were exercised: some operations were refused, most went through.
  CHECK(refused > 1000);
  CHECK(refused < 90'000);
}
