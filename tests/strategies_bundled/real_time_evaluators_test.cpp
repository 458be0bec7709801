// InstantFluctuationsEvaluator and InstantMAEvaluator through the real host on crafted price
// sequences (in a backtest each update is the close of a candle of the smallest time frame).
#include <cmath>

#include "strategy_host.hpp"

namespace {

using octobot::testing::StrategyHost;

}  // namespace

TEST_CASE("InstantMAEvaluator: distance of the price to its SMA, from period + 1 prices on", "[real_time][ma]") {
  StrategyHost s("InstantMAEvaluator", R"({"period": 3})");
  CHECK_FALSE(s.price(10, 1).ready);
  CHECK_FALSE(s.price(11, 1).ready);
  CHECK_FALSE(s.price(12, 1).ready);  // period prices: OctoBot waits for one more
  auto result = s.price(13, 1);       // SMA(11, 12, 13) = 12
  REQUIRE(result.ready);
  CHECK(result.note == Approx(13.0 / 12.0 - 1.0));
  CHECK_FALSE(s.price(13, 1).ready);  // unchanged price: nothing new
  result = s.price(6, 1);             // SMA(13, 13, 6) = 32 / 3: below, buy side
  REQUIRE(result.ready);
  CHECK(result.note == Approx(6.0 / (32.0 / 3.0) - 1.0));
  result = s.price(100, 1);  // more than twice SMA(13, 6, 100): capped
  REQUIRE(result.ready);
  CHECK(result.note == Approx(1.0));
}

TEST_CASE("InstantFluctuationsEvaluator: a price jump is noted, repeated small changes are not",
          "[real_time][fluctuations]") {
  StrategyHost s("InstantFluctuationsEvaluator");                   // reference config: 1 % price, 400 % volume
  for (int i = 0; i < 10; ++i) CHECK_FALSE(s.price(100, 1).ready);  // flat: nothing happens

  // +10 %: above 7 of the 8 windows' averages (the 1-update window is the price itself), no volume.
  auto result = s.price(110, 1);
  REQUIRE(result.ready);
  CHECK(result.note == Approx(std::cos(1.0 - 7.0 / 8.0 * 0.2)));

  // Still above 6 windows: a note within 0.15 of the last posted one is not posted again.
  CHECK_FALSE(s.price(110, 1).ready);

  // A drop on a volume spike: below 7 windows, volume above 5x the average of the 6, 8 and 10 windows.
  result = s.price(90, 50);
  REQUIRE(result.ready);
  CHECK(result.note == Approx(-std::cos(1.0 - 7.0 / 8.0 * (3.0 / 8.0 + 0.2))));
}

TEST_CASE("InstantFluctuationsEvaluator: a volume spike without a price move says nothing",
          "[real_time][fluctuations]") {
  StrategyHost s("InstantFluctuationsEvaluator");
  for (int i = 0; i < 10; ++i) CHECK_FALSE(s.price(100, 1).ready);
  CHECK_FALSE(s.price(100.5, 80).ready);  // within 1 % of every average
}

TEST_CASE("InstantFluctuationsEvaluator: a negative threshold is rejected", "[real_time][fluctuations]") {
  CHECK_THROWS(
      StrategyHost("InstantFluctuationsEvaluator",
                   R"({"price_difference_threshold_percent": -1, "volume_difference_threshold_percent": 400})"));
}
