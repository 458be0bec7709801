#include <catch2/catch.hpp>
#include <octobot/backtesting/report/fill_accumulator.hpp>

#include "batch_reference.hpp"
#include "random_run.hpp"
#include "statistics_equal.hpp"

using namespace octobot::backtesting::report;

TEST_CASE("round trips built fill by fill are the batch ones", "[report][round_trips][stream]") {
  const auto fills = testing::random_fills(20'000);
  const std::int64_t end_ms = fills.back().time_ms + 3'600'000;
  FillAccumulator accumulator("USDT");
  for (const auto& fill : fills) accumulator.add(fill);
  CHECK(accumulator.fills() == fills.size());
  const auto streamed = accumulator.finish(end_ms);
  const auto batch = testing::batch::build_round_trips(fills, "USDT", end_ms);
  REQUIRE(batch.closed.size() > 1'000);
  REQUIRE_FALSE(batch.open.empty());
  CHECK(streamed.closed_total == batch.closed.size());
  testing::check_same_round_trips(streamed, batch);
  CHECK(streamed.warnings == batch.warnings);
}

TEST_CASE("a limited accumulator keeps the latest closed trades and counts them all", "[report][round_trips][stream]") {
  const auto fills = testing::random_fills(20'000, 5);
  const std::int64_t end_ms = fills.back().time_ms;
  FillAccumulator limited("USDT", {100, 5});
  FillAccumulator unlimited("USDT");
  for (const auto& fill : fills) {
    limited.add(fill);
    unlimited.add(fill);
  }
  const auto kept = limited.finish(end_ms);
  const auto all = unlimited.finish(end_ms);
  REQUIRE(all.closed.size() > 100);
  CHECK(kept.closed.size() == 100);
  CHECK(kept.closed_total == all.closed.size());
  testing::check_same_round_trips(kept, all);  // the latest 100, same exposure and fees
  // The first 5 warnings, then how many more there were.
  REQUIRE(all.warnings.size() > 5);
  REQUIRE(kept.warnings.size() == 6);
  CHECK(std::equal(kept.warnings.begin(), kept.warnings.begin() + 5, all.warnings.begin()));
  CHECK(kept.warnings.back() == "... and " + std::to_string(all.warnings.size() - 5) + " more warnings (not kept)");
  // The statistics come from every trade, not from the kept ones.
  Statistics from_kept;
  Statistics from_all;
  limited.trade_statistics().finish(from_kept, 1, kept.exposure_ms, kept.total_fees);
  unlimited.trade_statistics().finish(from_all, 1, all.exposure_ms, all.total_fees);
  CHECK(from_kept.trades == all.closed.size());
  testing::check_same_statistics(from_kept, from_all);
}

TEST_CASE("an exit order's later partial fill still joins its trade after other symbols traded",
          "[report][round_trips][stream]") {
  auto fill = [](std::int64_t time, const char* symbol, TradeSide side, const char* amount, const char* order) {
    return Fill{time,   symbol, side,   Decimal::from_integer(100), Decimal::from_string(amount), Decimal(),
                "USDT", order,  "limit"};
  };
  const std::vector<Fill> fills{
      fill(0, "BTC/USDT", TradeSide::buy, "2", "b1"),   fill(0, "ETH/USDT", TradeSide::buy, "5", "b2"),
      fill(10, "BTC/USDT", TradeSide::sell, "1", "s1"), fill(20, "ETH/USDT", TradeSide::sell, "1", "s2"),
      fill(30, "ETH/USDT", TradeSide::sell, "1", "s3"), fill(40, "BTC/USDT", TradeSide::sell, "1", "s1"),
  };
  FillAccumulator accumulator("USDT", {2, 10});
  for (const auto& f : fills) accumulator.add(f);
  const auto trips = accumulator.finish(100);
  // s1 (both parts, opened first), s2, s3: the latest two kept.
  CHECK(trips.closed_total == 3);
  REQUIRE(trips.closed.size() == 2);
  CHECK(trips.closed[0].exit_order_id == "s2");
  CHECK(trips.closed[1].exit_order_id == "s3");
  const auto batch = testing::batch::build_round_trips(fills, "USDT", 100);
  REQUIRE(batch.closed.size() == 3);
  CHECK(batch.closed[0].amount == Decimal::from_integer(2));
  testing::check_same_round_trips(trips, batch);
}
