// TechnicalAnalysisStrategyEvaluator through the real host: weights per time frame, fresh notes
// only, unlisted time frames and other evaluators ignored.
#include "strategy_host.hpp"

namespace {

using octobot::testing::StrategyHost;
constexpr std::int64_t kHour = 3'600'000;
constexpr const char* kName = "TechnicalAnalysisStrategyEvaluator";

}  // namespace

TEST_CASE("TA strategy: the reference config weights 1h by 1, 4h by 2, 1d by 3", "[strategies][ta_strategy]") {
  StrategyHost s(kName);
  s.now = 24 * kHour;  // every time frame closes here
  s.ta_note("RSIMomentumEvaluator", "1h", -1.0, 24 * kHour);
  s.ta_note("RSIMomentumEvaluator", "4h", 1.0, 24 * kHour);
  s.ta_note("RSIMomentumEvaluator", "1d", 0.5, 24 * kHour);
  s.ta_note("RSIMomentumEvaluator", "15m", 1.0, 24 * kHour);  // not an analysed time frame
  const auto result = s.round("1d");
  REQUIRE(result.ready);
  CHECK(result.note == Approx((-1.0 * 1 + 1.0 * 2 + 0.5 * 3) / 6.0));
}

TEST_CASE("TA strategy: stale notes are ignored, fresh ones used", "[strategies][ta_strategy]") {
  StrategyHost s(kName, R"({"time_frames_to_weight": [{"time_frame": "1h", "weight": 1},
                                                      {"time_frame": "4h", "weight": 3}]})");
  s.ta_note("EMAMomentumEvaluator", "4h", 1.0, 4 * kHour);
  s.ta_note("EMAMomentumEvaluator", "1h", -1.0, 5 * kHour);
  s.now = 5 * kHour;
  auto result = s.round("1h");
  REQUIRE(result.ready);
  CHECK(result.note == Approx((-1.0 + 3.0) / 4.0));

  // At 8h the 4h note made at 4h is no longer fresh (its candle is over): only the 1h note counts.
  s.now = 8 * kHour;
  s.ta_note("EMAMomentumEvaluator", "1h", -0.5, 8 * kHour);
  result = s.round("1h");
  REQUIRE(result.ready);
  CHECK(result.note == Approx(-0.5));

  // At 10h nothing is fresh: no signal rather than a made-up 0.
  s.now = 10 * kHour;
  CHECK_FALSE(s.round("1h").ready);
}

TEST_CASE("TA strategy: rounds of other time frames and real-time notes post nothing", "[strategies][ta_strategy]") {
  StrategyHost s(kName, R"({"time_frames_to_weight": [{"time_frame": "4h", "weight": 2}]})");
  s.now = 4 * kHour;
  s.ta_note("RSIMomentumEvaluator", "4h", 0.25, 4 * kHour);
  s.real_time_note("InstantMAEvaluator", -1.0, 4 * kHour);
  CHECK_FALSE(s.round("1h").ready);
  CHECK_FALSE(s.real_time_update("InstantMAEvaluator").ready);
  const auto result = s.round("4h");
  REQUIRE(result.ready);
  CHECK(result.note == Approx(0.25));  // the real-time note is not averaged
}

TEST_CASE("TA strategy: required_evaluators and weight 0 filter notes", "[strategies][ta_strategy]") {
  StrategyHost s(kName, R"({"required_evaluators": ["RSIMomentumEvaluator"],
                            "time_frames_to_weight": [{"time_frame": "1h", "weight": 1},
                                                      {"time_frame": "4h", "weight": 0}]})");
  s.now = 4 * kHour;
  s.ta_note("RSIMomentumEvaluator", "1h", 0.4, 4 * kHour);
  s.ta_note("EMAMomentumEvaluator", "1h", -1.0, 4 * kHour);
  s.ta_note("RSIMomentumEvaluator", "4h", -1.0, 4 * kHour);
  const auto result = s.round("4h");
  REQUIRE(result.ready);
  CHECK(result.note == Approx(0.4));
}

TEST_CASE("TA strategy: a config without time frames is rejected", "[strategies][ta_strategy]") {
  CHECK_THROWS(StrategyHost(kName, R"({"time_frames_to_weight": []})"));
}
