// Momentum and volatility evaluators on crafted series: the sign of each note where the market's
// shape leaves no doubt, pending during the warm-up, OctoBot's neutral cases.
#include <catch2/catch.hpp>
#include <octobot/sdk/indicators/klinger.hpp>
#include <octobot/sdk/indicators/macd.hpp>

#include <cmath>
#include <string>

#include "bundled_tentacles.hpp"

using bundled::create;
using bundled::evaluate_each;
using bundled::Series;

namespace {

Series falling(std::size_t count) {
  Series series;
  series.line(count, -5.0);
  return series;
}
Series rising(std::size_t count) {
  Series series;
  series.line(count, 5.0);
  return series;
}
Series flat(std::size_t count) {
  Series series;
  series.line(count, 0.0);
  return series;
}

}  // namespace

TEST_CASE("RSIMomentumEvaluator: pending while warming up, -1 on a steady fall, +1 on a steady rise",
          "[ta_evaluators][momentum]") {
  auto down = create("RSIMomentumEvaluator");
  const auto down_notes = evaluate_each(*down, falling(60));
  for (std::size_t i = 0; i < 14; ++i) CHECK_FALSE(down_notes[i].ready);  // RSI(14): first value at candle 14
  REQUIRE(down_notes[14].ready);
  CHECK(down_notes[14].note == Approx(-0.5));  // RSI 0: (0 - 100) / 200
  CHECK(down_notes.back().note == -1.0);       // carried from candle to candle, clamped

  auto up = create("RSIMomentumEvaluator");
  const auto up_notes = evaluate_each(*up, rising(60));
  CHECK(up_notes[14].note == Approx(0.5));
  CHECK(up_notes.back().note == 1.0);

  auto still = create("RSIMomentumEvaluator");
  CHECK(bundled::ready_count(evaluate_each(*still, flat(60))) == 0);  // no RSI on a market that never moved
}

TEST_CASE("RSIMomentumEvaluator threshold mode: RSI levels give -1, 0, +1", "[ta_evaluators][momentum]") {
  const std::string thresholds = R"({"trend_change_identifier": false, "long_threshold": 30, "short_threshold": 70})";
  auto down = create("RSIMomentumEvaluator", thresholds);
  CHECK(evaluate_each(*down, falling(40)).back().note == -1.0);
  auto up = create("RSIMomentumEvaluator", thresholds);
  CHECK(evaluate_each(*up, rising(40)).back().note == 1.0);
  // Alternating equal moves: RSI near 50, between the thresholds.
  Series zigzag;
  for (int i = 0; i < 60; ++i) zigzag.add(i % 2 == 0 ? 1000.0 : 1010.0);
  auto middle = create("RSIMomentumEvaluator", thresholds);
  const auto notes = evaluate_each(*middle, zigzag);
  CHECK(notes[5].ready);
  CHECK(notes[5].note == 0.0);  // OctoBot's threshold mode says 0 while warming up
  CHECK(notes.back().note == 0.0);
}

TEST_CASE("RSIWeightMomentumEvaluator: a bounce after a fall is a weighted dip, a rise is none",
          "[ta_evaluators][momentum]") {
  Series dip = falling(60);
  dip.add(dip.close.back() + 2.0);  // the RSI leaves its low
  auto evaluator = create("RSIWeightMomentumEvaluator");
  const auto notes = evaluate_each(*evaluator, dip);
  for (std::size_t i = 0; i + 1 < notes.size(); ++i) CHECK_FALSE(notes[i].ready);  // RSI 0 flat: no low left yet
  REQUIRE(notes.back().ready);
  // slow RSI < 30, fast and current RSI < 20: the reference config's {20: price 2, volume 2}.
  CHECK(notes.back().note == Approx(-2.0 / 3.0));
  CHECK(notes.back().description == "price_weight=2 volume_weight=2");

  auto up = create("RSIWeightMomentumEvaluator");
  CHECK(bundled::ready_count(evaluate_each(*up, rising(80))) == 0);
}

TEST_CASE("BBMomentumEvaluator: position in the bands", "[ta_evaluators][momentum]") {
  auto up = create("BBMomentumEvaluator");
  const auto up_notes = evaluate_each(*up, rising(40));
  for (std::size_t i = 0; i < 19; ++i) CHECK_FALSE(up_notes[i].ready);
  // A straight line ends 9.5 steps above its 20-candle mean, the upper band is 2 deviations
  // (sqrt(399 / 12) steps each) away: ((9.5) / (2 * 5.766))^2.
  CHECK(up_notes.back().note == Approx(std::pow(9.5 / (2 * std::sqrt(399.0 / 12)), 2)).epsilon(1e-9));
  auto down = create("BBMomentumEvaluator");
  CHECK(evaluate_each(*down, falling(40)).back().note == Approx(-up_notes.back().note));

  Series breakout = flat(30);
  breakout.add(breakout.close.back() + 1.0);
  breakout.add(breakout.close.back() + 100.0);
  auto spike = create("BBMomentumEvaluator");
  const auto spike_notes = evaluate_each(*spike, breakout);
  CHECK_FALSE(spike_notes[25].ready);  // flat window: bands without width
  CHECK(spike_notes.back().note == 1.0);
}

