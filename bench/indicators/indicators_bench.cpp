// Per-candle cost of each SDK indicator on 1,000,000 candles: the incremental class (one update()
// per candle, as a live evaluator runs) and the series function (one call over the whole columns, as
// a backtest or the CLI runs), next to a reference loop that only sums the closes. One JSON line per
// figure, e.g. {"bench":"indicators.rsi14.incremental","unit":"ns/candle","value":3.1}; each figure
// is the best of kRepeats runs (the least disturbed by other work on the machine).
//
// The candles replay 1,000 real hours of Bitstamp BTC/USD (the indicator tests' reference input)
// a thousand times, each copy rescaled to open where the previous one closed, so that branches and
// window extremes behave as on real data.
#include <octobot/sdk/indicators.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench_report.hpp"

namespace {

namespace ind = octobot::sdk::indicators;
using octobot::bench::do_not_optimize;
using octobot::bench::report;
using octobot::bench::Stopwatch;

constexpr std::size_t kCandles = 1'000'000;
constexpr int kRepeats = 5;

struct Columns {
  std::vector<double> high, low, close, volume;
};

Columns read_real_hours() {
  std::ifstream in(OCTOBOT_INDICATOR_CANDLES);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", OCTOBOT_INDICATOR_CANDLES);
    std::exit(1);
  }
  Columns hours;
  std::string line;
  std::getline(in, line);  // time,open,high,low,close,volume
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string time, open, high, low, close, volume;
    std::getline(fields, time, ',');
    std::getline(fields, open, ',');
    std::getline(fields, high, ',');
    std::getline(fields, low, ',');
    std::getline(fields, close, ',');
    std::getline(fields, volume, ',');
    hours.high.push_back(std::stod(high));
    hours.low.push_back(std::stod(low));
    hours.close.push_back(std::stod(close));
    hours.volume.push_back(std::stod(volume));
  }
  return hours;
}

Columns replayed_candles() {
  const Columns hours = read_real_hours();
  Columns out;
  double scale = 1.0;
  while (out.close.size() < kCandles) {
    for (std::size_t i = 0; i < hours.close.size() && out.close.size() < kCandles; ++i) {
      out.high.push_back(hours.high[i] * scale);
      out.low.push_back(hours.low[i] * scale);
      out.close.push_back(hours.close[i] * scale);
      out.volume.push_back(hours.volume[i]);
    }
    scale = out.close.back() / hours.close.front();  // the next copy continues from this close
  }
  return out;
}

// Best seconds of kRepeats runs of `body`.
template <typename Body>
double best_seconds(Body&& body) {
  double best = std::numeric_limits<double>::infinity();
  for (int run = 0; run < kRepeats; ++run) {
    const Stopwatch watch;
    body();
    best = std::min(best, watch.seconds());
  }
  return best;
}

// `update(indicator, i)` feeds candle i and returns something to keep; `series()` runs the function.
template <typename Make, typename Update, typename Series>
void measure(const std::string& name, Make&& make, Update&& update, Series&& series) {
  const double incremental = best_seconds([&] {
    auto indicator = make();
    for (std::size_t i = 0; i < kCandles; ++i) do_not_optimize(update(indicator, i));
  });
  const double whole = best_seconds([&] { do_not_optimize(series()); });
  report("indicators." + name + ".incremental", "ns/candle", incremental * 1e9 / kCandles);
  report("indicators." + name + ".series", "ns/candle", whole * 1e9 / kCandles);
}

// One number out of every update, so that the optimiser must compute all of each point.
double kept(double value) { return value; }
double kept(const ind::MacdPoint& point) { return point.macd + point.signal + point.histogram; }
double kept(const ind::BollingerPoint& point) { return point.upper + point.middle + point.lower; }
double kept(const ind::DirectionalIndexPoint& point) { return point.plus_di + point.minus_di; }
double kept(const ind::StochasticPoint& point) { return point.k + point.d; }
double kept(const ind::SuperTrendPoint& point) { return point.value + point.direction; }
double kept(const ind::KlingerPoint& point) { return point.oscillator + point.signal; }
template <typename Point>
double kept(const std::optional<Point>& point) {
  return point ? kept(*point) : 0.0;
}

}  // namespace

