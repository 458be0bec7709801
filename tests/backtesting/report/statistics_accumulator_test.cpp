#include <catch2/catch.hpp>
#include <octobot/backtesting/report/fill_accumulator.hpp>
#include <octobot/backtesting/report/statistics_accumulator.hpp>

#include "batch_reference.hpp"
#include "random_run.hpp"
#include "statistics_equal.hpp"

using namespace octobot::backtesting::report;

namespace {

constexpr std::int64_t kDay = 86'400'000;
Decimal d(const char* text) { return Decimal::from_string(text); }

Statistics streamed_equity(const std::vector<EquityPoint>& points) {
  EquityStatistics equity;
  for (const auto& point : points) equity.add(point);
  Statistics stats;
  equity.finish(stats);
  drawdown_ratios(stats);
  // No trade and no market: the rest as compute_statistics fills it for such a run.
  TradeStatistics("USDT").finish(stats, run_length_ms(RunMetadata{}, stats), 0, Decimal());
  market_statistics(RunMetadata{}, stats);
  return stats;
}

RunData equity_run(std::vector<EquityPoint> points) {
  RunData run;
  run.metadata.reference_market = "USDT";
  run.equity = std::move(points);
  return run;
}

}  // namespace

TEST_CASE("equity statistics folded point by point match the hand computation", "[report][statistics][stream]") {
  // Step returns +10 %, -10 %, +10 %, +10 %, -15 % (statistics_test.cpp computes them by hand).
  const char* values[] = {"1000", "1100", "990", "1089", "1197.9", "1018.215"};
  std::vector<EquityPoint> points;
  for (int i = 0; i < 6; ++i) points.push_back({i * kDay, d(values[i])});
  const auto stats = streamed_equity(points);
  CHECK(stats.points == 6);
  CHECK(stats.step_ms == kDay);
  CHECK(stats.net_profit == d("18.215"));
  REQUIRE(stats.volatility.value);
  CHECK(*stats.volatility.value == Approx(2.3785499784532593));
  REQUIRE(stats.sharpe.value);
  CHECK(*stats.sharpe.value == Approx(1.5345483731956515));
  REQUIRE(stats.sortino.value);
  CHECK(*stats.sortino.value == Approx(2.369680277038364));
  CHECK(stats.max_drawdown.fraction == Approx(0.15));
  CHECK(stats.max_drawdown.peak_value == d("1197.9"));
  CHECK(stats.max_drawdown.trough_value == d("1018.215"));
  CHECK(stats.max_drawdown_amount == d("179.685"));
  CHECK(stats.longest_drawdown_ms == 3 * kDay);
  CHECK_FALSE(stats.max_drawdown.recovery_ms);
  // And bit for bit what the two-pass computation gives.
  testing::check_same_statistics(stats, testing::batch::compute_statistics(equity_run(points), {}));
}

TEST_CASE("the median step is the one a sort would put in the middle", "[report][statistics][stream]") {
  // Steps 1, 5, 5, 2, 9, 2 (ms): sorted 1 2 2 5 5 9, index 3 -> 5.
  const std::int64_t times[] = {0, 1, 6, 11, 13, 22, 24};
  std::vector<EquityPoint> points;
  for (const auto time : times) points.push_back({time, Decimal::from_integer(100 + time)});
  CHECK(streamed_equity(points).step_ms == 5);
  testing::check_same_statistics(streamed_equity(points), testing::batch::compute_statistics(equity_run(points), {}));
}

TEST_CASE("equity statistics of a long random curve are the two-pass ones", "[report][statistics][stream]") {
  SECTION("within the exact-variance window: bit-identical") {
    const auto points = testing::random_equity(20'000);
    testing::check_same_statistics(streamed_equity(points), testing::batch::compute_statistics(equity_run(points), {}));
  }
  SECTION("beyond it (Welford): the same to 12 digits, the drawdowns still exact") {
    const auto points = testing::random_equity(kExactVarianceInputs + 5'000, 3);
    testing::check_same_statistics(streamed_equity(points), testing::batch::compute_statistics(equity_run(points), {}),
                                   false);
  }
  SECTION("a value at zero makes the return figures undefined, as before") {
    auto points = testing::random_equity(500);
    points[250].value = Decimal();
    const auto stats = streamed_equity(points);
    CHECK_FALSE(stats.sharpe.value);
    testing::check_same_statistics(stats, testing::batch::compute_statistics(equity_run(points), {}));
  }
}

TEST_CASE("trade statistics folded as trades close are the batch ones", "[report][statistics][stream]") {
  const auto fills = testing::random_fills(30'000);
  RunData run = equity_run(testing::random_equity(3'000));
  run.metadata.start_ms = fills.front().time_ms;
  run.metadata.end_ms = fills.back().time_ms + 60'000;

  FillAccumulator accumulator("USDT");
  for (const auto& fill : fills) accumulator.add(fill);
  const RoundTrips trips = accumulator.finish(run.metadata.end_ms);
  Statistics streamed;
  accumulator.trade_statistics().finish(streamed, run.metadata.end_ms - run.metadata.start_ms, trips.exposure_ms,
                                        trips.total_fees);

  const RoundTrips batch_trips = testing::batch::build_round_trips(fills, "USDT", run.metadata.end_ms);
  const Statistics batch = testing::batch::compute_statistics(run, batch_trips);
  REQUIRE(batch.trades > 1'000);
  REQUIRE(batch.trades_in_reference < batch.trades);  // ETH/BTC trades are not in the reference market
  CHECK(streamed.trades == batch.trades);
  CHECK(streamed.wins == batch.wins);
  CHECK(streamed.losses == batch.losses);
  CHECK(streamed.expectancy == batch.expectancy);
  testing::check_same_figure(streamed.sqn, batch.sqn);
  testing::check_same_figure(streamed.profit_factor, batch.profit_factor);
  testing::check_same_figure(streamed.payoff_ratio, batch.payoff_ratio);
  testing::check_same_figure(streamed.exposure, batch.exposure);
  testing::check_same_figure(streamed.expectancy_pct, batch.expectancy_pct);
  CHECK(streamed.max_consecutive_wins == batch.max_consecutive_wins);
  CHECK(streamed.max_consecutive_losses == batch.max_consecutive_losses);
  testing::check_same_highlight(streamed.best_trade, batch.best_trade);
  testing::check_same_highlight(streamed.worst_trade, batch.worst_trade);
  CHECK(streamed.average_trade_ms == batch.average_trade_ms);
  CHECK(streamed.total_fees == batch.total_fees);
  // compute_statistics (now the accumulators over the vectors) agrees on every field.
  testing::check_same_statistics(compute_statistics(run, trips), batch);
}
