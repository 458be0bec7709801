// Backtest throughput and memory.
//
//   bench_backtest [--candles N] [--small N] [--dir DIR] [--store] [--trend-change] [--repeat R]
//
// Generates two 1-minute random-walk data files (N candles, default 10,000,000, and --small,
// default 1,000,000), then backtests each with a profile made of RSIMomentumEvaluator ->
// SimpleStrategyEvaluator -> DailyTradingMode, all loaded from the build's tentacles tree as shared
// libraries. Next to it, in the same binary, a hand-written loop computes the same RSI (the SDK's
// incremental indicator) and the same threshold decision per candle over the same candles, with a
// plain double portfolio: the reference the framework is measured against. The evaluator is set to
// the same strategy (plain RSI(14) against 30 / 70); --trend-change runs OctoBot's default
// trend-change variant instead, which the loop does not compute (not a like-for-like ratio).
// backtest.reference.signals counts the loop's buy and sell signals.
//
// Each backtest runs in its own child process, so each peak RSS (VmHWM) is that run's alone.
// --store also writes run.sqlite (every order and trade, TradingRecorder), as `octobot backtest`
// does by default.
//
// The ratio is measured, not sampled once: on a shared machine one half-second reference run swung
// 1.76M-2.70M candles/s between two runs of the bench (13.7x and 8.1x). So the large backtest runs R
// times (--repeat, default 3) and the reference R + 1 times, interleaved (reference, backtest,
// reference, ..., reference): a slow phase of the machine hits both sides alike. Each side reports
// its median and its best; backtest.pipeline.slowdown is the ratio of the medians,
// backtest.pipeline.slowdown.best the ratio of the bests.
//
// Figures: backtest.pipeline.candles_per_s (the framework, median), backtest.reference.candles_per_s
// (the loop, median), .best of each, backtest.pipeline.slowdown (their ratio), backtest.peak_rss.small / .large (MB,
// VmHWM of each run's process) and backtest.peak_rss.growth (the large run's peak over the small one's, in
// %); backtest.*.orders / .fills count what each run traded (the report folds the fills as they come
// and keeps only the latest 10,000: its memory does not grow with the run).
#include <octobot/backtesting/data/candle_stream.hpp>
#include <octobot/backtesting/data/data_file.hpp>
#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/bot/backtest.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/sdk/indicators/rsi.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_report.hpp"

namespace {

using namespace octobot;
namespace fs = std::filesystem;

constexpr std::int64_t kStartMs = 946'684'800'000;  // 2000-01-01 00:00 UTC

void generate(const fs::path& file, std::uint64_t count) {
  if (fs::exists(file)) return;  // reuse across runs: generation is not what is measured
  backtesting::data::DataFileWriter writer(file, "bench: 1m random walk");
  const auto series = writer.series({"bench", "BTC/USDT", commons::TimeFrame::one_minute});
  std::mt19937_64 random(42);
  std::normal_distribution<double> step(0.0, 0.0008);
  std::vector<commons::Candle> chunk;
  chunk.reserve(100'000);
  // A random walk in log price pulled gently back to 30,000 (Ornstein-Uhlenbeck, spread ~±20 %):
  // a plain walk drifts off over millions of steps (it hit its floor and went flat before 10M
  // candles, leaving nothing to trade), this one keeps the same texture at every length.
  const double anchor = std::log(30'000.0);
  double log_price = anchor;
  double price = 30'000.0;
  for (std::uint64_t i = 0; i < count; ++i) {
    log_price += step(random) - 1e-5 * (log_price - anchor);
    const double close = std::exp(log_price);
    chunk.push_back({kStartMs + static_cast<std::int64_t>(i) * 60'000, price, std::max(price, close) * 1.0002,
                     std::min(price, close) * 0.9998, close, 1.0 + static_cast<double>(i % 13)});
    price = close;
    if (chunk.size() == chunk.capacity()) {
      writer.append(series, chunk);
      chunk.clear();
    }
  }
  if (!chunk.empty()) writer.append(series, chunk);
  writer.commit();
}

// No fees: with 0.1 % a trade, the ~60,000 fills of the first million candles bleed the portfolio to
// dust and the rest of a 10M run trades nothing (measured: 13 more orders over the last 9M candles).
fs::path write_profile(const fs::path& dir, bool trend_change) {
  fs::create_directories(dir / "specific_config");
  std::ofstream(dir / "profile.json") << R"({"profile": {"id": "bench", "name": "bench"},
    "config": {"crypto-currencies": {"Bitcoin": {"enabled": true, "pairs": ["BTC/USDT"]}},
               "exchanges": {"bench": {"enabled": true}},
               "trader-simulator": {"enabled": true, "fees": {"maker": 0, "taker": 0},
                                    "starting-portfolio": {"BTC": 1, "USDT": 30000}},
               "trading": {"reference-market": "USDT", "risk": 0.5}}})";
  std::ofstream(dir / "tentacles_config.json") << R"({"tentacle_activation": {
    "Evaluator": {"RSIMomentumEvaluator": true, "SimpleStrategyEvaluator": true},
    "Trading": {"DailyTradingMode": true}}})";
  std::ofstream(dir / "specific_config" / "SimpleStrategyEvaluator.json")
      << R"({"required_time_frames": ["1m"], "required_evaluators": ["*"]})";
  // RSI(14) against 30 / 70: what the reference computes. --trend-change keeps the evaluator's
  // default instead, OctoBot's trend-change variant (averages over the recent RSI values on every
  // candle), which the reference does not compute: a heavier strategy than the loop's, so its
  // slowdown is not the like-for-like figure.
  std::ofstream(dir / "specific_config" / "RSIMomentumEvaluator.json")
      << R"({"period_length": 14, "long_threshold": 30, "short_threshold": 70, "trend_change_identifier": )"
      << (trend_change ? "true" : "false") << "}";
  return dir;
}

double peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0.0;
}

struct LoopResult {
  double seconds;
  double final_value;
  std::uint64_t signals;  // changes to buy (-1) or sell (+1): what the mode trades on
};

// The same decision the pipeline makes, by hand: RSI(14) on closes, buy below 30, sell above 70,
// acting on state changes, with a plain double portfolio.
LoopResult reference_loop(const fs::path& file) {
  bench::Stopwatch watch;
  const auto data = backtesting::data::DataFile::open(file);
  backtesting::data::CandleStream stream(data);
  backtesting::data::StreamedCandle candle;
  sdk::indicators::Rsi rsi(14);
  double base = 1.0, quote = 30'000.0, last = 0.0;
  int state = 0;
  std::uint64_t signals = 0;
  while (stream.next(candle)) {
    last = candle.candle.close;
    const auto value = rsi.update(last);
    if (!value) continue;
    const int next = *value <= 30 ? -1 : (*value >= 70 ? 1 : 0);  // the evaluator's bounds
    if (next == state) continue;
    state = next;
    if (next != 0) ++signals;
    if (next == -1 && quote > 0) {
      base += quote * 0.5 / last;
      quote *= 0.5;
    } else if (next == 1 && base > 0) {
      quote += base * 0.5 * last;
      base *= 0.5;
    }
  }
  return {watch.seconds(), quote + base * last, signals};
}

struct RunFigures {
  double seconds = 0.0;
  double candles = 0.0;
  double orders = 0.0;
  double fills = 0.0;
  double peak_rss_mb = 0.0;
};

RunFigures pipeline_run(const fs::path& file, const commons::Profile& profile, const fs::path& store) {
  tentacles::HostOptions options;
  options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
  options.probe = false;
  options.profile_folder = profile.folder;
  options.active_classes = profile.active_classes();
  tentacles::TentacleHost host(options);
  host.load();
  bot::BacktestConfig config;
  config.profile = profile;
  config.data_file = file;
  config.keep_chart_candles = false;
  config.store_file = store;
  bench::Stopwatch watch;
  const auto result = bot::run_backtest(host, config);
  const double seconds = watch.seconds();
  return {seconds, static_cast<double>(result.candles), static_cast<double>(result.orders_created),
          static_cast<double>(backtesting::report::total_fills(result.run)), peak_rss_mb()};
}

