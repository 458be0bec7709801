// The optimizer over the bundled data and tentacles: the same ranking with one or two threads,
// per-run configuration values reaching the instances, and parameter errors listing what exists.
#include <catch2/catch.hpp>
#include <octobot/bot/optimizer.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <filesystem>
#include <set>

#include "host_options.hpp"

namespace {

using namespace octobot;
namespace fs = std::filesystem;

const fs::path kSource = OCTOBOT_SOURCE_DIR;
constexpr std::int64_t kJan2021 = 1'609'459'200'000;  // 2021-01-01 00:00 UTC
constexpr std::int64_t kFeb2021 = 1'612'137'600'000;  // 2021-02-01 00:00 UTC

bot::OptimizeConfig search(unsigned jobs) {
  bot::OptimizeConfig config;
  config.base.profile = commons::load_profile(kSource / "profiles" / "daily_trading");
  config.base.start_ms = kJan2021;
  config.base.end_ms = kFeb2021;
  config.base.candles = bot::load_candles({kSource / "data" / "bitstamp-btcusd.sqlite"}, kJan2021, kFeb2021);
  config.params = {bot::parse_param("RSIMomentumEvaluator.period_length=7..21:7"),
                   bot::parse_param("DoubleMovingAverageTrendEvaluator.short_period_length=3,5")};
  config.jobs = jobs;
  return config;
}

}  // namespace

TEST_CASE("optimizer: one and two threads give the same runs, ranking and files", "[optimizer]") {
  const auto one = search(1);
  tentacles::TentacleHost host(testing::host_options(OCTOBOT_BUNDLED_TENTACLES, one.base.profile));
  host.load();
  const bot::OptimizeResult serial = bot::optimize(host, one);
  const auto two = search(2);
  const bot::OptimizeResult parallel = bot::optimize(host, two);

  CHECK(serial.jobs == 1);
  CHECK(parallel.jobs == 2);
  REQUIRE(serial.grid_size == 6);
  REQUIRE(serial.runs.size() == 6);
  REQUIRE(parallel.runs.size() == 6);
  for (const auto& run : serial.runs) {
    INFO(run.error);
    REQUIRE(run.statistics);
    CHECK(run.tentacle_errors == 0);
  }
  CHECK(serial.runs.front().grid_index == parallel.runs.front().grid_index);
  CHECK(serial.runs.front().values == parallel.runs.front().values);
  CHECK(bot::render_optimize_json(one, serial) == bot::render_optimize_json(two, parallel));
  CHECK(bot::render_optimize_table(one, serial, 10) == bot::render_optimize_table(two, parallel, 10));

  // Ranked best first by total return, ties in grid order.
  for (std::size_t i = 1; i < serial.runs.size(); ++i) {
    const auto& before = serial.runs[i - 1];
    const auto& after = serial.runs[i];
    CHECK(before.rank == i);
    CHECK((*before.rank_value > *after.rank_value ||
           (*before.rank_value == *after.rank_value && before.grid_index < after.grid_index)));
  }
  // The values reached the instances: the RSI period changes what the runs do.
  std::set<double> returns;
  for (const auto& run : serial.runs) returns.insert(*run.rank_value);
  CHECK(returns.size() > 1);

  const std::string html = bot::render_optimize_html(one, serial);
  CHECK(html.find("<th data-type=\"number\">RSIMomentumEvaluator.period_length</th>") != std::string::npos);
  CHECK(html.find("<script>") != std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);
}

TEST_CASE("optimizer: a lower-is-better statistic ranks ascending", "[optimizer]") {
  auto config = search(2);
  config.rank_by = "max_drawdown";
  config.random_samples = 3;
  config.seed = 7;
  tentacles::TentacleHost host(testing::host_options(OCTOBOT_BUNDLED_TENTACLES, config.base.profile));
  host.load();
  const auto result = bot::optimize(host, config);
  REQUIRE(result.runs.size() == 3);
  CHECK(*result.runs[0].rank_value <= *result.runs[1].rank_value);
  CHECK(*result.runs[1].rank_value <= *result.runs[2].rank_value);
  std::set<std::uint64_t> indexes;
  for (const auto& run : result.runs) indexes.insert(run.grid_index);
  const auto expected = bot::random_grid_indexes(6, 3, 7);
  CHECK(indexes == std::set<std::uint64_t>(expected.begin(), expected.end()));
}

TEST_CASE("optimizer: unknown classes, keys, types and statistics list what exists", "[optimizer]") {
  const auto profile = commons::load_profile(kSource / "profiles" / "daily_trading");
  tentacles::TentacleHost host(testing::host_options(OCTOBOT_BUNDLED_TENTACLES, profile));
  host.load();
  const auto check = [&](const char* text) { bot::check_params(host, profile, {bot::parse_param(text)}); };
  CHECK_THROWS_WITH(check("NoSuchEvaluator.period=1,2"),
                    Catch::Contains("found 'NoSuchEvaluator'") && Catch::Contains("RSIMomentumEvaluator"));
  CHECK_THROWS_WITH(check("RSIMomentumEvaluator.period=1,2"), Catch::Contains("'period'") &&
                                                                  Catch::Contains("period_length") &&
                                                                  Catch::Contains("long_threshold"));
  CHECK_THROWS_WITH(check("RSIMomentumEvaluator.period_length=10.5"), Catch::Contains("an integer"));
  CHECK_THROWS_WITH(check("RSIMomentumEvaluator.trend_change_identifier=1"), Catch::Contains("true or false"));
  CHECK_NOTHROW(check("RSIMomentumEvaluator.trend_change_identifier=true,false"));
  CHECK_THROWS_WITH(bot::find_rank_statistic("profit"), Catch::Contains("total_return") && Catch::Contains("'profit'"));
  CHECK_THROWS_WITH(bot::check_params(host, profile,
                                      {bot::parse_param("RSIMomentumEvaluator.period_length=7"),
                                       bot::parse_param("RSIMomentumEvaluator.period_length=9")}),
                    Catch::Contains("found RSIMomentumEvaluator.period_length twice"));
}
