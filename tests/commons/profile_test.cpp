// OctoBot profile folders load unchanged; broken ones are refused with a precise error.
#include <catch2/catch.hpp>
#include <octobot/commons/json_error.hpp>
#include <octobot/commons/profile.hpp>

#include "temp_dir.hpp"

using octobot::commons::find_profile;
using octobot::commons::JsonError;
using octobot::commons::load_profile;

namespace {
const std::filesystem::path kOctoBotProfiles = OCTOBOT_TEST_DATA_DIR "/octobot_profiles";
}

TEST_CASE("OctoBot's daily_trading profile folder loads as it is", "[profile]") {
  const auto profile = load_profile(kOctoBotProfiles / "daily_trading");
  CHECK(profile.id == "daily_trading");
  CHECK(profile.name == "DailyTrading");
  CHECK(profile.read_only);
  CHECK(profile.trading_pairs() == std::vector<std::string>{"BTC/USDT"});
  REQUIRE(profile.exchanges.size() == 1);
  CHECK(profile.exchanges[0].name == "binance");
  CHECK(profile.exchanges[0].type == "spot");
  CHECK_FALSE(profile.trader_enabled);
  CHECK(profile.simulator_enabled);
  CHECK(profile.maker_fee_percent == "0.1");
  CHECK(profile.starting_portfolio.at("BTC") == "10");
  CHECK(profile.starting_portfolio.at("USDT") == "1000");
  CHECK(profile.reference_market == "USDT");
  CHECK(profile.risk == 0.5);
  CHECK(profile.has_tentacles_config);
  CHECK(profile.active_classes() == std::set<std::string>{"DailyTradingMode", "DoubleMovingAverageTrendEvaluator",
                                                          "RSIMomentumEvaluator", "SimpleStrategyEvaluator"});
  CHECK(profile.specific_config_file("DailyTradingMode"));
  CHECK_FALSE(profile.specific_config_file("GridTradingMode"));
}

TEST_CASE("OctoBot's grid_trading profile, which has no tentacles_config.json, loads too", "[profile]") {
  const auto profile = load_profile(kOctoBotProfiles / "grid_trading");
  CHECK(profile.id == "grid_trading");
  CHECK_FALSE(profile.has_tentacles_config);
  CHECK(profile.active_classes().empty());
  CHECK(profile.specific_config_file("GridTradingMode"));
}

TEST_CASE("unknown keys are kept and ignored, not rejected", "[profile]") {
  octobot::testing::TempDir dir;
  dir.write("p/profile.json", R"({"profile": {"id": "p", "name": "P", "future_field": {"x": 1}},
                                  "config": {"trading": {"reference-market": "USDC", "new_setting": true},
                                             "something-new": []}})");
  const auto profile = load_profile(dir / "p");
  CHECK(profile.reference_market == "USDC");
}

TEST_CASE("profile errors name the file, the JSON path, what was expected and what was found", "[profile]") {
  octobot::testing::TempDir dir;
  dir.write("p/profile.json", R"({"profile": {"id": "p", "name": "P"},
                                  "config": {"trader-simulator": {"starting-portfolio": {"BTC": "ten"}}}})");
  try {
    (void)load_profile(dir / "p");
    FAIL("expected a JsonError");
  } catch (const JsonError& e) {
    CHECK_THAT(e.file(), Catch::EndsWith("p/profile.json"));
    CHECK(e.json_path() == "/config/trader-simulator/starting-portfolio/BTC");
    CHECK(e.expected() == "a number");
    CHECK(e.found() == "the string \"ten\"");
  }

  dir.write("q/profile.json", R"({"profile": {"id": "q", "name": "Q"}, "config": {}})");
  dir.write("q/tentacles_config.json", R"({"tentacle_activation": {"Evaluator": {"RSIMomentumEvaluator": "yes"}}})");
  try {
    (void)load_profile(dir / "q");
    FAIL("expected a JsonError");
  } catch (const JsonError& e) {
    CHECK_THAT(e.file(), Catch::EndsWith("q/tentacles_config.json"));
    CHECK(e.json_path() == "/tentacle_activation/Evaluator/RSIMomentumEvaluator");
    CHECK(e.expected() == "a boolean");
  }

  dir.write("r/profile.json", R"({"profile": {"id": "r", "name": "R"}, "config": {}})");
  dir.write("r/specific_config/DailyTradingMode.json", "[]");
  CHECK_THROWS_WITH(load_profile(dir / "r"), Catch::Contains("DailyTradingMode.json") && Catch::Contains("an object"));

  CHECK_THROWS_WITH(load_profile(dir / "missing"), Catch::Contains("not a profile folder"));
}

TEST_CASE("profiles are found by folder, by name in the search roots, or by id", "[profile]") {
  octobot::testing::TempDir dir;
  dir.write("user/profiles/mine/profile.json", R"({"profile": {"id": "my-id", "name": "Mine"}, "config": {}})");
  dir.write("bundled/profiles/daily_trading/profile.json",
            R"({"profile": {"id": "daily", "name": "D"}, "config": {}})");
  const std::vector<std::filesystem::path> roots = {dir / "user/profiles", dir / "bundled/profiles"};
  CHECK(find_profile((dir / "user/profiles/mine").string(), roots) == dir / "user/profiles/mine");
  CHECK(find_profile("mine", roots) == dir / "user/profiles/mine");
  CHECK(find_profile("daily_trading", roots) == dir / "bundled/profiles/daily_trading");
  CHECK(find_profile("my-id", roots) == dir / "user/profiles/mine");
  CHECK_THROWS_WITH(find_profile("nope", roots),
                    Catch::Contains("no profile \"nope\"") && Catch::Contains("user/profiles/nope"));
}
