#include <catch2/catch.hpp>
#include <octobot/backtesting/report/statistics.hpp>

using namespace octobot::backtesting::report;

namespace {

Decimal d(const char* text) { return Decimal::from_string(text); }
constexpr std::int64_t kDay = 86'400'000;

// Daily values with step returns +10 %, -10 %, +10 %, +10 %, -15 %.
RunData six_day_run() {
  RunData run;
  run.metadata.reference_market = "USDT";
  run.metadata.start_ms = 0;
  run.metadata.end_ms = 5 * kDay;
  const char* values[] = {"1000", "1100", "990", "1089", "1197.9", "1018.215"};
  for (int i = 0; i < 6; ++i) run.equity.push_back({i * kDay, d(values[i])});
  return run;
}

Fill fill(std::int64_t time, TradeSide side, const char* price, const char* amount, const char* fee) {
  return {time, "BTC/USDT", side, d(price), d(amount), d(fee), "USDT", std::to_string(time), "market"};
}

}  // namespace

TEST_CASE("equity statistics of a six-point curve match the hand computation", "[report][statistics]") {
  const auto run = six_day_run();
  const auto stats = compute_statistics(run, build_round_trips({}, "USDT", run.metadata.end_ms));

  CHECK(stats.points == 6);
  CHECK(stats.step_ms == kDay);
  CHECK(stats.periods_per_year == Approx(365.0));
  CHECK(stats.net_profit == d("18.215"));  // exact: 1018.215 - 1000
  REQUIRE(stats.total_return.value);
  CHECK(*stats.total_return.value == Approx(0.018215));

  // CAGR = 1.018215^(365 / 5) - 1.
  REQUIRE(stats.cagr.value);
  CHECK(*stats.cagr.value == Approx(2.734933002930896));

  // Returns r = {.1, -.1, .1, .1, -.15}: mean 0.01; squared deviations .0081 * 3 + .0121 + .0256 =
  // .062; sample variance .062 / 4 = .0155, sd = 0.124499; annualised with sqrt(365).
  REQUIRE(stats.volatility.value);
  CHECK(*stats.volatility.value == Approx(2.3785499784532593));
  REQUIRE(stats.sharpe.value);
  CHECK(*stats.sharpe.value == Approx(1.5345483731956515));  // 0.01 / 0.124499 * sqrt(365)
  // Downside deviation: sqrt((.01 + .0225) / 5) = 0.0806226; 0.01 / 0.0806226 * sqrt(365).
  REQUIRE(stats.sortino.value);
  CHECK(*stats.sortino.value == Approx(2.369680277038364));

  // Running peaks 1000, 1100 (day 1), 1197.9 (day 4). Deepest: 1197.9 -> 1018.215 = 15 %, 179.685,
  // not recovered. The day-1 drawdown (1100 -> 990, 10 %) recovered on day 4 after 3 days.
  CHECK(stats.max_drawdown.fraction == Approx(0.15));
  CHECK(stats.max_drawdown.peak_value == d("1197.9"));
  CHECK(stats.max_drawdown.trough_value == d("1018.215"));
  CHECK(stats.max_drawdown.peak_ms == 4 * kDay);
  CHECK(stats.max_drawdown.trough_ms == 5 * kDay);
  CHECK_FALSE(stats.max_drawdown.recovery_ms);
  CHECK(stats.max_drawdown.duration_ms == kDay);
  CHECK(stats.max_drawdown_amount == d("179.685"));
  CHECK(stats.longest_drawdown_ms == 3 * kDay);

  REQUIRE(stats.calmar.value);
  CHECK(*stats.calmar.value == Approx(2.734933002930896 / 0.15));
  REQUIRE(stats.recovery_factor.value);
  CHECK(*stats.recovery_factor.value == Approx(18.215 / 179.685));
}

TEST_CASE("a recovered drawdown records its recovery date and duration", "[report][statistics]") {
  RunData run;
  run.metadata.reference_market = "USDT";
  const char* values[] = {"100", "80", "90", "100", "120"};
  for (int i = 0; i < 5; ++i) run.equity.push_back({i * kDay, d(values[i])});
  const auto stats = compute_statistics(run, {});
  CHECK(stats.max_drawdown.fraction == Approx(0.2));
  CHECK(stats.max_drawdown.peak_ms == 0);
  CHECK(stats.max_drawdown.trough_ms == kDay);
  REQUIRE(stats.max_drawdown.recovery_ms);
  CHECK(*stats.max_drawdown.recovery_ms == 3 * kDay);  // back at 100: recovered
  CHECK(stats.max_drawdown.duration_ms == 3 * kDay);
}

