// The incremental classes and the series functions are separate code (ring buffers and sliding
// extremes on one side, index arithmetic over the whole columns on the other) that must give the
// same numbers bit for bit, warm-up included: a strategy that backtests with one and trades with the
// other must see identical signals.
#include <catch2/catch.hpp>
#include <octobot/sdk/indicators.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "candle_samples.hpp"

namespace {

namespace ind = octobot::sdk::indicators;
using octobot::testing::candle_samples;
using octobot::testing::Candles;

constexpr double kNaN = ind::kWarmUp;

// Exactly equal, NaN matching NaN. Returns the first differing index, or -1.
long first_difference(const std::vector<double>& incremental, const std::vector<double>& series) {
  if (incremental.size() != series.size()) return 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const bool both_nan = std::isnan(incremental[i]) && std::isnan(series[i]);
    if (!both_nan && incremental[i] != series[i]) return static_cast<long>(i);
  }
  return -1;
}

void check_identical(const std::vector<double>& incremental, const std::vector<double>& series,
                     const std::string& what) {
  const long difference = first_difference(incremental, series);
  INFO(what << ": first difference at candle " << difference);
  CHECK(difference == -1);
}

// Runs `update(i)` for every candle (it returns a std::optional point) and spreads each point's
// `fields` into NaN-padded columns, the layout of the series functions.
template <typename Update, typename... Fields>
std::vector<std::vector<double>> run(std::size_t size, Update&& update, Fields... fields) {
  std::vector<std::vector<double>> out(sizeof...(Fields), std::vector<double>(size, kNaN));
  for (std::size_t i = 0; i < size; ++i) {
    const auto point = update(i);
    if (!point) continue;
    std::size_t column = 0;
    ((out[column++][i] = static_cast<double>(fields(*point))), ...);
  }
  return out;
}

const auto same = [](double value) { return value; };

}  // namespace

TEST_CASE("incremental SMA, EMA, WMA and RSI equal their series bit for bit", "[indicators][incremental]") {
  for (const auto& [name, c] : candle_samples()) {
    for (const int period : {1, 2, 3, 14, 30, 200}) {
      INFO(name << ", period " << period);
      ind::Sma sma(period);
      check_identical(run(
                          c.close.size(), [&](std::size_t i) { return sma.update(c.close[i]); }, same)[0],
                      ind::sma(c.close, period), "sma");
      if (period == 1) continue;  // only the SMA accepts 1
      ind::Ema ema(period);
      check_identical(run(
                          c.close.size(), [&](std::size_t i) { return ema.update(c.close[i]); }, same)[0],
                      ind::ema(c.close, period), "ema");
      ind::Wma wma(period);
      check_identical(run(
                          c.close.size(), [&](std::size_t i) { return wma.update(c.close[i]); }, same)[0],
                      ind::wma(c.close, period), "wma");
      {
        ind::Rsi rsi(period);
        check_identical(run(
                            c.close.size(), [&](std::size_t i) { return rsi.update(c.close[i]); }, same)[0],
                        ind::rsi(c.close, period), "rsi");
      }
    }
  }
}

TEST_CASE("incremental MACD and Bollinger Bands equal their series bit for bit", "[indicators][incremental]") {
  struct MacdParams {
    int fast, slow, signal;
  };
  for (const auto& [name, c] : candle_samples()) {
    for (const MacdParams p : {MacdParams{12, 26, 9}, MacdParams{2, 3, 2}, MacdParams{5, 5, 4}}) {
      INFO(name << ", macd " << p.fast << "/" << p.slow << "/" << p.signal);
      ind::Macd macd(p.fast, p.slow, p.signal);
      const auto incremental = run(
          c.close.size(), [&](std::size_t i) { return macd.update(c.close[i]); },
          [](const ind::MacdPoint& point) { return point.macd; },
          [](const ind::MacdPoint& point) { return point.signal; },
          [](const ind::MacdPoint& point) { return point.histogram; });
      const ind::MacdSeries series = ind::macd(c.close, p.fast, p.slow, p.signal);
      check_identical(incremental[0], series.macd, "macd");
      check_identical(incremental[1], series.signal, "signal");
      check_identical(incremental[2], series.histogram, "histogram");
    }
    for (const int period : {2, 5, 20}) {
      INFO(name << ", bbands " << period);
      ind::BollingerBands bands(period, 2.0, 1.5);
      const auto incremental = run(
          c.close.size(), [&](std::size_t i) { return bands.update(c.close[i]); },
          [](const ind::BollingerPoint& point) { return point.upper; },
          [](const ind::BollingerPoint& point) { return point.middle; },
          [](const ind::BollingerPoint& point) { return point.lower; });
      const ind::BollingerSeries series = ind::bollinger_bands(c.close, period, 2.0, 1.5);
      check_identical(incremental[0], series.upper, "upper");
      check_identical(incremental[1], series.middle, "middle");
      check_identical(incremental[2], series.lower, "lower");
    }
  }
}

