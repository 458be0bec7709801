// Trend evaluators on crafted series: crosses and reversals produce their sign change on the right
// candle, warm-ups are pending.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "bundled_tentacles.hpp"

using bundled::create;
using bundled::evaluate_each;
using bundled::Series;

namespace {

// Falls for `count` candles, then rises for `count` (or the opposite with step < 0).
Series vee(std::size_t count, double step) {
  Series series;
  series.line(count, -step);
  series.line(count, step);
  return series;
}

std::vector<std::size_t> ready_indexes(const std::vector<octobot::tentacles::EvaluationResult>& notes) {
  std::vector<std::size_t> indexes;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (notes[i].ready) indexes.push_back(i);
  }
  return indexes;
}

}  // namespace

TEST_CASE("DoubleMovingAverageTrendEvaluator: below its averages after a fall, above after the rebound",
          "[ta_evaluators][trend]") {
  auto evaluator = create("DoubleMovingAverageTrendEvaluator");
  const auto notes = evaluate_each(*evaluator, vee(30, 5.0));
  for (std::size_t i = 0; i < 9; ++i) CHECK_FALSE(notes[i].ready);
  // A straight fall never crosses its averages: neutral, hence pending (OctoBot's note 0).
  for (std::size_t i = 0; i < 30; ++i) CHECK_FALSE(notes[i].ready);
  REQUIRE(notes.back().ready);
  CHECK(notes.back().note > 0);
  CHECK(notes.back().note <= 1.0);

  // Rise, fall, rise, fall: the last leg down reads below the averages.
  Series waves;
  waves.line(30, 5.0);
  waves.line(30, -5.0);
  waves.line(30, 5.0);
  waves.line(30, -5.0);
  auto other = create("DoubleMovingAverageTrendEvaluator");
  const auto wave_notes = evaluate_each(*other, waves);
  REQUIRE(wave_notes.back().ready);
  CHECK(wave_notes.back().note < 0);
}

TEST_CASE("EMADivergenceTrendEvaluator: OctoBot's thresholds on the % distance to the EMA", "[ta_evaluators][trend]") {
  Series series;
  series.line(60, 0.0);                    // at the EMA: 0% <= long (2): -1
  series.add(series.close.back() * 1.05);  // 5% above: over long, >= short (-2): +1
  auto evaluator = create("EMADivergenceTrendEvaluator");
  const auto notes = evaluate_each(*evaluator, series);
  for (std::size_t i = 0; i < 49; ++i) CHECK_FALSE(notes[i].ready);  // EMA(50)
  CHECK(notes[49].note == -1.0);
  CHECK(notes[59].note == -1.0);
  CHECK(notes.back().note == 1.0);
  // Thresholds that leave a neutral band: long -3, short 3.
  auto banded = create("EMADivergenceTrendEvaluator", R"({"size": 50, "long": -3, "short": 3})");
  const auto banded_notes = evaluate_each(*banded, series);
  CHECK(banded_notes[59].note == 0.0);
  CHECK(banded_notes.back().note == 1.0);
}

TEST_CASE("DeathAndGoldenCrossEvaluator: -1 on the golden cross candle only, +1 on the death cross",
          "[ta_evaluators][trend]") {
  const std::string config = R"({"fast_length": 5, "slow_length": 20, "fast_ma_type": "SMA", "slow_ma_type": "SMA"})";
  auto evaluator = create("DeathAndGoldenCrossEvaluator", config);
  const auto notes = evaluate_each(*evaluator, vee(40, 5.0));
  const auto crosses = ready_indexes(notes);
  REQUIRE(crosses.size() == 1);
  CHECK(notes[crosses[0]].note == -1.0);
  CHECK(notes[crosses[0]].description == "golden cross");
  CHECK(crosses[0] > 40);  // after the bottom, once the fast average has caught up

  auto inverted = create("DeathAndGoldenCrossEvaluator", config);
  const auto inverted_notes = evaluate_each(*inverted, vee(40, -5.0));
  const auto death = ready_indexes(inverted_notes);
  REQUIRE(death.size() == 1);
  CHECK(inverted_notes[death[0]].note == 1.0);
  CHECK(death[0] == crosses[0]);  // the mirror image crosses on the same candle

  // Every average type on waves (straight lines would not do: DEMA and TEMA follow a line with no
  // lag, so fast and slow would coincide): crosses alternate; with the lagging averages (not DEMA
  // and TEMA, which overshoot), golden ones happen while prices rise.
  Series waves;
  for (int i = 0; i < 300; ++i) waves.add(1000.0 + 100.0 * std::sin(i / 10.0));
  for (const std::string type : {"SMA", "EMA", "WMA", "VWMA", "DEMA", "TEMA", "ema"}) {
    INFO(type);
    auto typed = create("DeathAndGoldenCrossEvaluator", R"({"fast_length": 5, "slow_length": 20, "fast_ma_type": ")" +
                                                            type + R"(", "slow_ma_type": ")" + type + R"("})");
    const auto typed_notes = evaluate_each(*typed, waves);
    const auto typed_crosses = ready_indexes(typed_notes);
    CHECK(typed_crosses.size() >= 6);
    for (std::size_t k = 0; k < typed_crosses.size(); ++k) {
      const std::size_t i = typed_crosses[k];
      const bool rising = waves.close[i] > waves.close[i - 1];
      if (type != "DEMA" && type != "TEMA") CHECK(typed_notes[i].note == (rising ? -1.0 : 1.0));
      if (k > 0) CHECK(typed_notes[i].note == -typed_notes[typed_crosses[k - 1]].note);
    }
  }
}

TEST_CASE("SuperTrendEvaluator: -1 in an uptrend, +1 in a downtrend, reversals only on the turn",
          "[ta_evaluators][trend]") {
  auto evaluator = create("SuperTrendEvaluator");
  const auto notes = evaluate_each(*evaluator, vee(40, 5.0));
  for (std::size_t i = 0; i < 10; ++i) CHECK_FALSE(notes[i].ready);  // more than `length` candles
  CHECK(notes[10].ready);
  CHECK(notes[30].note == 1.0);      // falling
  CHECK(notes.back().note == -1.0);  // rising

  auto reversals = create("SuperTrendEvaluator", R"({"reversals_only": true})");
  const auto reversal_notes = evaluate_each(*reversals, vee(40, 5.0));
  const auto turns = ready_indexes(reversal_notes);
  REQUIRE(turns.size() == 1);
  CHECK(reversal_notes[turns[0]].note == -1.0);
  CHECK(notes[turns[0] - 1].note == 1.0);  // the candle before the turn was still in the downtrend
}
