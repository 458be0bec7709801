// Per-candle cost of each SDK indicator on 1,000,000 candles: the incremental class (one update()
// per candle, as a live evaluator runs) and the series function (one call over the whole columns, as
// a backtest or the CLI runs), next to a reference loop that only sums the closes. One JSON line per
// figure, e.g. {"bench":"indicators.rsi14.incremental","unit":"ns/candle","value":3.1}; each figure
// is the best of kRepeats runs (the least disturbed by other work on the machine).
//
// The candles replay 1,000 real hours of Bitstamp BTC/USD (the indicator tests' reference input) a
// thousand times, alternately forward and backward so that each copy starts where the previous one
// ended and prices stay in their real range: branches and window extremes behave as on real data.
#include <octobot/sdk/indicators.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <span>
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
constexpr std::size_t kBufferCandles = 3000;  // what an evaluator sees per (symbol, time frame)
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
  bool forward = true;
  while (out.close.size() < kCandles) {
    for (std::size_t k = 0; k < hours.close.size() && out.close.size() < kCandles; ++k) {
      const std::size_t i = forward ? k : hours.close.size() - 1 - k;
      out.high.push_back(hours.high[i]);
      out.low.push_back(hours.low[i]);
      out.close.push_back(hours.close[i]);
      out.volume.push_back(hours.volume[i]);
    }
    forward = !forward;
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

// The first `count` candles as the spans the series functions take.
struct View {
  std::span<const double> high, low, close, volume;
};
View first(const Columns& c, std::size_t count) {
  return {std::span(c.high).first(count), std::span(c.low).first(count), std::span(c.close).first(count),
          std::span(c.volume).first(count)};
}

// `update(indicator, i)` feeds candle i and returns something to keep; `series(view)` runs the
// function over a view. Three figures: updates over the 10^6 candles, one series call over them,
// and series calls over an evaluator's 3000-candle buffer (repeated to cover 10^6 candles), where
// the outputs stay in cache.
template <typename Make, typename Update, typename Series>
void measure(const Columns& c, const std::string& name, Make&& make, Update&& update, Series&& series) {
  const double incremental = best_seconds([&] {
    auto indicator = make();
    for (std::size_t i = 0; i < kCandles; ++i) do_not_optimize(update(indicator, i));
  });
  const View all = first(c, kCandles);
  const double whole = best_seconds([&] { do_not_optimize(series(all)); });
  const View buffer = first(c, kBufferCandles);
  const double buffers = best_seconds([&] {
    for (std::size_t call = 0; call < kCandles / kBufferCandles; ++call) do_not_optimize(series(buffer));
  });
  report("indicators." + name + ".incremental", "ns/candle", incremental * 1e9 / kCandles);
  report("indicators." + name + ".series", "ns/candle", whole * 1e9 / kCandles);
  report("indicators." + name + ".series_3000", "ns/candle",
         buffers * 1e9 / static_cast<double>(kCandles / kBufferCandles * kBufferCandles));
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
      c, "sma30", [] { return ind::Sma(30); }, on_close, [&](const View& v) { return ind::sma(v.close, 30); });
  measure(
      c, "ema30", [] { return ind::Ema(30); }, on_close, [&](const View& v) { return ind::ema(v.close, 30); });
  measure(
      c, "wma30", [] { return ind::Wma(30); }, on_close, [&](const View& v) { return ind::wma(v.close, 30); });
  measure(
      c, "vwma20", [] { return ind::Vwma(20); },
      [&](ind::Vwma& vwma, std::size_t i) { return kept(vwma.update(c.close[i], c.volume[i])); },
      [&](const View& v) { return ind::vwma(v.close, v.volume, 20); });
  measure(
      c, "rsi14", [] { return ind::Rsi(14); }, on_close, [&](const View& v) { return ind::rsi(v.close, 14); });
  measure(
      c, "macd12_26_9", [] { return ind::Macd(12, 26, 9); }, on_close,
      [&](const View& v) { return ind::macd(v.close, 12, 26, 9); });
  measure(
      c, "bbands20", [] { return ind::BollingerBands(20, 2, 2); }, on_close,
      [&](const View& v) { return ind::bollinger_bands(v.close, 20, 2, 2); });
  measure(
      c, "atr14", [] { return ind::Atr(14); }, on_hlc,
      [&](const View& v) { return ind::atr(v.high, v.low, v.close, 14); });
  measure(
      c, "adx14", [] { return ind::Adx(14); }, on_hlc,
      [&](const View& v) { return ind::adx(v.high, v.low, v.close, 14); });
  measure(
      c, "di14", [] { return ind::DirectionalIndex(14); }, on_hlc,
      [&](const View& v) { return ind::directional_index(v.high, v.low, v.close, 14); });
  measure(
      c, "stoch5_3_3", [] { return ind::Stochastic(5, 3, 3); }, on_hlc,
      [&](const View& v) { return ind::stochastic(v.high, v.low, v.close, 5, 3, 3); });
  measure(
      c, "stochf5_3", [] { return ind::StochasticFast(5, 3); }, on_hlc,
      [&](const View& v) { return ind::stochastic_fast(v.high, v.low, v.close, 5, 3); });
  measure(
      c, "stochrsi14_5_3", [] { return ind::StochasticRsi(14, 5, 3); }, on_close,
      [&](const View& v) { return ind::stochastic_rsi(v.close, 14, 5, 3); });
  measure(
      c, "supertrend10_3", [] { return ind::SuperTrend(10, 3); }, on_hlc,
      [&](const View& v) { return ind::supertrend(v.high, v.low, v.close, 10, 3); });
  measure(
      c, "klinger34_55_13", [] { return ind::Klinger(34, 55, 13); },
      [&](ind::Klinger& klinger, std::size_t i) {
        return kept(klinger.update(c.high[i], c.low[i], c.close[i], c.volume[i]));
      },
      [&](const View& v) { return ind::klinger(v.high, v.low, v.close, v.volume, 34, 55, 13); });
  measure(
      c, "obv", [] { return ind::Obv(); },
      [&](ind::Obv& obv, std::size_t i) { return obv.update(c.close[i], c.volume[i]); },
      [&](const View& v) { return ind::obv(v.close, v.volume); });
  return 0;
}
