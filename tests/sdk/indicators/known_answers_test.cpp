// Known answers worked out by hand from the published definitions, on series short enough to check
// with pencil and paper; the derivation is in the comments, the expected values are exact fractions.
#include <catch2/catch.hpp>
#include <octobot/sdk/indicators.hpp>

#include <cmath>
#include <vector>

namespace {

namespace ind = octobot::sdk::indicators;
constexpr double kNaN = ind::kWarmUp;

void check_series(const std::vector<double>& actual, const std::vector<double>& expected) {
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("candle " << i);
    if (std::isnan(expected[i])) {
      CHECK(std::isnan(actual[i]));
    } else {
      CHECK(actual[i] == Approx(expected[i]).epsilon(1e-12).margin(1e-12));
    }
  }
}

const std::vector<double> kValues = {1, 3, 2, 6, 4, 5};

// Seven candles (high, low, close) with an up leg, a down leg and a gap up on the last one.
const std::vector<double> kHigh = {10, 11, 12, 15, 14, 13, 20};
const std::vector<double> kLow = {8, 9, 10, 11, 12, 7, 18};
const std::vector<double> kClose = {9, 10, 11, 14, 13, 8, 19};

}  // namespace

TEST_CASE("SMA, EMA and WMA of a short series", "[indicators][known]") {
  // SMA(3): (1+3+2)/3, (3+2+6)/3, (2+6+4)/3, (6+4+5)/3
  check_series(ind::sma(kValues, 3), {kNaN, kNaN, 2, 11.0 / 3, 4, 5});
  // EMA(3): k = 2/4 = 0.5, seeded with SMA(1, 3, 2) = 2; then (6-2)*.5+2 = 4, (4-4)*.5+4 = 4,
  // (5-4)*.5+4 = 4.5
  check_series(ind::ema(kValues, 3), {kNaN, kNaN, 2, 4, 4, 4.5});
  // WMA(3): weights 1, 2, 3 over 6: (1+6+6)/6, (3+4+18)/6, (2+12+12)/6, (6+8+15)/6
  check_series(ind::wma(kValues, 3), {kNaN, kNaN, 13.0 / 6, 25.0 / 6, 26.0 / 6, 29.0 / 6});
}

TEST_CASE("RSI of a short series, Wilder's smoothing", "[indicators][known]") {
  // changes +1, -1, +2, +1, -2. RSI(3): first averages over the first 3 changes: gain 3/3 = 1,
  // loss 1/3 -> 100 * 1 / (4/3) = 75. Next: gain (1*2 + 1)/3 = 1, loss (1/3*2)/3 = 2/9 -> 100 * 9/11.
  // Next: gain (1*2)/3 = 2/3, loss (2/9*2 + 2)/3 = 22/27 -> 100 * (18/27) / (40/27) = 45.
  check_series(ind::rsi(std::vector<double>{10, 11, 10, 12, 13, 11}, 3), {kNaN, kNaN, kNaN, 75, 900.0 / 11, 45});
}

TEST_CASE("MACD seeds its fast EMA on the slow one's candle, as TA-Lib", "[indicators][known]") {
  // fast 2 (k = 2/3), slow 3 (k = 1/2), signal 2 (k = 2/3) on 1, 3, 2, 6, 4, 5.
  // slow EMA: seed (1+3+2)/3 = 2 at candle 2, then 4, 4, 4.5.
  // fast EMA: seeded at candle 2 too, with the mean of 3 and 2 = 2.5 (not of 1 and 3 at candle 1),
  //   then (6-2.5)*2/3+2.5 = 29/6, (4-29/6)*2/3+29/6 = 77/18, (5-77/18)*2/3+77/18 = 257/54.
  // macd line: 1/2, 5/6, 5/18, 7/27. signal: seed (1/2 + 5/6)/2 = 2/3 at candle 3, then 11/27, 25/81.
  const ind::MacdSeries macd = ind::macd(kValues, 2, 3, 2);
  check_series(macd.macd, {kNaN, kNaN, kNaN, 5.0 / 6, 5.0 / 18, 7.0 / 27});
  check_series(macd.signal, {kNaN, kNaN, kNaN, 2.0 / 3, 11.0 / 27, 25.0 / 81});
  check_series(macd.histogram, {kNaN, kNaN, kNaN, 1.0 / 6, -7.0 / 54, -4.0 / 81});
}

