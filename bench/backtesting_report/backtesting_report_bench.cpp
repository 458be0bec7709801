// The report at the end of a long backtest: a 1,000,000-point equity curve (minute steps, about
// 1.9 years) and 100,000 fills (50,000 round trips over two symbols). One JSON line per figure.
#include <octobot/backtesting/report/backtest_report.hpp>

#include <bench_report.hpp>
#include <cstdint>
#include <random>

namespace {

using namespace octobot::backtesting::report;
using octobot::commons::RoundingMode;

constexpr std::size_t kPoints = 1'000'000;
constexpr std::size_t kFills = 100'000;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kStart = 1'704'067'200'000;

RunData long_run() {
  std::mt19937_64 random(42);
  std::normal_distribution<double> step(0.0, 0.0008);
  RunData run;
  auto& meta = run.metadata;
  meta.profile = "bench";
  meta.exchange = "simulated";
  meta.symbols = {"BTC/USDT", "ETH/USDT"};
  meta.time_frames = {"1m"};
  meta.start_ms = kStart;
  meta.end_ms = kStart + static_cast<std::int64_t>(kPoints) * kMinute;
  meta.reference_market = "USDT";
  meta.prices = {{"BTC/USDT", Decimal::from_integer(40'000), Decimal::from_integer(52'000)},
                 {"ETH/USDT", Decimal::from_integer(2'200), Decimal::from_integer(2'000)}};
  run.equity.reserve(kPoints);
  double value = 10'000;
  for (std::size_t i = 0; i < kPoints; ++i) {
    value *= 1.0 + step(random);
    run.equity.push_back({kStart + static_cast<std::int64_t>(i) * kMinute,
                          Decimal::from_double(value).round_to_decimals(8, RoundingMode::half_even)});
  }
  run.fills.reserve(kFills);
  const std::int64_t spacing = static_cast<std::int64_t>(kPoints / kFills) * kMinute;
  for (std::size_t i = 0; i < kFills; ++i) {
    const bool buy = i % 2 == 0;
    const auto* symbol = i % 4 < 2 ? "BTC/USDT" : "ETH/USDT";
    const double base = i % 4 < 2 ? 40'000 : 2'200;
    const auto price =
        Decimal::from_double(base * (1.0 + step(random) * 10)).round_to_decimals(2, RoundingMode::half_even);
    const auto amount = Decimal::from_string("0.0125");
    const auto fee = (price * amount).mul(Decimal::from_string("0.001"), 8, RoundingMode::up);
    run.fills.push_back({kStart + static_cast<std::int64_t>(i) * spacing, symbol,
                         buy ? TradeSide::buy : TradeSide::sell, price, amount, fee, "USDT", std::to_string(i),
                         "limit"});
  }
  return run;
}

}  // namespace

int main() {
  using octobot::bench::report;
  using octobot::bench::Stopwatch;
  const auto run = long_run();

  {
    Stopwatch watch;
    const auto trips = build_round_trips(run.fills, "USDT", run.metadata.end_ms);
    report("backtesting_report.round_trips", "fills/s", kFills / watch.seconds());
    octobot::bench::do_not_optimize(trips.closed.size());

    Stopwatch stats_watch;
    const auto stats = compute_statistics(run, trips);
    report("backtesting_report.statistics", "points/s", kPoints / stats_watch.seconds());
    octobot::bench::do_not_optimize(stats.sharpe.value);
  }

  Stopwatch whole;
  auto copy = run;
  const auto result = make_report(std::move(copy));
  report("backtesting_report.make_report_1M_points_100k_fills", "s", whole.seconds());

  Stopwatch json_watch;
  const auto json = render_json(result);
  report("backtesting_report.render_json", "s", json_watch.seconds());
  report("backtesting_report.render_json_size", "bytes", static_cast<double>(json.size()));

  Stopwatch html_watch;
  const auto html = render_html(result);
  report("backtesting_report.render_html", "s", html_watch.seconds());
  report("backtesting_report.render_html_size", "bytes", static_cast<double>(html.size()));
  return 0;
}
