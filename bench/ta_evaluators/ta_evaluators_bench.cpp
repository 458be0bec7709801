// Per-candle cost of every bundled TA evaluator, loaded from the built tree as a .so through the
// host and called over the ABI the way the bot calls it: on each closed candle, with the whole
// rolling 3000-candle buffer. Next to each, in this binary:
//   - <Class>.direct_indicator: the evaluator's indicator(s) updated directly, one candle (the floor
//     an incremental evaluator can reach);
//   - <Class>.recompute_indicator: the same indicator(s) recomputed over the 3000-candle buffer by
//     the series functions (what an evaluator that recomputes on every candle, as OctoBot's Python
//     ones do, would pay before any analysis).
// One JSON line per figure, e.g. {"bench":"ta_evaluator.RSIMomentumEvaluator","unit":"ns/candle",
// "value":N}; each figure is the best of kRepeats runs.
//
// Candles: 1,000 real hours of Bitstamp BTC/USD (the indicator tests' input) replayed forward and
// backward alternately so each copy starts where the previous ended, prices staying realistic.
#include <octobot/abi.h>
#include <octobot/sdk/indicators.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "bench_report.hpp"

namespace {

namespace ind = octobot::sdk::indicators;
using octobot::bench::do_not_optimize;
using octobot::bench::report;
using octobot::bench::Stopwatch;

constexpr std::size_t kBuffer = 3000;        // the host's candle buffer per (symbol, time frame)
constexpr std::size_t kMeasured = 3000;      // candles evaluated per run, after a full buffer
constexpr std::size_t kRecomputeEvery = 10;  // recomputing is slow: time one candle in 10
constexpr int kRepeats = 5;

struct Columns {
  std::vector<std::int64_t> time;
  std::vector<double> open, high, low, close, volume;
};

Columns read_candles() {
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
    std::string cell[6];
    for (auto& value : cell) std::getline(fields, value, ',');
    hours.open.push_back(std::stod(cell[1]));
    hours.high.push_back(std::stod(cell[2]));
    hours.low.push_back(std::stod(cell[3]));
    hours.close.push_back(std::stod(cell[4]));
    hours.volume.push_back(std::stod(cell[5]));
  }
  Columns out;
  const std::size_t total = kBuffer + kMeasured;
  for (std::size_t i = 0; out.close.size() < total; ++i) {
    const std::size_t lap = i / hours.close.size();
    const std::size_t offset = i % hours.close.size();
    const std::size_t k = lap % 2 == 0 ? offset : hours.close.size() - 1 - offset;
    out.time.push_back(static_cast<std::int64_t>(out.close.size()) * 3'600'000);
    out.open.push_back(hours.open[k]);
    out.high.push_back(hours.high[k]);
    out.low.push_back(hours.low[k]);
    out.close.push_back(hours.close[k]);
    out.volume.push_back(hours.volume[k]);
  }
  return out;
}

ob_candles view(const Columns& c, std::size_t begin, std::size_t end) {
  return {OB_HEADER_INIT(ob_candles),
          "bench",
          "BTC/USD",
          "1h",
          end - begin,
          c.time.data() + begin,
          c.open.data() + begin,
          c.high.data() + begin,
          c.low.data() + begin,
          c.close.data() + begin,
          c.volume.data() + begin};
}

// The indicator work behind one evaluator: one candle incrementally, or a whole buffer at once.
struct IndicatorWork {
  std::function<std::function<void(const Columns&, std::size_t)>()> make_incremental;
  std::function<void(const Columns&, std::size_t, std::size_t)> recompute;
};

std::span<const double> span_of(const std::vector<double>& column, std::size_t begin, std::size_t end) {
  return std::span<const double>(column).subspan(begin, end - begin);
}

template <typename Indicator, typename... Args>
std::function<std::function<void(const Columns&, std::size_t)>()> close_updates(Args... args) {
  return [=] {
    return [indicator = Indicator(args...)](const Columns& c, std::size_t i) mutable {
      do_not_optimize(indicator.update(c.close[i]));
    };
  };
}

template <typename Indicator, typename... Args>
std::function<std::function<void(const Columns&, std::size_t)>()> hlc_updates(Args... args) {
  return [=] {
    return [indicator = Indicator(args...)](const Columns& c, std::size_t i) mutable {
      do_not_optimize(indicator.update(c.high[i], c.low[i], c.close[i]));
    };
  };
}