TEST_CASE("EMAMomentumEvaluator: far above the EMA +1, far below -1, near 0, reverse_signal swaps",
          "[ta_evaluators][momentum]") {
  Series up;
  for (int i = 0; i < 60; ++i) up.add(1000.0 * std::pow(1.01, i));  // +1% a candle: ~10% above EMA(21)
  auto above = create("EMAMomentumEvaluator");
  const auto notes = evaluate_each(*above, up);
  CHECK(notes[5].ready);
  CHECK(notes[5].note == 0.0);  // OctoBot: 0 while the EMA warms up
  CHECK(notes.back().note == 1.0);
  auto reversed = create("EMAMomentumEvaluator", R"({"reverse_signal": true})");
  CHECK(evaluate_each(*reversed, up).back().note == -1.0);

  Series down;
  for (int i = 0; i < 60; ++i) down.add(1000.0 * std::pow(0.99, i));
  auto below = create("EMAMomentumEvaluator");
  CHECK(evaluate_each(*below, down).back().note == -1.0);
  auto near = create("EMAMomentumEvaluator");
  CHECK(evaluate_each(*near, flat(60)).back().note == 0.0);
}

TEST_CASE("ADXMomentumEvaluator: a strong rise is sell side, a strong fall buy side", "[ta_evaluators][momentum]") {
  auto up = create("ADXMomentumEvaluator");
  const auto up_notes = evaluate_each(*up, rising(80));
  for (std::size_t i = 0; i <= 26; ++i) CHECK_FALSE(up_notes[i].ready);  // more than period + 12 candles
  REQUIRE(up_notes.back().ready);
  CHECK(up_notes.back().note > 0.5);
  auto down = create("ADXMomentumEvaluator");
  const auto down_notes = evaluate_each(*down, falling(80));
  CHECK(down_notes.back().note == Approx(-up_notes.back().note));
}

TEST_CASE("MACDMomentumEvaluator: negative while the histogram's move is below zero, positive above",
          "[ta_evaluators][momentum]") {
  const Series series = bundled::random_walk(600, 7);
  const auto histogram = octobot::sdk::indicators::macd(series.close).histogram;
  auto evaluator = create("MACDMomentumEvaluator");
  const auto notes = evaluate_each(*evaluator, series);
  for (std::size_t i = 0; i < 33; ++i) CHECK_FALSE(notes[i].ready);
  std::size_t below = 0;
  std::size_t above = 0;
  for (std::size_t i = 40; i < notes.size(); ++i) {
    if (!notes[i].ready) continue;
    CHECK(std::fabs(notes[i].note) <= 1.0);
    // Only where the whole current move (since the last zero crossing) is on one side.
    bool all_below = true;
    bool all_above = true;
    for (std::size_t j = i - 6; j <= i; ++j) {
      all_below = all_below && histogram[j] <= 0;
      all_above = all_above && histogram[j] > 0;
    }
    if (all_below) {
      ++below;
      CHECK(notes[i].note <= 0);
    }
    if (all_above) {
      ++above;
      CHECK(notes[i].note >= 0);
    }
  }
  CHECK(below > 20);
  CHECK(above > 20);
}

TEST_CASE("KlingerOscillatorMomentumEvaluator: the note has the sign of oscillator - signal",
          "[ta_evaluators][momentum]") {
  const Series series = bundled::random_walk(600, 11);
  const auto klinger =
      octobot::sdk::indicators::klinger(series.high, series.low, series.close, series.volume, 35, 55, 13);
  auto evaluator = create("KlingerOscillatorMomentumEvaluator");
  const auto notes = evaluate_each(*evaluator, series);
  std::size_t checked = 0;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const double difference = klinger.oscillator[i] - klinger.signal[i];
    if (std::isnan(difference) || i == 67) {  // one difference has no spread yet
      CHECK_FALSE(notes[i].ready);
      continue;
    }
    REQUIRE(notes[i].ready);
    CHECK(std::fabs(notes[i].note) <= 1.0);
    CHECK(notes[i].note * difference >= 0);
    ++checked;
  }
  CHECK(checked > 500);

  auto still = create("KlingerOscillatorMomentumEvaluator");
  CHECK(bundled::ready_count(evaluate_each(*still, flat(200))) == 0);  // no spread in the differences
}

TEST_CASE("KlingerOscillatorReversalConfirmationMomentumEvaluator: -1 on confirmed lows, else 0",
          "[ta_evaluators][momentum]") {
  const Series series = bundled::random_walk(600, 13);
  auto evaluator = create("KlingerOscillatorReversalConfirmationMomentumEvaluator");
  const auto notes = evaluate_each(*evaluator, series);
  std::size_t confirmations = 0;
  std::size_t others = 0;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (i < 68) CHECK_FALSE(notes[i].ready);  // oscillator and signal start at candle 67
    if (!notes[i].ready) continue;
    CHECK((notes[i].note == -1.0 || notes[i].note == 0.0));
    (notes[i].note == -1.0 ? confirmations : others) += 1;
  }
  CHECK(confirmations > 10);
  CHECK(others > confirmations);
}

TEST_CASE("StochasticRSIVolatilityEvaluator: RSI at the top of its range +1, at the bottom -1",
          "[ta_evaluators][volatility]") {
  Series top;
  for (int i = 0; i < 60; ++i) top.add(i % 2 == 0 ? 1000.0 : 1010.0);
  Series bottom = top;
  top.line(5, 20.0);
  bottom.line(5, -20.0);
  auto high = create("StochasticRSIVolatilityEvaluator");
  const auto high_notes = evaluate_each(*high, top);
  for (std::size_t i = 0; i < 27; ++i) CHECK_FALSE(high_notes[i].ready);  // 2 * period candles
  CHECK(high_notes[27].ready);
  CHECK(high_notes.back().note == 1.0);
  auto low = create("StochasticRSIVolatilityEvaluator");
  CHECK(evaluate_each(*low, bottom).back().note == -1.0);
  auto still = create("StochasticRSIVolatilityEvaluator");
  CHECK(bundled::ready_count(evaluate_each(*still, flat(60))) == 0);
}
