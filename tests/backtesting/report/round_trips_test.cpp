#include <catch2/catch.hpp>
#include <octobot/backtesting/report/round_trips.hpp>

using namespace octobot::backtesting::report;

namespace {
Decimal d(const char* text) { return Decimal::from_string(text); }
Fill fill(std::int64_t time, TradeSide side, const char* price, const char* amount, const char* fee,
          std::string fee_asset, std::string order) {
  return {time, "BTC/USDT", side, d(price), d(amount), d(fee), std::move(fee_asset), std::move(order), "limit"};
}
}  // namespace

TEST_CASE("a sell closes the oldest lots first and splits a lot exactly", "[report][round_trips]") {
  const std::vector<Fill> fills{
      fill(1000, TradeSide::buy, "100", "1", "0.1", "USDT", "b1"),
      fill(2000, TradeSide::buy, "110", "1", "0.11", "USDT", "b2"),
      fill(3000, TradeSide::sell, "120", "1.5", "0.18", "USDT", "s1"),
      fill(4000, TradeSide::sell, "90", "0.5", "0.045", "USDT", "s2"),
  };
  const auto trips = build_round_trips(fills, "USDT", 10'000);
  REQUIRE(trips.closed.size() == 2);
  REQUIRE(trips.open.empty());
  CHECK(trips.warnings.empty());

  // s1 closes lot b1 (1 @ 100) and half of lot b2 (0.5 @ 110).
  const auto& first = trips.closed[0];
  CHECK(first.symbol == "BTC/USDT");
  CHECK(first.exit_order_id == "s1");
  CHECK(first.entry_time_ms == 1333);  // amount-weighted: (1 * 1000 + 0.5 * 2000) / 1.5
  CHECK(first.exit_time_ms == 3000);
  CHECK(first.duration_ms == 1667);
  CHECK(first.amount == d("1.5"));
  CHECK(first.entry_cost == d("155"));  // 100 + 0.5 * 110
  CHECK(first.exit_value == d("180"));  // 1.5 * 120
  CHECK(first.entry_price == d("103.333333333333333333"));
  CHECK(first.exit_price == d("120"));
  CHECK(first.gross_pnl == d("25"));
  CHECK(first.fees == d("0.335"));  // 0.1 (b1) + 0.055 (half of b2's 0.11) + 0.18 (s1)
  CHECK(first.net_pnl == d("24.665"));
  CHECK(first.return_pct == Approx(15.9129032258));  // 24.665 / 155

  // s2 closes the other half of b2: 0.5 * (90 - 110) = -10, fees 0.055 + 0.045.
  const auto& second = trips.closed[1];
  CHECK(second.entry_time_ms == 2000);
  CHECK(second.amount == d("0.5"));
  CHECK(second.gross_pnl == d("-10"));
  CHECK(second.fees == d("0.1"));
  CHECK(second.net_pnl == d("-10.1"));
  CHECK(second.return_pct == Approx(-18.3636363636));

  CHECK(trips.total_fees == d("0.435"));  // every fill's fee
  CHECK(trips.exposure_ms == 2667);       // [1333, 3000] and [2000, 4000] overlap: 1333 to 4000
}

TEST_CASE("a fee charged in the base asset shrinks the lot and is valued at the fill price", "[report][round_trips]") {
  // Buy 1 BTC at 100 paying 0.001 BTC: 0.999 BTC held, fee worth 0.1 USDT. Sell 0.999 at 110 paying
  // 0.10989 USDT. Cash check: -100 + 0.999 * 110 - 0.10989 = 9.78011.
  const std::vector<Fill> fills{
      fill(0, TradeSide::buy, "100", "1", "0.001", "BTC", "b"),
      fill(60'000, TradeSide::sell, "110", "0.999", "0.10989", "USDT", "s"),
  };
  const auto trips = build_round_trips(fills, "USDT", 60'000);
  REQUIRE(trips.closed.size() == 1);
  CHECK(trips.open.empty());
  CHECK(trips.closed[0].gross_pnl == d("9.99"));
  CHECK(trips.closed[0].fees == d("0.20989"));
  CHECK(trips.closed[0].net_pnl == d("9.78011"));
  CHECK(trips.total_fees == d("0.20989"));
}

TEST_CASE("fee shares of a lot closed in thirds add up to the lot's fee exactly", "[report][round_trips]") {
  // 0.1 / 3 is not a finite decimal. Each share is the remaining fee times taken / remaining amount:
  // 0.1 / 3 = 0.0333...33|3 -> ...333; then 0.066666666666666667 / 2 = 0.0333...33|5, a tie, half-even
  // -> ...334; the last take gets the remainder 0.033333333333333333.
  const std::vector<Fill> fills{
      fill(0, TradeSide::buy, "100", "3", "0.1", "USDT", "b"),
      fill(1, TradeSide::sell, "100", "1", "0", "USDT", "s1"),
      fill(2, TradeSide::sell, "100", "1", "0", "USDT", "s2"),
      fill(3, TradeSide::sell, "100", "1", "0", "USDT", "s3"),
  };
  const auto trips = build_round_trips(fills, "USDT", 3);
  REQUIRE(trips.closed.size() == 3);
  CHECK(trips.closed[0].fees == d("0.033333333333333333"));
  CHECK(trips.closed[1].fees == d("0.033333333333333334"));
  CHECK(trips.closed[2].fees == d("0.033333333333333333"));
  CHECK(trips.closed[0].fees + trips.closed[1].fees + trips.closed[2].fees == d("0.1"));
  Decimal net;
  for (const auto& trade : trips.closed) net += trade.net_pnl;
  CHECK(net == d("-0.1"));
}

TEST_CASE("partial fills of one exit order make one trade, open lots and stray sells are reported",
          "[report][round_trips]") {
  const std::vector<Fill> fills{
      fill(0, TradeSide::buy, "100", "2", "0", "USDT", "b1"),
      fill(10, TradeSide::sell, "105", "0.5", "0", "USDT", "s1"),
      fill(20, TradeSide::sell, "107", "0.5", "0", "USDT", "s1"),
      fill(30, TradeSide::buy, "90", "1", "0", "USDT", "b2"),
      // Input out of time order: sorted stably by time before matching.
      fill(5, TradeSide::sell, "1", "0", "0", "USDT", "nothing"),
  };
  const auto trips = build_round_trips(fills, "USDT", 100);
  REQUIRE(trips.closed.size() == 1);
  CHECK(trips.closed[0].amount == d("1"));
  CHECK(trips.closed[0].exit_time_ms == 20);
  CHECK(trips.closed[0].exit_price == d("106"));
  CHECK(trips.closed[0].gross_pnl == d("6"));
  REQUIRE(trips.open.size() == 1);
  CHECK(trips.open[0].amount == d("2"));  // 1 left of b1, 1 of b2
  CHECK(trips.open[0].cost == d("190"));  // 100 + 90
  CHECK(trips.open[0].average_price == d("95"));
  CHECK(trips.open[0].opened_ms == 15);  // (1 * 0 + 1 * 30) / 2
  CHECK(trips.exposure_ms == 100);       // the trade [0, 20] and the open position [15, 100]

  const std::vector<Fill> stray{fill(0, TradeSide::sell, "100", "1", "0.1", "USDT", "s")};
  const auto unmatched = build_round_trips(stray, "USDT", 10);
  CHECK(unmatched.closed.empty());
  REQUIRE(unmatched.warnings.size() == 1);
  CHECK_THAT(unmatched.warnings[0], Catch::Contains("had no open lot"));
  CHECK(unmatched.total_fees == d("0.1"));
}

TEST_CASE("dust left by amount rounding does not date the next trade back", "[report][round_trips]") {
  // The first sell leaves 0.0001 of lot b1 (a rounded-down amount); the next sell closes it with b2.
  const std::vector<Fill> fills{
      fill(0, TradeSide::buy, "100", "1", "0", "USDT", "b1"),
      fill(1000, TradeSide::sell, "100", "0.9999", "0", "USDT", "s1"),
      fill(100'000, TradeSide::buy, "100", "1", "0", "USDT", "b2"),
      fill(200'000, TradeSide::sell, "100", "1.0001", "0", "USDT", "s2"),
  };
  const auto trips = build_round_trips(fills, "USDT", 200'000);
  REQUIRE(trips.closed.size() == 2);
  CHECK(trips.closed[1].entry_time_ms == 99'990);  // (0.0001 * 0 + 1 * 100000) / 1.0001, rounded
  CHECK(trips.closed[1].duration_ms == 100'010);
  CHECK(trips.exposure_ms == 1000 + 100'010);
}

TEST_CASE("a fee in a third asset is left out with a warning", "[report][round_trips]") {
  const std::vector<Fill> fills{fill(0, TradeSide::buy, "100", "1", "0.01", "BNB", "b")};
  const auto trips = build_round_trips(fills, "USDT", 10);
  CHECK(trips.total_fees == Decimal{});
  REQUIRE(trips.warnings.size() == 1);
  CHECK_THAT(trips.warnings[0], Catch::Contains("BNB"));
  CHECK(fee_in_quote(fills[0], split_symbol("BTC/USDT")) == std::nullopt);
  CHECK_THROWS_AS(split_symbol("BTCUSDT"), std::invalid_argument);
  CHECK(split_symbol("BTC/USDT:USDT").quote == "USDT");
}
