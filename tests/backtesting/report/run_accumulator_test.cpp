#include <catch2/catch.hpp>
#include <octobot/backtesting/report/backtest_report.hpp>
#include <octobot/backtesting/report/run_accumulator.hpp>
#include <octobot/commons/json_rapidjson.hpp>

#include <algorithm>

#include "batch_reference.hpp"
#include "statistics_equal.hpp"
#include "synthetic_run.hpp"

using namespace octobot::backtesting::report;

namespace {

// The run as a backtest hands it over: fed item by item, then completed.
RunData streamed(const RunData& complete, RunLimits limits) {
  RunAccumulator accumulator(complete.metadata.reference_market, limits);
  accumulator.start(complete.metadata);
  for (const auto& fill : complete.fills) accumulator.add_fill(fill);
  for (const auto& point : complete.equity) accumulator.add_equity(point);
  for (const auto& series : complete.candles) {
    for (const auto& candle : series.candles) accumulator.add_candle(series.symbol, series.time_frame, candle);
  }
  RunData run;
  run.metadata = complete.metadata;
  accumulator.finish(run);
  return run;
}

}  // namespace

TEST_CASE("a run within the limits gives byte-identical reports streamed or batch", "[report][stream]") {
  auto complete = testing::synthetic_run(2'000);
  SECTION("no base asset at the start") {}
  SECTION("base held at the start (a starting lot)") {
    complete.metadata.starting_portfolio["BTC"] = Decimal::from_string("0.5");
  }
  const auto batch = make_report(complete);
  const auto stream = make_report(streamed(complete, {}));
  REQUIRE(stream.run.streamed);
  REQUIRE(batch.statistics.trades > 10);
  CHECK(render_json(stream) == render_json(batch));
  CHECK(render_html(stream) == render_html(batch));
  CHECK(render_terminal_summary(stream, TerminalColour::plain) ==
        render_terminal_summary(batch, TerminalColour::plain));
  CHECK_FALSE(trade_list_note(stream));
}

TEST_CASE("a run beyond the limits keeps bounded lists, exact figures and says so", "[report][stream]") {
  const auto complete = testing::synthetic_run(40'000);
  const auto batch = make_report(complete);
  RunLimits limits;
  limits.trades = 50;
  limits.equity_points = 500;
  limits.chart_candles = 300;
  RunData run = streamed(complete, limits);
  run.fills_store = "run.sqlite";
  const auto report = make_report(std::move(run));

  // Every figure from every fill and point: the same as the batch report, bit for bit.
  testing::check_same_statistics(report.statistics, batch.statistics);
  testing::check_same_round_trips(report.round_trips, batch.round_trips);
  REQUIRE(batch.round_trips.closed.size() > 50);
  CHECK(report.round_trips.closed.size() == 50);
  CHECK(report.round_trips.closed_total == batch.round_trips.closed.size());

  // The latest 50 fills, and the count of all.
  REQUIRE(report.run.fills.size() == 50);
  CHECK(total_fills(report.run) == complete.fills.size());
  CHECK(report.run.fills.back().order_id == complete.fills.back().order_id);

  // The equity curve: bounded, with its first, last, lowest and highest points.
  const auto& curve = report.run.equity;
  CHECK(curve.size() <= 502);
  CHECK(report.statistics.points == complete.equity.size());
  CHECK(curve.front().time_ms == complete.equity.front().time_ms);
  CHECK(curve.back().value == complete.equity.back().value);
  const auto by_value = [](const EquityPoint& a, const EquityPoint& b) { return a.value < b.value; };
  CHECK(std::min_element(curve.begin(), curve.end(), by_value)->value ==
        std::min_element(complete.equity.begin(), complete.equity.end(), by_value)->value);
  CHECK(std::max_element(curve.begin(), curve.end(), by_value)->value ==
        std::max_element(complete.equity.begin(), complete.equity.end(), by_value)->value);
  CHECK(std::is_sorted(curve.begin(), curve.end(),
                       [](const EquityPoint& a, const EquityPoint& b) { return a.time_ms < b.time_ms; }));

  // Chart candles: bounded OHLC aggregates of all of them.
  REQUIRE(report.run.candles.size() == 1);
  const auto& candles = report.run.candles.front();
  CHECK(candles.candles.size() <= 300);
  CHECK(candles.source_candles == 40'000);
  CHECK(candles.candles.front().open == complete.candles.front().candles.front().open);
  CHECK(candles.candles.back().close == complete.candles.front().candles.back().close);

  // The reports say the list is partial and where the rest is.
  const auto note = trade_list_note(report);
  REQUIRE(note);
  CHECK(note->find("the latest 50 of " + std::to_string(batch.round_trips.closed.size()) + " closed trades") !=
        std::string::npos);
  CHECK(note->find("run.sqlite") != std::string::npos);
  const auto json = octobot::commons::parse_json(render_json(report), "report.json");
  CHECK(json["closed_trades"].Size() == 50);
  CHECK(json["run"]["fills"].GetUint64() == complete.fills.size());
  CHECK(json["run"]["closed_trades_listed"].GetUint64() == 50);
  CHECK(std::string(json["run"]["closed_trades_note"].GetString()) == *note);
  const auto html = render_html(report);
  CHECK(html.find("closed trades are listed") != std::string::npos);
  CHECK(html.find("equity points") != std::string::npos);
  CHECK(html.find("Fill markers: the latest 50 of") != std::string::npos);
  CHECK(render_terminal_summary(report, TerminalColour::plain).find("closed trades are listed") != std::string::npos);
}