TEST_CASE("Bollinger Bands use the population standard deviation", "[indicators][known]") {
  // period 3: windows (1,3,2): mean 2, variance 14/3 - 4 = 2/3; (3,2,6): mean 11/3, variance
  // 49/3 - 121/9 = 26/9; (2,6,4): mean 4, variance 56/3 - 16 = 8/3; (6,4,5): mean 5, variance 77/3 - 25.
  const ind::BollingerSeries bands = ind::bollinger_bands(kValues, 3, 2.0, 1.0);
  const std::vector<double> deviation = {
      kNaN, kNaN, std::sqrt(2.0 / 3), std::sqrt(26.0 / 9), std::sqrt(8.0 / 3), std::sqrt(2.0 / 3)};
  const std::vector<double> middle = {kNaN, kNaN, 2, 11.0 / 3, 4, 5};
  std::vector<double> upper(6, kNaN);
  std::vector<double> lower(6, kNaN);
  for (std::size_t i = 2; i < 6; ++i) {
    upper[i] = middle[i] + 2 * deviation[i];
    lower[i] = middle[i] - deviation[i];
  }
  check_series(bands.middle, middle);
  check_series(bands.upper, upper);
  check_series(bands.lower, lower);
}

TEST_CASE("ATR starts with the mean true range from candle 1, then Wilder's smoothing", "[indicators][known]") {
  // true ranges from candle 1: 2, 2, 4 (high 15 - low 11), 2 (close 14 - low 12), 6, 12 (high 20 -
  // previous close 8: the gap counts). ATR(3): (2+2+4)/3 = 8/3 at candle 3, then (8/3*2 + 2)/3 =
  // 22/9, (22/9*2 + 6)/3 = 98/27, (98/27*2 + 12)/3 = 520/81.
  check_series(ind::atr(kHigh, kLow, kClose, 3), {kNaN, kNaN, kNaN, 8.0 / 3, 22.0 / 9, 98.0 / 27, 520.0 / 81});
  // ATR(1) is the true range itself.
  check_series(ind::atr(kHigh, kLow, kClose, 1), {kNaN, 2, 2, 4, 2, 6, 12});
}

TEST_CASE("+DI, -DI and ADX follow Wilder's directional movement", "[indicators][known]") {
  // up moves (high - previous high): 1, 1, 3, -1, -1, 7; down moves (previous low - low): -1, -1,
  // -1, -1, 5, -11. So +DM: 1, 1, 3, 0, 0, 7 and -DM: 0, 0, 0, 0, 5, 0; true ranges 2, 2, 4, 2, 6, 12.
  // Period 3: sums over candles 1..2: +DM 2, -DM 0, TR 4. Then sum - sum/3 + today's:
  //   candle 3: +DM 13/3, -DM 0, TR 20/3    -> +DI 65, -DI 0, DX 100
  //   candle 4: +DM 26/9, -DM 0, TR 58/9    -> +DI 2600/58, -DI 0, DX 100
  //   candle 5: +DM 52/27, -DM 5, TR 278/27 -> +DI 5200/278, -DI 13500/278, DX 100 * 8300/18700
  //   candle 6: +DM 671/81, -DM 10/3, TR 1528/81 -> +DI 67100/1528, -DI 27000/1528, DX 100 * 401/941
  // ADX: the mean of the DX of candles 3..5 at candle 5, then (ADX * 2 + DX) / 3.
  const ind::DirectionalIndexSeries di = ind::directional_index(kHigh, kLow, kClose, 3);
  check_series(di.plus_di, {kNaN, kNaN, kNaN, 65, 2600.0 / 58, 5200.0 / 278, 67100.0 / 1528});
  check_series(di.minus_di, {kNaN, kNaN, kNaN, 0, 0, 13500.0 / 278, 27000.0 / 1528});
  const double adx5 = (100 + 100 + 100 * 8300.0 / 18700) / 3;
  const double adx6 = (adx5 * 2 + 100 * 401.0 / 941) / 3;
  check_series(ind::adx(kHigh, kLow, kClose, 3), {kNaN, kNaN, kNaN, kNaN, kNaN, adx5, adx6});
}

