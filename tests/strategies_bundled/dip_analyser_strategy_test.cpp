// DipAnalyserStrategyEvaluator through the real host: the RSI weight note once the Klinger reversal
// is confirmed, on its one time frame, fresh notes only.
#include "strategy_host.hpp"

namespace {

using octobot::testing::StrategyHost;
constexpr std::int64_t kHour = 3'600'000;
constexpr const char* kName = "DipAnalyserStrategyEvaluator";
constexpr const char* kConfirmation = "KlingerOscillatorReversalConfirmationMomentumEvaluator";
constexpr const char* kWeight = "RSIWeightMomentumEvaluator";

}  // namespace

TEST_CASE("dip analyser: a confirmed reversal posts the RSI weight note", "[strategies][dip_analyser]") {
  StrategyHost s(kName);  // reference config: 4h
  s.now = 8 * kHour;
  s.ta_note(kConfirmation, "4h", -1.0, 8 * kHour);
  s.ta_note(kWeight, "4h", -2.0 / 3.0, 8 * kHour, "price_weight=2 volume_weight=3");
  s.ta_note(kWeight, "1h", 0.9, 8 * kHour);  // another time frame: not read
  CHECK_FALSE(s.round("1h").ready);
  const auto result = s.round("4h");
  REQUIRE(result.ready);
  CHECK(result.note == Approx(-2.0 / 3.0));
  // The weights DipAnalyserTradingMode needs travel in the description, as key=value tokens.
  CHECK(result.description == "price_weight=2 volume_weight=3");
}

TEST_CASE("dip analyser: without weights in the RSI description, the price weight comes from the note",
          "[strategies][dip_analyser]") {
  StrategyHost s(kName);
  s.now = 8 * kHour;
  s.ta_note(kConfirmation, "4h", 1.0, 8 * kHour);
  s.ta_note(kWeight, "4h", -1.0, 8 * kHour, "a third-party weight evaluator");
  auto result = s.round("4h");
  REQUIRE(result.ready);
  CHECK(result.description == "price_weight=3 volume_weight=1");
  s.ta_note(kWeight, "4h", -1.0 / 3.0, 8 * kHour, "price_weight=1");  // one weight alone is not enough
  result = s.round("4h");
  REQUIRE(result.ready);
  CHECK(result.description == "price_weight=1 volume_weight=1");
}

TEST_CASE("dip analyser: no reversal, a stale one or missing evaluators post nothing", "[strategies][dip_analyser]") {
  StrategyHost s(kName, R"({"required_time_frames": ["1h"]})");
  s.now = 2 * kHour;
  CHECK_FALSE(s.round("1h").ready);  // the evaluators are not active
  s.ta_note(kConfirmation, "1h", 0.0, 2 * kHour);
  s.ta_note(kWeight, "1h", -1.0 / 3.0, 2 * kHour);
  CHECK_FALSE(s.round("1h").ready);  // not confirmed

  s.ta_note(kConfirmation, "1h", -1.0, 2 * kHour);
  auto result = s.round("1h");
  REQUIRE(result.ready);
  CHECK(result.note == Approx(-1.0 / 3.0));

  s.now = 3 * kHour;  // the confirmation of 2h is over
  s.ta_note(kWeight, "1h", -1.0, 3 * kHour);
  CHECK_FALSE(s.round("1h").ready);
}
