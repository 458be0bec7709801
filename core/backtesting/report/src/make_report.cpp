#include <octobot/backtesting/report/backtest_report.hpp>
#include <octobot/backtesting/report/run_accumulator.hpp>

#include <string>

namespace octobot::backtesting::report {

BacktestReport make_report(RunData run) {
  BacktestReport report;
  if (run.streamed) {
    // Folded during the run from every fill and equity point (the lists in `run` are bounded).
    report.round_trips = run.streamed->round_trips;
    report.statistics = run.streamed->statistics;
    report.run = std::move(run);
    return report;
  }
  const auto& meta = run.metadata;
  std::vector<Fill> fills = starting_lots(meta);
  fills.insert(fills.end(), run.fills.begin(), run.fills.end());
  report.round_trips = build_round_trips(fills, meta.reference_market, exposure_end_ms(meta, run.equity));
  report.statistics = compute_statistics(run, report.round_trips);
  report.run = std::move(run);
  return report;
}

std::optional<std::string> trade_list_note(const BacktestReport& report) {
  const auto& trips = report.round_trips;
  if (trips.closed_total <= trips.closed.size()) return std::nullopt;
  std::string note = "the latest " + std::to_string(trips.closed.size()) + " of " + std::to_string(trips.closed_total) +
                     " closed trades are listed (the statistics use all of them); ";
  note += report.run.fills_store.empty() ? "run with a store (run.sqlite) to keep every fill"
                                         : "every fill of the run (" + std::to_string(total_fills(report.run)) +
                                               ") is in " + report.run.fills_store;
  return note;
}

}  // namespace octobot::backtesting::report