TEST_CASE("trade statistics of three round trips match the hand computation", "[report][statistics]") {
  RunData run;
  run.metadata.reference_market = "USDT";
  run.metadata.start_ms = 0;
  run.metadata.end_ms = 10'000;
  run.metadata.prices = {{"BTC/USDT", d("100"), d("105")}, {"ETH/USDT", d("10"), d("9")}};
  run.equity = {{0, d("1000")}, {10'000, d("1024.565")}};
  // T1 (exit 3000): +24.665, 15.9129 %; T2 (exit 4000): -10.1, -18.3636 %; T3 (exit 6000): +10, 5 %.
  run.fills = {fill(1000, TradeSide::buy, "100", "1", "0.1"),     fill(2000, TradeSide::buy, "110", "1", "0.11"),
               fill(3000, TradeSide::sell, "120", "1.5", "0.18"), fill(4000, TradeSide::sell, "90", "0.5", "0.045"),
               fill(5000, TradeSide::buy, "100", "2", "0"),       fill(6000, TradeSide::sell, "105", "2", "0")};
  const auto trips = build_round_trips(run.fills, "USDT", run.metadata.end_ms);
  const auto stats = compute_statistics(run, trips);

  CHECK(stats.trades == 3);
  CHECK(stats.trades_in_reference == 3);
  CHECK(stats.wins == 2);
  CHECK(stats.losses == 1);
  CHECK(*stats.win_rate.value == Approx(2.0 / 3.0));
  CHECK(*stats.profit_factor.value == Approx(34.665 / 10.1));       // gross gains / gross losses
  CHECK(*stats.payoff_ratio.value == Approx((34.665 / 2) / 10.1));  // average win / average loss
  REQUIRE(stats.expectancy);
  CHECK(*stats.expectancy == d("8.188333333333333333"));  // 24.565 / 3, half-even at 18 digits
  CHECK(*stats.expectancy_pct.value == Approx(0.8497556207233625));
  // SQN = sqrt(3) * mean / sample sd of {24.665, -10.1, 10}.
  CHECK(*stats.sqn.value == Approx(0.8126096764516648));
  // In the market: [1333, 3000] U [2000, 4000] U [5000, 6000] = 3667 of 10000 ms (entries amount-weighted).
  CHECK(*stats.exposure.value == Approx(0.3667));
  CHECK(*stats.trades_per_day.value == Approx(3.0 / (10'000.0 / kDay)));
  CHECK(*stats.average_trade_ms == 1555);  // (1667 + 2000 + 1000) / 3, truncated
  CHECK(*stats.longest_trade_ms == 2000);
  CHECK(stats.max_consecutive_wins == 1);
  CHECK(stats.max_consecutive_losses == 1);
  REQUIRE(stats.best_trade);
  CHECK(stats.best_trade->exit_time_ms == 3000);
  CHECK(stats.worst_trade->net_pnl == d("-10.1"));
  CHECK(stats.total_fees == d("0.435"));
  // Buy and hold: mean of +5 % (BTC) and -10 % (ETH).
  CHECK(*stats.buy_and_hold_return.value == Approx(-0.025));
  REQUIRE(stats.market_changes.size() == 2);
  CHECK(*stats.market_changes[1].change.value == Approx(-0.1));
}

TEST_CASE("consecutive wins and losses follow the exit order", "[report][statistics]") {
  RunData run;
  run.metadata.reference_market = "USDT";
  run.metadata.end_ms = 100;
  // Exit prices: win, win, loss, loss, loss, win (each a round trip of 1 at 100).
  const char* exits[] = {"101", "102", "99", "98", "97", "103"};
  for (int i = 0; i < 6; ++i) {
    run.fills.push_back(fill(i * 10, TradeSide::buy, "100", "1", "0"));
    run.fills.push_back(fill(i * 10 + 5, TradeSide::sell, exits[i], "1", "0"));
  }
  const auto stats = compute_statistics(run, build_round_trips(run.fills, "USDT", 100));
  CHECK(stats.max_consecutive_wins == 2);
  CHECK(stats.max_consecutive_losses == 3);
}

TEST_CASE("undefined statistics are empty with a reason, never NaN or infinity", "[report][statistics]") {
  SECTION("no trade, flat curve") {
    RunData run;
    run.metadata.reference_market = "USDT";
    for (int i = 0; i < 5; ++i) run.equity.push_back({i * kDay, d("1000")});
    const auto stats = compute_statistics(run, {});
    CHECK(*stats.volatility.value == 0.0);
    CHECK_FALSE(stats.sharpe.value);
    CHECK_THAT(stats.sharpe.reason, Catch::Contains("zero volatility"));
    CHECK_FALSE(stats.sortino.value);
    CHECK_FALSE(stats.calmar.value);
    CHECK(stats.calmar.reason == "no drawdown");
    CHECK_FALSE(stats.recovery_factor.value);
    CHECK_FALSE(stats.win_rate.value);
    CHECK(stats.win_rate.reason == "no closed trade");
    CHECK_FALSE(stats.profit_factor.value);
    CHECK_FALSE(stats.expectancy);
    CHECK_FALSE(stats.best_trade);
    CHECK_FALSE(stats.buy_and_hold_return.value);
  }
  SECTION("no losing trade") {
    RunData run;
    run.metadata.reference_market = "USDT";
    run.metadata.end_ms = 100;
    run.fills = {fill(0, TradeSide::buy, "100", "1", "0"), fill(10, TradeSide::sell, "110", "1", "0")};
    const auto stats = compute_statistics(run, build_round_trips(run.fills, "USDT", 100));
    CHECK(*stats.win_rate.value == 1.0);
    CHECK_FALSE(stats.profit_factor.value);
    CHECK_THAT(stats.profit_factor.reason, Catch::Contains("no losing trade"));
    CHECK_FALSE(stats.payoff_ratio.value);
    CHECK_FALSE(stats.sqn.value);  // one trade
  }
  SECTION("empty curve and a single point") {
    RunData run;
    auto stats = compute_statistics(run, {});
    CHECK_FALSE(stats.total_return.value);
    CHECK_FALSE(stats.cagr.value);
    run.equity.push_back({0, d("1000")});
    stats = compute_statistics(run, {});
    CHECK(*stats.total_return.value == 0.0);
    CHECK_THAT(stats.cagr.reason, Catch::Contains("spans no time"));
    CHECK_FALSE(stats.volatility.value);
  }
}
