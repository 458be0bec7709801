// Real data against the references: 1,000 hours of Bitstamp BTC/USD, run through TA-Lib 0.6 itself
// (data/btcusd_1h_talib.csv) and, for the indicators TA-Lib lacks, through independent
// implementations of their published definitions (data/btcusd_1h_definitions.csv). See
// data/README.md for how both were produced. Values agree to 1e-9 relative, and the warm-up (NaN)
// candles are exactly TA-Lib's.
#include <catch2/catch.hpp>
#include <octobot/sdk/indicators.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "fixture.hpp"

namespace {

namespace ind = octobot::sdk::indicators;
using octobot::testing::CsvColumns;
using octobot::testing::first_mismatch;
using octobot::testing::reference_candles;

const CsvColumns& talib() {
  static const CsvColumns columns("btcusd_1h_talib.csv");
  return columns;
}
const CsvColumns& definitions() {
  static const CsvColumns columns("btcusd_1h_definitions.csv");
  return columns;
}

void check_matches(const std::vector<double>& actual, const CsvColumns& reference, const std::string& column) {
  const std::vector<double>& expected = reference[column];
  const long mismatch = first_mismatch(actual, expected);
  INFO(column << ": first mismatch at candle " << mismatch);
  if (mismatch >= 0 && static_cast<std::size_t>(mismatch) < actual.size()) {
    INFO("ours " << actual[static_cast<std::size_t>(mismatch)] << ", reference "
                 << expected[static_cast<std::size_t>(mismatch)]);
    CHECK(mismatch == -1);
  } else {
    CHECK(mismatch == -1);
  }
}

}  // namespace

TEST_CASE("moving averages equal TA-Lib's SMA, EMA and WMA on real data", "[indicators][talib]") {
  const auto& close = reference_candles().close;
  check_matches(ind::sma(close, 30), talib(), "sma30");
  check_matches(ind::ema(close, 30), talib(), "ema30");
  check_matches(ind::ema(close, 9), talib(), "ema9");
  check_matches(ind::wma(close, 30), talib(), "wma30");
}

TEST_CASE("RSI equals TA-Lib's on real data", "[indicators][talib]") {
  const auto& close = reference_candles().close;
  check_matches(ind::rsi(close, 14), talib(), "rsi14");
  check_matches(ind::rsi(close, 2), talib(), "rsi2");
}

TEST_CASE("MACD equals TA-Lib's on real data, with TA-Lib's fast EMA alignment", "[indicators][talib]") {
  const ind::MacdSeries macd = ind::macd(reference_candles().close, 12, 26, 9);
  check_matches(macd.macd, talib(), "macd");
  check_matches(macd.signal, talib(), "macd_signal");
  check_matches(macd.histogram, talib(), "macd_hist");
}

TEST_CASE("Bollinger Bands equal TA-Lib's BBANDS on real data", "[indicators][talib]") {
  const auto& close = reference_candles().close;
  const ind::BollingerSeries defaults = ind::bollinger_bands(close);
  check_matches(defaults.upper, talib(), "bb5_upper");
  check_matches(defaults.middle, talib(), "bb5_middle");
  check_matches(defaults.lower, talib(), "bb5_lower");
  const ind::BollingerSeries asymmetric = ind::bollinger_bands(close, 20, 2.0, 1.5);
  check_matches(asymmetric.upper, talib(), "bb20_upper");
  check_matches(asymmetric.middle, talib(), "bb20_middle");
  check_matches(asymmetric.lower, talib(), "bb20_lower");
}

TEST_CASE("ATR, ADX, +DI and -DI equal TA-Lib's on real data", "[indicators][talib]") {
  const auto& c = reference_candles();
  check_matches(ind::atr(c.high, c.low, c.close, 14), talib(), "atr14");
  check_matches(ind::adx(c.high, c.low, c.close, 14), talib(), "adx14");
  const ind::DirectionalIndexSeries di = ind::directional_index(c.high, c.low, c.close, 14);
  check_matches(di.plus_di, talib(), "plus_di14");
  check_matches(di.minus_di, talib(), "minus_di14");
}

TEST_CASE("STOCH, STOCHF and STOCHRSI equal TA-Lib's on real data", "[indicators][talib]") {
  const auto& c = reference_candles();
  const ind::StochasticSeries slow = ind::stochastic(c.high, c.low, c.close, 5, 3, 3);
  check_matches(slow.k, talib(), "stoch_k");
  check_matches(slow.d, talib(), "stoch_d");
  const ind::StochasticSeries fast = ind::stochastic_fast(c.high, c.low, c.close, 5, 3);
  check_matches(fast.k, talib(), "stochf_k");
  check_matches(fast.d, talib(), "stochf_d");
  const ind::StochasticSeries rsi = ind::stochastic_rsi(c.close, 14, 5, 3);
  check_matches(rsi.k, talib(), "stochrsi_k");
  check_matches(rsi.d, talib(), "stochrsi_d");
}

TEST_CASE("OBV equals TA-Lib's on real data", "[indicators][talib]") {
  check_matches(ind::obv(reference_candles().close, reference_candles().volume), talib(), "obv");
}

TEST_CASE("VWMA, SuperTrend and Klinger equal their reference implementations on real data",
          "[indicators][definitions]") {
  const auto& c = reference_candles();
  check_matches(ind::vwma(c.close, c.volume, 20), definitions(), "vwma20");
  const ind::SuperTrendSeries supertrend = ind::supertrend(c.high, c.low, c.close, 10, 3.0);
  check_matches(supertrend.value, definitions(), "supertrend");
  check_matches(supertrend.direction, definitions(), "supertrend_direction");
  const ind::KlingerSeries klinger = ind::klinger(c.high, c.low, c.close, c.volume, 34, 55, 13);
  check_matches(klinger.oscillator, definitions(), "klinger");
  check_matches(klinger.signal, definitions(), "klinger_signal");
}

TEST_CASE("the reference data covers both trends and stays within the checked range", "[indicators][definitions]") {
  // A comparison is only as good as what it exercises: the SuperTrend must flip both ways, the
  // Klinger oscillator must change sign, and every reference column must hold 900+ values.
  const auto& direction = definitions()["supertrend_direction"];
  int flips = 0;
  for (std::size_t i = 1; i < direction.size(); ++i) {
    if (!std::isnan(direction[i - 1]) && direction[i] != direction[i - 1]) ++flips;
  }
  CHECK(flips >= 10);
  for (const CsvColumns* reference : {&talib(), &definitions()}) {
    for (const std::string& name : reference->names()) {
      std::size_t values = 0;
      for (const double value : (*reference)[name]) values += std::isnan(value) ? 0 : 1;
      INFO(name);
      CHECK(values >= 900);
    }
  }
}
