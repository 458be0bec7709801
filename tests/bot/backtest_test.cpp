// Backtests of the default profile through the real bundled tentacles on the bundled data.
#include <catch2/catch.hpp>
#include <octobot/backtesting/data/data_file_writer.hpp>
#include <octobot/backtesting/report/backtest_report.hpp>
#include <octobot/bot/backtest.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/trading_store.hpp>

#include <algorithm>
#include <filesystem>

#include "host_options.hpp"
#include "temp_dir.hpp"

namespace {

using namespace octobot;
namespace fs = std::filesystem;

const fs::path kSource = OCTOBOT_SOURCE_DIR;
constexpr std::int64_t kJan2021 = 1'609'459'200'000;  // 2021-01-01 00:00 UTC
constexpr std::int64_t kApr2021 = 1'617'235'200'000;  // 2021-04-01 00:00 UTC

bot::BacktestConfig daily_trading_config() {
  bot::BacktestConfig config;
  config.profile = commons::load_profile(kSource / "profiles" / "daily_trading");
  config.data_file = kSource / "data" / "bitstamp-btcusd.sqlite";
  config.start_ms = kJan2021;
  config.end_ms = kApr2021;
  return config;
}

bot::BacktestResult run(const bot::BacktestConfig& config, const fs::path& root = OCTOBOT_BUNDLED_TENTACLES) {
  tentacles::TentacleHost host(testing::host_options(root, config.profile));
  host.load();
  return bot::run_backtest(host, config);
}

}  // namespace

TEST_CASE("backtest: the default profile trades the bundled data through the bundled tentacles", "[backtest]") {
  const auto result = run(daily_trading_config());
  CHECK(result.tentacle_errors == 0);
  CHECK(result.steps == 90 * 24);         // one step per hour of the window
  CHECK(result.candles == 90 * 24 + 90);  // 1h and 1d candles
  CHECK(result.strategy_notes > 0);
  CHECK(result.orders_created > 0);
  CHECK_FALSE(result.run.fills.empty());
  CHECK(result.run.metadata.reference_market == "USD");  // the profile's USDT, the data's USD
  REQUIRE(result.run.equity.size() == result.steps);
  CHECK(result.run.equity.front().time_ms == kJan2021 + 3'600'000);
  const auto& start = result.run.metadata.starting_portfolio;
  CHECK(start.at("USD") == commons::Decimal::from_integer(1000));
  CHECK(start.at("BTC") == commons::Decimal::from_integer(10));
  CHECK(result.run.metadata.ending_portfolio != start);
}

TEST_CASE("backtest: the same profile, data and window give byte-identical reports", "[backtest][determinism]") {
  const auto config = daily_trading_config();
  const std::string first = backtesting::report::render_json(backtesting::report::make_report(run(config).run));
  const std::string second = backtesting::report::render_json(backtesting::report::make_report(run(config).run));
  CHECK(first == second);
  CHECK(first.find("\"closed_trades\"") != std::string::npos);
}

TEST_CASE("backtest: the report's memory is bounded, its figures still come from every trade and equity point",
          "[backtest][memory]") {
  auto config = daily_trading_config();
  const auto full = backtesting::report::make_report(run(config).run);
  config.report_trades = 3;
  config.report_equity_points = 100;
  config.report_chart_candles = 50;
  const auto bounded = backtesting::report::make_report(run(config).run);
  REQUIRE(full.statistics.trades > 3);
  REQUIRE(full.run.equity.size() > 102);
  CHECK(bounded.round_trips.closed.size() == 3);
  CHECK(bounded.round_trips.closed_total == full.round_trips.closed.size());
  CHECK(bounded.run.fills.size() == 3);
  CHECK(backtesting::report::total_fills(bounded.run) == full.run.fills.size());
  CHECK(bounded.run.equity.size() <= 102);
  REQUIRE(bounded.run.candles.size() == 1);
  CHECK(bounded.run.candles.front().candles.size() <= 50);
  // The statistics part of the JSON report is the same text.
  const auto statistics = [](const std::string& json) {
    const auto from = json.find("\"statistics\"");
    return json.substr(from, json.find("\"market\"", from) - from);
  };
  CHECK(statistics(backtesting::report::render_json(bounded)) == statistics(backtesting::report::render_json(full)));
  CHECK(backtesting::report::render_json(bounded).find("\"closed_trades_note\"") != std::string::npos);
}

TEST_CASE("backtest: an evaluator never sees a candle that has not closed at the bot's time", "[backtest][lookahead]") {
  // The bundled tree plus the peeking evaluator, in one root.
  testing::TempDir tree;
  fs::copy(OCTOBOT_BUNDLED_TENTACLES, tree.path(), fs::copy_options::recursive);
  fs::copy(fs::path(OCTOBOT_PEEKING_TREE), tree.path(),
           fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  testing::TempDir profile_dir;
  fs::copy(kSource / "profiles" / "daily_trading", profile_dir.path(), fs::copy_options::recursive);
  profile_dir.write("tentacles_config.json", R"({"tentacle_activation": {
      "Evaluator": {"PeekingEvaluator": true, "RSIMomentumEvaluator": true, "SimpleStrategyEvaluator": true},
      "Trading": {"DailyTradingMode": true}}})");
  auto config = daily_trading_config();
  config.profile = commons::load_profile(profile_dir.path());
  const auto result = run(config, tree.path());
  CHECK(std::count_if(result.instances.begin(), result.instances.end(),
                      [](const std::string& name) { return name.rfind("PeekingEvaluator", 0) == 0; }) == 2);
  CHECK(result.tentacle_errors == 0);  // the peeker throws on any look-ahead or stale view
}

