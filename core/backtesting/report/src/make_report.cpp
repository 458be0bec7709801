#include <octobot/backtesting/report/backtest_report.hpp>

#include <set>

namespace octobot::backtesting::report {
namespace {

// Base assets held at the start become lots opened at the run's start, at the symbol's first close:
// selling them later is then a round trip measured against the starting price, instead of a sell
// "without an open lot". Only bases of symbols quoted in the reference market, once per asset.
std::vector<Fill> with_starting_lots(const RunData& run) {
  const auto& meta = run.metadata;
  std::vector<Fill> fills;
  std::set<std::string> seeded;
  for (const auto& prices : meta.prices) {
    const SymbolAssets assets = split_symbol(prices.symbol);
    const auto held = meta.starting_portfolio.find(assets.base);
    if (assets.quote != meta.reference_market || held == meta.starting_portfolio.end() || !(held->second > Decimal()) ||
        !seeded.insert(assets.base).second) {
      continue;
    }
    fills.push_back({meta.start_ms, prices.symbol, TradeSide::buy, prices.first_close, held->second, Decimal(),
                     assets.quote, "starting-portfolio", "starting_portfolio"});
  }
  fills.insert(fills.end(), run.fills.begin(), run.fills.end());
  return fills;
}

}  // namespace

BacktestReport make_report(RunData run) {
  BacktestReport report;
  const auto& meta = run.metadata;
  std::int64_t end_ms = meta.end_ms;
  if (end_ms <= meta.start_ms && !run.equity.empty()) end_ms = run.equity.back().time_ms;
  report.round_trips = build_round_trips(with_starting_lots(run), meta.reference_market, end_ms);
  report.statistics = compute_statistics(run, report.round_trips);
  report.run = std::move(run);
  return report;
}

}  // namespace octobot::backtesting::report