int main() {
  const Columns c = replayed_candles();

  const double reference = best_seconds([&] {
    double total = 0;
    for (std::size_t i = 0; i < kCandles; ++i) {
      total += c.close[i];
      do_not_optimize(total);
    }
  });
  report("indicators.reference.sum_close", "ns/candle", reference * 1e9 / kCandles);

  const auto on_close = [&](auto& indicator, std::size_t i) { return kept(indicator.update(c.close[i])); };
  const auto on_hlc = [&](auto& indicator, std::size_t i) {
    return kept(indicator.update(c.high[i], c.low[i], c.close[i]));
  };
  measure(
      "sma30", [] { return ind::Sma(30); }, on_close, [&] { return ind::sma(c.close, 30); });
  measure(
      "ema30", [] { return ind::Ema(30); }, on_close, [&] { return ind::ema(c.close, 30); });
  measure(
      "wma30", [] { return ind::Wma(30); }, on_close, [&] { return ind::wma(c.close, 30); });
  measure(
      "vwma20", [] { return ind::Vwma(20); },
      [&](ind::Vwma& vwma, std::size_t i) { return kept(vwma.update(c.close[i], c.volume[i])); },
      [&] { return ind::vwma(c.close, c.volume, 20); });
  measure(
      "rsi14", [] { return ind::Rsi(14); }, on_close, [&] { return ind::rsi(c.close, 14); });
  measure(
      "macd12_26_9", [] { return ind::Macd(12, 26, 9); }, on_close, [&] { return ind::macd(c.close, 12, 26, 9); });
  measure(
      "bbands20", [] { return ind::BollingerBands(20, 2, 2); }, on_close,
      [&] { return ind::bollinger_bands(c.close, 20, 2, 2); });
  measure(
      "atr14", [] { return ind::Atr(14); }, on_hlc, [&] { return ind::atr(c.high, c.low, c.close, 14); });
  measure(
      "adx14", [] { return ind::Adx(14); }, on_hlc, [&] { return ind::adx(c.high, c.low, c.close, 14); });
  measure(
      "di14", [] { return ind::DirectionalIndex(14); }, on_hlc,
      [&] { return ind::directional_index(c.high, c.low, c.close, 14); });
  measure(
      "stoch5_3_3", [] { return ind::Stochastic(5, 3, 3); }, on_hlc,
      [&] { return ind::stochastic(c.high, c.low, c.close, 5, 3, 3); });
  measure(
      "stochf5_3", [] { return ind::StochasticFast(5, 3); }, on_hlc,
      [&] { return ind::stochastic_fast(c.high, c.low, c.close, 5, 3); });
  measure(
      "stochrsi14_5_3", [] { return ind::StochasticRsi(14, 5, 3); }, on_close,
      [&] { return ind::stochastic_rsi(c.close, 14, 5, 3); });
  measure(
      "supertrend10_3", [] { return ind::SuperTrend(10, 3); }, on_hlc,
      [&] { return ind::supertrend(c.high, c.low, c.close, 10, 3); });
  measure(
      "klinger34_55_13", [] { return ind::Klinger(34, 55, 13); },
      [&](ind::Klinger& klinger, std::size_t i) {
        return kept(klinger.update(c.high[i], c.low[i], c.close[i], c.volume[i]));
      },
      [&] { return ind::klinger(c.high, c.low, c.close, c.volume, 34, 55, 13); });
  measure(
      "obv", [] { return ind::Obv(); },
      [&](ind::Obv& obv, std::size_t i) { return obv.update(c.close[i], c.volume[i]); },
      [&] { return ind::obv(c.close, c.volume); });
  return 0;
}
