// Edge cases: parameters out of range, period 1, flat markets, zero volume, NaN input, reset().
#include <catch2/catch.hpp>
#include <octobot/sdk/indicators.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace {

namespace ind = octobot::sdk::indicators;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> flat(double value, std::size_t count = 80) { return std::vector<double>(count, value); }

std::size_t values_in(const std::vector<double>& series) {
  std::size_t count = 0;
  for (const double value : series) count += std::isnan(value) ? 0 : 1;
  return count;
}

bool all_equal(const std::vector<double>& series, double expected) {
  for (const double value : series) {
    if (!std::isnan(value) && value != expected) return false;
  }
  return values_in(series) > 0;
}

}  // namespace

TEST_CASE("out-of-range parameters are rejected with the indicator, parameter, range and value", "[indicators][edge]") {
  CHECK_THROWS_WITH(ind::Sma(0), "sma: period must be in [1, 100000], got 0");
  CHECK_THROWS_WITH(ind::Ema(1), "ema: period must be in [2, 100000], got 1");
  CHECK_THROWS_WITH(ind::wma(std::vector<double>{1, 2}, 100001), "wma: period must be in [2, 100000], got 100001");
  CHECK_THROWS_WITH(ind::Rsi(1), "rsi: period must be in [2, 100000], got 1");
  CHECK_THROWS_WITH(ind::Macd(26, 12, 9), "macd: the fast period (26) must not be longer than the slow period (12)");
  CHECK_THROWS_WITH(ind::Macd(12, 26, 1), "macd: signal period must be in [2, 100000], got 1");
  CHECK_THROWS_WITH(ind::BollingerBands(20, kNaN), "bbands: deviations_up must be a finite number");
  CHECK_THROWS_WITH(ind::Adx(1), "adx: period must be in [2, 100000], got 1");
  CHECK_THROWS_WITH(ind::DirectionalIndex(1), "di: period must be in [2, 100000], got 1");
  CHECK_THROWS_WITH(ind::Stochastic(5, 0, 3), "stoch: slow_k must be in [1, 100000], got 0");
  CHECK_THROWS_WITH(ind::StochasticRsi(14, 5, 0), "stochrsi: fast_d must be in [1, 100000], got 0");
  CHECK_THROWS_WITH(ind::SuperTrend(10, 0.0), "supertrend: multiplier must be positive");
  CHECK_THROWS_WITH(ind::Klinger(55, 34, 13),
                    "klinger: the fast period (55) must not be longer than the slow period (34)");
  CHECK_THROWS_WITH(ind::atr(std::vector<double>{1, 2}, std::vector<double>{1}, std::vector<double>{1, 2}),
                    "atr: input columns differ in length (2 and 1)");
  CHECK_NOTHROW(ind::Sma(ind::kMaxPeriod));
}

TEST_CASE("period 1 where TA-Lib allows it", "[indicators][edge]") {
  const std::vector<double> values = {3.3, 1.7, 2.9, 1e6, 0.1};
  // SMA(1) is the input exactly (the running total goes back to 0 after each value).
  CHECK(ind::sma(values, 1) == values);
  // STOCH(1, 1, 1): the window is the candle itself: (close - low) / (high - low) * 100.
  const std::vector<double> high = {10, 12, 11};
  const std::vector<double> low = {8, 8, 11};
  const std::vector<double> close = {9, 11, 11};
  const ind::StochasticSeries stochastic = ind::stochastic(high, low, close, 1, 1, 1);
  CHECK(stochastic.k == std::vector<double>{50, 75, 0});  // a candle without range gives 0, as TA-Lib
  CHECK(stochastic.d == stochastic.k);
  CHECK(ind::stochastic_fast(high, low, close, 1, 1).k == stochastic.k);
  // VWMA(1) weighs one candle: its close (up to the rounding of close * volume / volume).
  const std::vector<double> vwma = ind::vwma(values, std::vector<double>{1, 2, 0, 4, 5}, 1);
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(vwma[i] == Approx(values[i]).epsilon(1e-15));
}