TEST_CASE("incremental ATR, ADX and DI equal their series bit for bit", "[indicators][incremental]") {
  for (const auto& [name, c] : candle_samples()) {
    for (const int period : {1, 2, 3, 14, 50}) {
      INFO(name << ", period " << period);
      ind::Atr atr(period);
      check_identical(
          run(
              c.close.size(), [&](std::size_t i) { return atr.update(c.high[i], c.low[i], c.close[i]); }, same)[0],
          ind::atr(c.high, c.low, c.close, period), "atr");
      if (period < 2) continue;
      ind::Adx adx(period);
      check_identical(
          run(
              c.close.size(), [&](std::size_t i) { return adx.update(c.high[i], c.low[i], c.close[i]); }, same)[0],
          ind::adx(c.high, c.low, c.close, period), "adx");
      ind::DirectionalIndex di(period);
      const auto incremental = run(
          c.close.size(), [&](std::size_t i) { return di.update(c.high[i], c.low[i], c.close[i]); },
          [](const ind::DirectionalIndexPoint& point) { return point.plus_di; },
          [](const ind::DirectionalIndexPoint& point) { return point.minus_di; });
      const ind::DirectionalIndexSeries series = ind::directional_index(c.high, c.low, c.close, period);
      check_identical(incremental[0], series.plus_di, "+di");
      check_identical(incremental[1], series.minus_di, "-di");
    }
  }
}

TEST_CASE("incremental stochastics equal their series bit for bit", "[indicators][incremental]") {
  const auto k = [](const ind::StochasticPoint& point) { return point.k; };
  const auto d = [](const ind::StochasticPoint& point) { return point.d; };
  struct Params {
    int a, b, c;
  };
  for (const auto& [name, c] : candle_samples()) {
    for (const Params p : {Params{5, 3, 3}, Params{1, 1, 1}, Params{14, 1, 3}, Params{30, 5, 2}}) {
      INFO(name << ", periods " << p.a << "/" << p.b << "/" << p.c);
      ind::Stochastic slow(p.a, p.b, p.c);
      auto incremental = run(
          c.close.size(), [&](std::size_t i) { return slow.update(c.high[i], c.low[i], c.close[i]); }, k, d);
      ind::StochasticSeries series = ind::stochastic(c.high, c.low, c.close, p.a, p.b, p.c);
      check_identical(incremental[0], series.k, "stoch k");
      check_identical(incremental[1], series.d, "stoch d");

      ind::StochasticFast fast(p.a, p.b);
      incremental = run(
          c.close.size(), [&](std::size_t i) { return fast.update(c.high[i], c.low[i], c.close[i]); }, k, d);
      series = ind::stochastic_fast(c.high, c.low, c.close, p.a, p.b);
      check_identical(incremental[0], series.k, "stochf k");
      check_identical(incremental[1], series.d, "stochf d");

      ind::StochasticRsi stochastic_rsi(p.a + 1, p.b, p.c);
      incremental = run(
          c.close.size(), [&](std::size_t i) { return stochastic_rsi.update(c.close[i]); }, k, d);
      series = ind::stochastic_rsi(c.close, p.a + 1, p.b, p.c);
      check_identical(incremental[0], series.k, "stochrsi k");
      check_identical(incremental[1], series.d, "stochrsi d");
    }
  }
}