TEST_CASE("stochastic oscillators: raw %K over the window's extremes, then SMAs", "[indicators][known]") {
  // raw %K(3): candle 2: (11-8)/(12-8) = 75%; 3: (14-9)/(15-9) = 250/3; 4: (13-10)/(15-10) = 60;
  // 5: (8-7)/(15-7) = 12.5; 6: (19-7)/(20-7) = 1200/13.
  const std::vector<double> raw = {75, 250.0 / 3, 60, 12.5, 1200.0 / 13};
  const ind::StochasticSeries fast = ind::stochastic_fast(kHigh, kLow, kClose, 3, 2);
  check_series(fast.k, {kNaN, kNaN, kNaN, raw[1], raw[2], raw[3], raw[4]});
  check_series(fast.d, {kNaN, kNaN, kNaN, (raw[0] + raw[1]) / 2, (raw[1] + raw[2]) / 2, (raw[2] + raw[3]) / 2,
                        (raw[3] + raw[4]) / 2});
  // STOCH(3, 2, 2): slow %K = SMA(2) of raw from candle 3, slow %D = SMA(2) of slow %K from candle 4.
  const std::vector<double> slow_k = {(raw[0] + raw[1]) / 2, (raw[1] + raw[2]) / 2, (raw[2] + raw[3]) / 2,
                                      (raw[3] + raw[4]) / 2};
  const ind::StochasticSeries slow = ind::stochastic(kHigh, kLow, kClose, 3, 2, 2);
  check_series(slow.k, {kNaN, kNaN, kNaN, kNaN, slow_k[1], slow_k[2], slow_k[3]});
  check_series(slow.d, {kNaN, kNaN, kNaN, kNaN, (slow_k[0] + slow_k[1]) / 2, (slow_k[1] + slow_k[2]) / 2,
                        (slow_k[2] + slow_k[3]) / 2});
}

TEST_CASE("stochastic RSI is the fast stochastic of the RSI", "[indicators][known]") {
  // RSI(2) of 10, 11, 10, 12, 13, 11, 14 (changes +1 -1 +2 +1 -2 +3): gain/loss 1/2 and 1/2 -> 50;
  // 5/4 and 1/4 -> 250/3; 9/8 and 1/8 -> 90; 9/16 and 17/16 -> 900/26; 57/32 and 17/32 -> 5700/74.
  // %K(3) from candle 4: 90 is the high of (50, 250/3, 90) -> 100; 900/26 the low of (250/3, 90,
  // 900/26) -> 0; then (5700/74 - 900/26) / (90 - 900/26) * 100. %D(2) from candle 5.
  const double rsi5 = 900.0 / 26;
  const double rsi6 = 5700.0 / 74;
  const double k6 = (rsi6 - rsi5) / (90 - rsi5) * 100;
  const ind::StochasticSeries stochastic_rsi =
      ind::stochastic_rsi(std::vector<double>{10, 11, 10, 12, 13, 11, 14}, 2, 3, 2);
  check_series(stochastic_rsi.k, {kNaN, kNaN, kNaN, kNaN, kNaN, 0, k6});
  check_series(stochastic_rsi.d, {kNaN, kNaN, kNaN, kNaN, kNaN, 50, k6 / 2});
}