TEST_CASE("backtest: a class the profile activates but the host has not loaded is reported", "[backtest]") {
  testing::TempDir profile_dir;
  fs::copy(kSource / "profiles" / "daily_trading", profile_dir.path(), fs::copy_options::recursive);
  profile_dir.write("tentacles_config.json", R"({"tentacle_activation": {
      "Evaluator": {"RSIMomentumEvaluator": true, "SimpleStrategyEvaluator": true, "NotInstalledEvaluator": true},
      "Trading": {"DailyTradingMode": true}}})");
  auto config = daily_trading_config();
  config.profile = commons::load_profile(profile_dir.path());
  const auto result = run(config);
  CHECK(std::count_if(result.warnings.begin(), result.warnings.end(), [](const std::string& warning) {
          return warning.find("activates NotInstalledEvaluator but it is not loaded") != std::string::npos;
        }) == 1);
  CHECK(std::none_of(result.warnings.begin(), result.warnings.end(), [](const std::string& warning) {
    return warning.find("RSIMomentumEvaluator") != std::string::npos;
  }));
}

TEST_CASE("backtest: bad inputs say what was expected and what was found", "[backtest]") {
  auto config = daily_trading_config();
  config.symbols = {"ETH/USD"};
  CHECK_THROWS_WITH(run(config), Catch::Contains("symbol ETH/USD is not in") && Catch::Contains("BTC/USD"));
  config = daily_trading_config();
  config.data_file = kSource / "data" / "missing.sqlite";
  CHECK_THROWS_WITH(run(config), Catch::Contains("missing.sqlite"));
  config = daily_trading_config();
  config.start_ms = 0;
  config.end_ms = 1000;
  CHECK_THROWS_WITH(run(config), Catch::Contains("no candle of the selected symbols in the requested window"));
}

TEST_CASE("backtest: the run's orders, trades and daily portfolio snapshots are stored for inspection",
          "[backtest][store]") {
  testing::TempDir dir;
  auto config = daily_trading_config();
  config.store_file = dir / "run.sqlite";
  const auto result = run(config);
  trading::TradingStore store((dir / "run.sqlite").string());
  CHECK(store.load_orders().size() == result.orders_created);
  CHECK(store.load_trades().size() == backtesting::report::total_fills(result.run));
  const auto values = store.load_portfolio_values();
  CHECK(values.size() == 90);  // one snapshot a day over the 90 days
  // A second run replaces the file rather than mixing two runs.
  (void)run(config);
  CHECK(trading::TradingStore((dir / "run.sqlite").string()).load_orders().size() == result.orders_created);
}

namespace {

// The bundled file's series split into two files: the hourly candles in one, the daily in the other.
void split_bundled(const fs::path& hourly, const fs::path& daily) {
  const auto loaded = bot::load_candles({kSource / "data" / "bitstamp-btcusd.sqlite"});
  for (const auto& series : loaded->series()) {
    const fs::path& target = series.info.time_frame == commons::TimeFrame::one_day ? daily : hourly;
    backtesting::data::DataFileWriter writer(target, "test split");
    const auto id = writer.series({series.info.exchange, series.info.symbol, series.info.time_frame});
    (void)writer.append(id, series.candles);
    writer.commit();
  }
}

std::string report_json(const bot::BacktestConfig& config) {
  return backtesting::report::render_json(backtesting::report::make_report(run(config).run));
}

}  // namespace

TEST_CASE("backtest: candles of several data files merge into the same time steps", "[backtest][data]") {
  testing::TempDir dir;
  split_bundled(dir / "hourly.sqlite", dir / "daily.sqlite");
  const auto single = daily_trading_config();
  auto merged = daily_trading_config();
  merged.data_file.clear();
  merged.data_files = {dir / "daily.sqlite", dir / "hourly.sqlite"};
  const auto result = run(merged);
  CHECK(result.steps == 90 * 24);
  CHECK(result.candles == 90 * 24 + 90);
  CHECK(report_json(merged) == report_json(single));  // the same steps, orders and report as one file
}

TEST_CASE("backtest: a series present in two data files is an error naming both", "[backtest][data]") {
  testing::TempDir dir;
  split_bundled(dir / "hourly.sqlite", dir / "daily.sqlite");
  auto config = daily_trading_config();
  config.data_files = {dir / "hourly.sqlite"};
  CHECK_THROWS_WITH(run(config), Catch::Contains("bitstamp-btcusd.sqlite") && Catch::Contains("hourly.sqlite") &&
                                     Catch::Contains("BTC/USD 1h") && Catch::Contains("one file only"));
}

TEST_CASE("backtest: loaded candles replay exactly like the file", "[backtest][data]") {
  const auto from_file = daily_trading_config();
  auto from_memory = daily_trading_config();
  from_memory.data_file.clear();
  from_memory.candles = bot::load_candles({from_file.data_file}, from_file.start_ms, from_file.end_ms);
  CHECK(from_memory.candles->candle_count() == 90 * 24 + 90);
  CHECK(report_json(from_memory) == report_json(from_file));
}

TEST_CASE("backtest: per-run configuration values reach the tentacle instances", "[backtest][overrides]") {
  auto config = daily_trading_config();
  const std::string base = report_json(config);
  config.config_overrides["RSIMomentumEvaluator"]["period_length"] = "5";
  config.config_overrides["RSIMomentumEvaluator"]["long_threshold"] = "45";
  CHECK(report_json(config) != base);
  config.config_overrides["RSIMomentumEvaluator"] = {{"no_such_key", "1"}};
  CHECK_THROWS_WITH(run(config), Catch::Contains("no_such_key") && Catch::Contains("period_length"));
}