TEST_CASE("incremental VWMA, OBV, SuperTrend and Klinger equal their series bit for bit", "[indicators][incremental]") {
  for (const auto& [name, c] : candle_samples()) {
    INFO(name);
    for (const int period : {1, 2, 20, 60}) {
      ind::Vwma vwma(period);
      check_identical(run(
                          c.close.size(), [&](std::size_t i) { return vwma.update(c.close[i], c.volume[i]); }, same)[0],
                      ind::vwma(c.close, c.volume, period), "vwma " + std::to_string(period));
    }
    ind::Obv obv;
    check_identical(
        run(
            c.close.size(), [&](std::size_t i) { return std::optional<double>(obv.update(c.close[i], c.volume[i])); },
            same)[0],
        ind::obv(c.close, c.volume), "obv");
    for (const int period : {1, 10, 22}) {
      ind::SuperTrend supertrend(period, 2.5);
      const auto incremental = run(
          c.close.size(), [&](std::size_t i) { return supertrend.update(c.high[i], c.low[i], c.close[i]); },
          [](const ind::SuperTrendPoint& point) { return point.value; },
          [](const ind::SuperTrendPoint& point) { return point.direction; });
      const ind::SuperTrendSeries series = ind::supertrend(c.high, c.low, c.close, period, 2.5);
      check_identical(incremental[0], series.value, "supertrend " + std::to_string(period));
      check_identical(incremental[1], series.direction, "supertrend direction " + std::to_string(period));
    }
    for (const int fast : {2, 5, 34}) {
      ind::Klinger klinger(fast, 55, 13);
      const auto incremental = run(
          c.close.size(), [&](std::size_t i) { return klinger.update(c.high[i], c.low[i], c.close[i], c.volume[i]); },
          [](const ind::KlingerPoint& point) { return point.oscillator; },
          [](const ind::KlingerPoint& point) { return point.signal; });
      const ind::KlingerSeries series = ind::klinger(c.high, c.low, c.close, c.volume, fast, 55, 13);
      check_identical(incremental[0], series.oscillator, "klinger " + std::to_string(fast));
      check_identical(incremental[1], series.signal, "klinger signal " + std::to_string(fast));
    }
  }
}

TEST_CASE("reset() starts an indicator over as if it were new", "[indicators][incremental]") {
  const Candles& c = candle_samples().front().candles;
  ind::Macd macd;
  ind::Stochastic stochastic;
  ind::Klinger klinger;
  for (std::size_t i = 0; i < 300; ++i) {
    macd.update(c.close[i]);
    stochastic.update(c.high[i], c.low[i], c.close[i]);
    klinger.update(c.high[i], c.low[i], c.close[i], c.volume[i]);
  }
  macd.reset();
  stochastic.reset();
  klinger.reset();
  CHECK_FALSE(macd.ready());
  const ind::MacdSeries macd_series = ind::macd(c.close);
  const ind::StochasticSeries stochastic_series = ind::stochastic(c.high, c.low, c.close);
  const ind::KlingerSeries klinger_series = ind::klinger(c.high, c.low, c.close, c.volume);
  for (std::size_t i = 0; i < c.close.size(); ++i) {
    const auto m = macd.update(c.close[i]);
    const auto s = stochastic.update(c.high[i], c.low[i], c.close[i]);
    const auto k = klinger.update(c.high[i], c.low[i], c.close[i], c.volume[i]);
    REQUIRE(m.has_value() == !std::isnan(macd_series.macd[i]));
    REQUIRE(s.has_value() == !std::isnan(stochastic_series.k[i]));
    REQUIRE(k.has_value() == !std::isnan(klinger_series.oscillator[i]));
    if (m) CHECK(m->signal == macd_series.signal[i]);
    if (s) CHECK(s->d == stochastic_series.d[i]);
    if (k) CHECK(k->signal == klinger_series.signal[i]);
  }
}