TEST_CASE("VWMA weights closes by volume, OBV adds and subtracts volume", "[indicators][known]") {
  const std::vector<double> close = {10, 12, 11, 13, 9, 8};
  const std::vector<double> volume = {1, 3, 0, 2, 0, 0};
  // VWMA(2): (10+36)/4, (36+0)/3, (0+26)/2, (26+0)/2, and a window without volume: (9+8)/2.
  check_series(ind::vwma(close, volume, 2), {kNaN, 11.5, 12, 13, 13, 8.5});
  // OBV: starts at the first volume; closes up, down, up, equal, down.
  check_series(ind::obv(std::vector<double>{10, 11, 9, 12, 12, 11}, std::vector<double>{5, 2, 7, 3, 4, 6}),
               {5, 7, 0, 3, 3, -3});
}

TEST_CASE("SuperTrend carries its bands and flips on closes beyond them", "[indicators][known]") {
  // ATR(2) from candle 2: 2, 3, 2.5, 4.25, 8.125; multiplier 1; middle = (high + low) / 2.
  //   candle 2: bands 13 / 9, the first candle is a downtrend -> 13, -1
  //   candle 3: basic 16 / 10; upper stays 13 (16 is not lower, previous close 11 not above 13),
  //             lower rises to 10; close 14 > 13 -> uptrend -> 10, +1
  //   candle 4: basic 15.5 / 10.5; previous close 14 > 13 resets upper to 15.5; lower 10.5; close 13
  //             stays above 10.5 -> 10.5, +1
  //   candle 5: basic 14.25 / 5.75; upper tightens to 14.25; lower keeps 10.5; close 8 < 10.5 ->
  //             downtrend -> 14.25, -1
  //   candle 6: basic 27.125 / 10.875; upper keeps 14.25; lower 10.875; close 19 > 14.25 -> 10.875, +1
  const ind::SuperTrendSeries supertrend = ind::supertrend(kHigh, kLow, kClose, 2, 1.0);
  check_series(supertrend.value, {kNaN, kNaN, 13, 10, 10.5, 14.25, 10.875});
  check_series(supertrend.direction, {kNaN, kNaN, -1, 1, 1, -1, 1});
}

TEST_CASE("Klinger oscillator from Klinger's volume force", "[indicators][known]") {
  // Candle 7 ties candle 6's high + low + close (57): a tie is a downtrend.
  const std::vector<double> high = {10, 11, 12, 15, 14, 13, 20, 21};
  const std::vector<double> low = {8, 9, 10, 11, 12, 7, 18, 18};
  const std::vector<double> close = {9, 10, 11, 14, 13, 8, 19, 18};
  const std::vector<double> volume = {100, 200, 150, 300, 100, 400, 250, 100};
  // trend / cm / VF from candle 1: +1, 2+2, 200*|2*2/4-1|*100 = 0; +1, 4+2, 150*(1/3)*100 = 5000;
  // +1, 6+4, 300*0.2*100 = 6000; -1, 4+2, -100*(1/3)*100 = -10000/3; -1, 6+6, 0; +1, 6+2,
  // 250*0.5*100 = 12500; -1, 2+3, -100*0.2*100 = -2000.
  // fast 2 / slow 3 / signal 2 (the SDK's EMAs), worked with exact fractions:
  //   KO from candle 3: 3500/3, -7000/9, -7750/27, 159875/81, -351875/486
  //   signal from candle 4: 1750/9, -10250/81, 309500/243, -14125/243
  const ind::KlingerSeries klinger = ind::klinger(high, low, close, volume, 2, 3, 2);
  check_series(klinger.oscillator, {kNaN, kNaN, kNaN, kNaN, -7000.0 / 9, -7750.0 / 27, 159875.0 / 81, -351875.0 / 486});
  check_series(klinger.signal, {kNaN, kNaN, kNaN, kNaN, 1750.0 / 9, -10250.0 / 81, 309500.0 / 243, -14125.0 / 243});
}
