#include <catch2/catch.hpp>
#include <octobot/backtesting/report/backtest_report.hpp>
#include <octobot/commons/json_rapidjson.hpp>

#include "synthetic_run.hpp"

using namespace octobot::backtesting::report;

TEST_CASE("two identical runs give byte-identical JSON reports", "[report][json]") {
  const auto first = render_json(make_report(testing::synthetic_run(600)));
  const auto second = render_json(make_report(testing::synthetic_run(600)));
  CHECK(first == second);
  CHECK(first.find("nan") == std::string::npos);
  CHECK(first.find("inf") == std::string::npos);
}

TEST_CASE("the JSON report holds the run, exact money, figures and every closed trade", "[report][json]") {
  const auto report = make_report(testing::synthetic_run(600));
  const auto json = octobot::commons::parse_json(render_json(report), "report.json");
  CHECK(std::string(json["format"].GetString()) == "octobot-backtest-report/1");
  CHECK(std::string(json["run"]["reference_market"].GetString()) == "USDT");
  CHECK(json["run"]["start"].GetString() == std::string("2024-01-01T00:00:00Z"));
  const auto& stats = json["statistics"];
  // Money as exact decimal text.
  CHECK(Decimal::from_string(stats["net_profit"].GetString()) == report.statistics.net_profit);
  CHECK(Decimal::from_string(stats["total_fees"].GetString()) == report.statistics.total_fees);
  CHECK(stats["sharpe"].IsNumber());
  CHECK(stats["sharpe"].GetDouble() == Approx(*report.statistics.sharpe.value));
  REQUIRE(json["closed_trades"].Size() == report.round_trips.closed.size());
  REQUIRE(json["closed_trades"].Size() > 3);
  const auto& trade = json["closed_trades"][0];
  CHECK(Decimal::from_string(trade["net_pnl"].GetString()) == report.round_trips.closed[0].net_pnl);
  // Key order is part of the format: the run comes before the statistics, then the trades.
  std::vector<std::string> keys;
  for (const auto& member : json.GetObject()) keys.emplace_back(member.name.GetString());
  CHECK(keys == std::vector<std::string>{"format", "run", "statistics", "market", "closed_trades", "open_positions",
                                         "warnings"});
}

TEST_CASE("an undefined figure is null with its reason", "[report][json]") {
  RunData run;
  run.metadata.reference_market = "USDT";
  run.equity = {{0, Decimal::from_integer(1000)}, {60'000, Decimal::from_integer(1000)}};
  const auto text = render_json(make_report(std::move(run)));
  const auto json = octobot::commons::parse_json(text, "report.json");
  const auto& stats = json["statistics"];
  CHECK(stats["profit_factor"].IsNull());
  CHECK(std::string(stats["profit_factor_reason"].GetString()) == "no closed trade");
  CHECK(stats["calmar"].IsNull());
  CHECK(stats["calmar_reason"].IsString());
  CHECK(stats["best_trade"].IsNull());
  CHECK(text.find("nan") == std::string::npos);
}
