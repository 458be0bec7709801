#include <octobot/backtesting/report/backtest_report.hpp>

namespace octobot::backtesting::report {

BacktestReport make_report(RunData run) {
  BacktestReport report;
  const auto& meta = run.metadata;
  std::int64_t end_ms = meta.end_ms;
  if (end_ms <= meta.start_ms && !run.equity.empty()) end_ms = run.equity.back().time_ms;
  report.round_trips = build_round_trips(run.fills, meta.reference_market, end_ms);
  report.statistics = compute_statistics(run, report.round_trips);
  report.run = std::move(run);
  return report;
}

}  // namespace octobot::backtesting::report