// The run in a child process: its peak RSS is its own, not the previous run's.
RunFigures isolated_run(const fs::path& file, const commons::Profile& profile, const fs::path& store) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) throw std::runtime_error("pipe failed");
  const pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    close(pipe_ends[0]);
    RunFigures figures;
    try {
      figures = pipeline_run(file, profile, store);
    } catch (const std::exception& error) {
      std::cerr << "backtest failed: " << error.what() << "\n";
      _exit(1);
    }
    const auto written = write(pipe_ends[1], &figures, sizeof figures);
    _exit(written == static_cast<ssize_t>(sizeof figures) ? 0 : 1);
  }
  close(pipe_ends[1]);
  RunFigures figures;
  const auto got = read(pipe_ends[0], &figures, sizeof figures);
  close(pipe_ends[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (got != static_cast<ssize_t>(sizeof figures) || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("the backtest child process failed");
  }
  return figures;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t large = 10'000'000;
  std::uint64_t small = 1'000'000;
  fs::path dir = fs::temp_directory_path() / "octobot-bench-backtest";
  bool store = false;
  bool trend_change = false;
  int repeat = 3;
  for (int i = 1; i < argc; i += 2) {
    const std::string option = argv[i];
    if (option == "--store" || option == "--trend-change") {
      (option == "--store" ? store : trend_change) = true;
      --i;
    } else if (i + 1 >= argc) {
      std::cerr
          << "usage: bench_backtest [--candles N] [--small N] [--dir DIR] [--store] [--trend-change] [--repeat R]\n";
      return 2;
    } else if (option == "--candles")
      large = std::stoull(argv[i + 1]);
    else if (option == "--small")
      small = std::stoull(argv[i + 1]);
    else if (option == "--dir")
      dir = argv[i + 1];
    else if (option == "--repeat")
      repeat = std::max(1, std::stoi(argv[i + 1]));
    else {
      std::cerr
          << "usage: bench_backtest [--candles N] [--small N] [--dir DIR] [--store] [--trend-change] [--repeat R]\n";
      return 2;
    }
  }
  // Tentacles log every decision at info level; a benchmark measures the work, not the terminal.
  commons::set_log_level(commons::LogLevel::error);
  fs::create_directories(dir);
  const fs::path small_file = dir / ("1m-ou-" + std::to_string(small) + ".sqlite");
  const fs::path large_file = dir / ("1m-ou-" + std::to_string(large) + ".sqlite");
  generate(small_file, small);
  generate(large_file, large);
  const commons::Profile profile = commons::load_profile(write_profile(dir / "profile", trend_change));

  const fs::path store_file = store ? dir / "run.sqlite" : fs::path();
  const RunFigures small_run = isolated_run(small_file, profile, store_file);
  bench::report("backtest.pipeline.small.candles_per_s", "candles/s", small_run.candles / small_run.seconds);
  bench::report("backtest.small.orders", "orders", small_run.orders);
  bench::report("backtest.small.fills", "fills", small_run.fills);
  bench::report("backtest.peak_rss.small", "MB", small_run.peak_rss_mb);

  // Reference and backtest interleaved, reference first and last (see the header comment).
  std::vector<double> reference_rates;
  std::vector<double> pipeline_rates;
  RunFigures large_run;
  std::uint64_t reference_signals = 0;
  const auto reference_once = [&] {
    const LoopResult loop = reference_loop(large_file);
    bench::do_not_optimize(loop.final_value);
    reference_signals = loop.signals;
    reference_rates.push_back(static_cast<double>(large) / loop.seconds);
  };
  reference_once();
  bench::report("backtest.reference.signals", "signals", static_cast<double>(reference_signals));
  for (int run = 0; run < repeat; ++run) {
    const RunFigures figures = isolated_run(large_file, profile, store_file);
    if (run > 0 && (figures.orders != large_run.orders || figures.fills != large_run.fills)) {
      throw std::runtime_error("two runs of the same backtest traded differently");
    }
    large_run = figures;
    pipeline_rates.push_back(figures.candles / figures.seconds);
    reference_once();
  }
  const double pipeline_rate = median(pipeline_rates);
  const double pipeline_best = *std::max_element(pipeline_rates.begin(), pipeline_rates.end());
  const double loop_rate = median(reference_rates);
  const double loop_best = *std::max_element(reference_rates.begin(), reference_rates.end());
  bench::report("backtest.pipeline.candles_per_s", "candles/s", pipeline_rate);
  bench::report("backtest.pipeline.candles_per_s.best", "candles/s", pipeline_best);
  bench::report("backtest.pipeline.seconds", "s", large_run.candles / pipeline_rate);  // median run
  bench::report("backtest.large.orders", "orders", large_run.orders);
  bench::report("backtest.large.fills", "fills", large_run.fills);
  bench::report("backtest.peak_rss.large", "MB", large_run.peak_rss_mb);
  bench::report("backtest.peak_rss.growth", "%",
                100.0 * (large_run.peak_rss_mb - small_run.peak_rss_mb) / small_run.peak_rss_mb);
  bench::report("backtest.reference.candles_per_s", "candles/s", loop_rate);
  bench::report("backtest.reference.candles_per_s.best", "candles/s", loop_best);
  bench::report("backtest.reference.runs", "runs", static_cast<double>(reference_rates.size()));
  bench::report("backtest.pipeline.runs", "runs", static_cast<double>(pipeline_rates.size()));
  bench::report("backtest.pipeline.slowdown", "x", loop_rate / pipeline_rate);
  bench::report("backtest.pipeline.slowdown.best", "x", loop_best / pipeline_best);
  return 0;
}
