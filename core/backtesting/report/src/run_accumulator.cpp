#include <octobot/backtesting/report/run_accumulator.hpp>

#include <memory>
#include <set>

namespace octobot::backtesting::report {

std::vector<Fill> starting_lots(const RunMetadata& meta) {
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
  return fills;
}

std::int64_t exposure_end_ms(const RunMetadata& meta, const std::vector<EquityPoint>& equity) {
  if (meta.end_ms <= meta.start_ms && !equity.empty()) return equity.back().time_ms;
  return meta.end_ms;
}

RunAccumulator::RunAccumulator(std::string_view reference_market, RunLimits limits)
    : limits_(limits), fills_(reference_market, {limits.trades, limits.warnings}), equity_(limits.equity_points) {}

void RunAccumulator::start(const RunMetadata& metadata) {
  if (started_) return;
  started_ = true;
  for (const auto& lot : starting_lots(metadata)) fills_.add(lot);
}

void RunAccumulator::add_fill(const Fill& fill) {
  fills_.add(fill);
  ++fill_count_;
  if (limits_.trades == 0) return;
  if (latest_fills_.size() == limits_.trades) latest_fills_.pop_front();
  latest_fills_.push_back(fill);
}

void RunAccumulator::add_equity(const EquityPoint& point) {
  equity_statistics_.add(point);
  equity_.add(point);
}

void RunAccumulator::add_candle(const std::string& symbol, std::string_view time_frame, const Candle& candle) {
  auto it = chart_.find(symbol);
  if (it == chart_.end()) {
    it = chart_.emplace(symbol, ChartSeries{std::string(time_frame), BoundedCandles(limits_.chart_candles)}).first;
  }
  it->second.candles.add(candle);
}

void RunAccumulator::finish(RunData& run) {
  start(run.metadata);
  const auto& meta = run.metadata;
  run.equity = equity_.curve();
  auto streamed = std::make_shared<StreamedReport>();
  streamed->round_trips = fills_.finish(exposure_end_ms(meta, run.equity));
  Statistics& stats = streamed->statistics;
  equity_statistics_.finish(stats);
  drawdown_ratios(stats);
  const auto& trips = streamed->round_trips;
  fills_.trade_statistics().finish(stats, run_length_ms(meta, stats), trips.exposure_ms, trips.total_fees);
  market_statistics(meta, stats);
  run.streamed = std::move(streamed);

  run.fills.assign(latest_fills_.begin(), latest_fills_.end());
  latest_fills_.clear();
  run.fills_total = fill_count_;
  run.candles.clear();
  for (auto& [symbol, series] : chart_) {
    SymbolCandles candles{symbol, series.time_frame, {}, series.candles.candles()};
    candles.candles = series.candles.take();
    run.candles.push_back(std::move(candles));
  }
  chart_.clear();
}

}  // namespace octobot::backtesting::report
