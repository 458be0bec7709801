// MoveSignalsStrategyEvaluator through the real host: Klinger signals confirmed by Bollinger notes
// on 30m (x4), 1h (x3) and 4h (x3), fresh notes only.
#include "strategy_host.hpp"

namespace {

using octobot::testing::StrategyHost;
constexpr std::int64_t kHour = 3'600'000;
constexpr const char* kName = "MoveSignalsStrategyEvaluator";
constexpr const char* kSignal = "KlingerOscillatorMomentumEvaluator";
constexpr const char* kWeight = "BBMomentumEvaluator";

}  // namespace

TEST_CASE("move signals: periods combine with their weights", "[strategies][move_signals]") {
  StrategyHost s(kName);
  s.now = 4 * kHour;
  s.ta_note(kSignal, "30m", 0.5, 4 * kHour);  // agrees: min(2 x 0.5 x 0.8, 1) x 4 = 3.2
  s.ta_note(kWeight, "30m", 0.8, 4 * kHour);
  s.ta_note(kSignal, "1h", -0.6, 4 * kHour);  // agrees, capped: -1 x 3
  s.ta_note(kWeight, "1h", -1.0, 4 * kHour);
  s.ta_note(kSignal, "4h", 0.1, 4 * kHour);  // below the 0.15 threshold: 0
  s.ta_note(kWeight, "4h", 1.0, 4 * kHour);
  auto result = s.round("4h");
  REQUIRE(result.ready);
  CHECK(result.note == Approx((3.2 - 3.0) / 10.0));

  s.ta_note(kWeight, "30m", -0.8, 4 * kHour);  // the Bollinger note disagrees: 30m gives 0
  result = s.round("30m");
  REQUIRE(result.ready);
  CHECK(result.note == Approx(-3.0 / 10.0));
  CHECK_FALSE(s.round("15m").ready);  // not an analysed time frame
}

TEST_CASE("move signals: stale periods count 0, a run without 30m leaves it out", "[strategies][move_signals]") {
  StrategyHost s(kName);
  s.ta_note(kSignal, "1h", 0.4, 4 * kHour);  // fresh at 4h30: 2 x 0.4 x 0.5 = 0.4, x3
  s.ta_note(kWeight, "1h", 0.5, 4 * kHour);
  s.ta_note(kSignal, "4h", -1.0, 0);  // made at 0: stale from 4h on
  s.ta_note(kWeight, "4h", -1.0, 0);
  s.now = 4 * kHour + kHour / 2;
  const auto result = s.round("1h");
  REQUIRE(result.ready);
  CHECK(result.note == Approx(0.4 * 3.0 / 6.0));

  s.now = 6 * kHour;  // nothing fresh
  CHECK_FALSE(s.round("1h").ready);
}