std::vector<std::pair<std::string, IndicatorWork>> evaluators() {
  const auto rsi = IndicatorWork{close_updates<ind::Rsi>(14), [](const Columns& c, std::size_t b, std::size_t e) {
                                   do_not_optimize(ind::rsi(span_of(c.close, b, e), 14).back());
                                 }};
  const auto klinger =
      IndicatorWork{[] {
                      return [indicator = ind::Klinger(35, 55, 13)](const Columns& c, std::size_t i) mutable {
                        do_not_optimize(indicator.update(c.high[i], c.low[i], c.close[i], c.volume[i]));
                      };
                    },
                    [](const Columns& c, std::size_t b, std::size_t e) {
                      do_not_optimize(ind::klinger(span_of(c.high, b, e), span_of(c.low, b, e), span_of(c.close, b, e),
                                                   span_of(c.volume, b, e), 35, 55, 13)
                                          .signal.back());
                    }};
  return {
      {"RSIMomentumEvaluator", rsi},
      {"RSIWeightMomentumEvaluator", rsi},
      {"BBMomentumEvaluator",
       {close_updates<ind::BollingerBands>(20, 2.0, 2.0),
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::bollinger_bands(span_of(c.close, b, e), 20).upper.back());
        }}},
      {"EMAMomentumEvaluator",
       {close_updates<ind::Ema>(21),
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::ema(span_of(c.close, b, e), 21).back());
        }}},
      {"ADXMomentumEvaluator",
       {hlc_updates<ind::Adx>(14),
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::adx(span_of(c.high, b, e), span_of(c.low, b, e), span_of(c.close, b, e), 14).back());
        }}},
      {"MACDMomentumEvaluator",
       {close_updates<ind::Macd>(12, 26, 9),
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::macd(span_of(c.close, b, e), 12, 26, 9).histogram.back());
        }}},
      {"KlingerOscillatorMomentumEvaluator", klinger},
      {"KlingerOscillatorReversalConfirmationMomentumEvaluator", klinger},
      {"DoubleMovingAverageTrendEvaluator",
       {[] {
          return [fast = ind::Sma(5), slow = ind::Sma(10), current = ind::Sma(2)](const Columns& c,
                                                                                  std::size_t i) mutable {
            do_not_optimize(current.update(c.close[i]));
            do_not_optimize(fast.update(c.close[i]));
            do_not_optimize(slow.update(c.close[i]));
          };
        },
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::sma(span_of(c.close, b, e), 2).back());
          do_not_optimize(ind::sma(span_of(c.close, b, e), 5).back());
          do_not_optimize(ind::sma(span_of(c.close, b, e), 10).back());
        }}},
      {"EMADivergenceTrendEvaluator",
       {close_updates<ind::Ema>(50),
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::ema(span_of(c.close, b, e), 50).back());
        }}},
      {"DeathAndGoldenCrossEvaluator",
       {[] {
          return [fast = ind::Sma(50), slow = ind::Sma(200)](const Columns& c, std::size_t i) mutable {
            do_not_optimize(fast.update(c.close[i]));
            do_not_optimize(slow.update(c.close[i]));
          };
        },
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::sma(span_of(c.close, b, e), 50).back());
          do_not_optimize(ind::sma(span_of(c.close, b, e), 200).back());
        }}},
      {"SuperTrendEvaluator",
       {hlc_updates<ind::SuperTrend>(10, 3.0),
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::supertrend(span_of(c.high, b, e), span_of(c.low, b, e), span_of(c.close, b, e), 10, 3.0)
                              .value.back());
        }}},
      {"StochasticRSIVolatilityEvaluator",
       {close_updates<ind::StochasticRsi>(14, 14, 1),
        [](const Columns& c, std::size_t b, std::size_t e) {
          do_not_optimize(ind::stochastic_rsi(span_of(c.close, b, e), 14, 14, 1).k.back());
        }}},
  };
}

template <typename Body>
double best_ns_per_candle(std::size_t candles, Body&& body) {
  double best = std::numeric_limits<double>::infinity();
  for (int repeat = 0; repeat < kRepeats; ++repeat) best = std::min(best, body() * 1e9 / static_cast<double>(candles));
  return best;
}

}  // namespace

int main() {
  const Columns candles = read_candles();
  octobot::tentacles::HostOptions options;
  options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
  options.probe = false;  // our own, trusted tree: measure evaluation, not probing
  octobot::tentacles::TentacleHost host(options);
  (void)host.load();

  for (const auto& [name, work] : evaluators()) {
    if (host.find_class(name) == nullptr) {
      std::fprintf(stderr, "%s did not load\n", name.c_str());
      return 1;
    }
    const double evaluator_ns = best_ns_per_candle(kMeasured, [&, name = name] {
      auto instance = host.create(name, {"bench", "BTC/USD", "1h"});
      do_not_optimize(instance->evaluate(view(candles, 0, kBuffer)).note);  // a full buffer first
      const Stopwatch watch;
      for (std::size_t end = kBuffer + 1; end <= kBuffer + kMeasured; ++end) {
        do_not_optimize(instance->evaluate(view(candles, end - kBuffer, end)).note);
      }
      return watch.seconds();
    });
    report("ta_evaluator." + name, "ns/candle", evaluator_ns);

    const double direct_ns = best_ns_per_candle(kMeasured, [&, work = work] {
      auto update = work.make_incremental();
      for (std::size_t i = 0; i < kBuffer; ++i) update(candles, i);
      const Stopwatch watch;
      for (std::size_t i = kBuffer; i < kBuffer + kMeasured; ++i) update(candles, i);
      return watch.seconds();
    });
    report("ta_evaluator." + name + ".direct_indicator", "ns/candle", direct_ns);

    const double recompute_ns = best_ns_per_candle(kMeasured / kRecomputeEvery, [&, work = work] {
      const Stopwatch watch;
      for (std::size_t end = kBuffer + 1; end <= kBuffer + kMeasured; end += kRecomputeEvery) {
        work.recompute(candles, end - kBuffer, end);
      }
      return watch.seconds();
    });
    report("ta_evaluator." + name + ".recompute_indicator", "ns/candle", recompute_ns);
  }
  return 0;
}