TEST_CASE("a flat market gives TA-Lib's answers", "[indicators][edge]") {
  const std::vector<double> price = flat(50);
  // No gain and no loss: TA-Lib's RSI is 0 (not 50); so is the stochastic (no range) and STOCHRSI.
  CHECK(all_equal(ind::rsi(price), 0.0));
  CHECK(all_equal(ind::stochastic(price, price, price).k, 0.0));
  CHECK(all_equal(ind::stochastic_rsi(price).k, 0.0));
  // No true range: ATR 0, both DIs 0, DX undefined so ADX stays at its seed, 0.
  CHECK(all_equal(ind::atr(price, price, price), 0.0));
  CHECK(all_equal(ind::directional_index(price, price, price).plus_di, 0.0));
  CHECK(all_equal(ind::adx(price, price, price), 0.0));
  CHECK(all_equal(ind::macd(price).histogram, 0.0));
  // SuperTrend: both bands sit on the price; the first candle's downtrend never flips.
  const ind::SuperTrendSeries supertrend = ind::supertrend(price, price, price);
  CHECK(all_equal(supertrend.value, 50.0));
  CHECK(all_equal(supertrend.direction, -1.0));
  // Bollinger Bands: width 0 where the squares are exact; TA-Lib's one-pass variance leaves
  // 0.001953125 between the bands of 20 candles at 20000.1, and so do we.
  const ind::BollingerSeries exact = ind::bollinger_bands(price, 20);
  CHECK(all_equal(exact.upper, 50.0));
  CHECK(all_equal(exact.lower, 50.0));
  const ind::BollingerSeries rounded = ind::bollinger_bands(flat(20000.1, 30), 20);
  CHECK(rounded.upper[25] - rounded.lower[25] == 0.001953125);
  // Klinger: every candle ties the previous one (a downtrend) with no range (cm 0 -> dm/cm = 0), so
  // VF = -volume * 100 throughout and both EMAs of a constant agree: KO 0.
  CHECK(all_equal(ind::klinger(price, price, price, flat(3.0)).oscillator, 0.0));
}

TEST_CASE("zero volume", "[indicators][edge]") {
  const std::vector<double> close = {10, 11, 12, 13, 14, 15};
  // A window without any volume: the plain mean of its closes, never 0 / 0.
  const std::vector<double> vwma = ind::vwma(close, std::vector<double>(6, 0.0), 3);
  CHECK(values_in(vwma) == 4);
  CHECK(vwma[2] == 11);
  CHECK(vwma[5] == 14);
  // Volume that rounds away: 0.1 + 0.2 - 0.1 - 0.2 is not exactly 0 in doubles, yet the window with
  // only zero volumes is recognised by counting, not by its running total.
  const std::vector<double> after_volume =
      ind::vwma(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{0.1, 0.2, 0, 0, 0}, 2);
  CHECK(after_volume[4] == 4.5);
  CHECK(ind::obv(close, std::vector<double>(6, 0.0)) == std::vector<double>(6, 0.0));
}

TEST_CASE("a NaN input poisons what follows until reset(), as documented", "[indicators][edge]") {
  ind::Sma sma(3);
  ind::Rsi rsi(3);
  ind::Atr atr(3);
  const std::vector<double> before = {1, 2, 3, 4, 5};
  for (const double value : before) {
    sma.update(value);
    rsi.update(value);
    atr.update(value + 1, value - 1, value);
  }
  sma.update(kNaN);
  rsi.update(kNaN);
  atr.update(kNaN, 1, 1);
  for (const double value : {6.0, 7.0, 8.0, 9.0}) {
    CHECK(std::isnan(*sma.update(value)));  // the NaN left the window, but not the running total
    CHECK(std::isnan(*rsi.update(value)));
    CHECK(std::isnan(*atr.update(value + 1, value - 1, value)));
  }
  sma.reset();
  rsi.reset();
  atr.reset();
  CHECK_FALSE(sma.ready());
  std::optional<double> last;
  for (const double value : before) last = sma.update(value);
  CHECK(last == 4.0);
  // The series functions behave the same way: NaN from the bad candle on.
  const std::vector<double> series = ind::sma(std::vector<double>{1, 2, 3, kNaN, 5, 6, 7, 8}, 3);
  CHECK(series[2] == 2);
  CHECK(values_in(std::vector<double>(series.begin() + 3, series.end())) == 0);
}
