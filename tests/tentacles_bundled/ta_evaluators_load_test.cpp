// The TA evaluator tentacles in the built tree: OctoBot's layout, every class loaded through the
// real host, reference configs valid against their schemas, bad configs refused with the key named.
#include <catch2/catch.hpp>
#include <octobot/commons/profile.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bundled_tentacles.hpp"

namespace {

using octobot::tentacles::TentacleState;

const std::map<std::string, std::vector<std::string>>& expected_classes() {
  static const std::map<std::string, std::vector<std::string>> classes = {
      {"momentum_evaluator",
       {"RSIMomentumEvaluator", "ADXMomentumEvaluator", "RSIWeightMomentumEvaluator", "BBMomentumEvaluator",
        "MACDMomentumEvaluator", "KlingerOscillatorMomentumEvaluator",
        "KlingerOscillatorReversalConfirmationMomentumEvaluator", "EMAMomentumEvaluator"}},
      {"trend_evaluator",
       {"DoubleMovingAverageTrendEvaluator", "EMADivergenceTrendEvaluator", "DeathAndGoldenCrossEvaluator",
        "SuperTrendEvaluator"}},
      {"volatility_evaluator", {"StochasticRSIVolatilityEvaluator"}},
  };
  return classes;
}

}  // namespace

TEST_CASE("the built tree has OctoBot's Evaluator/TA/<folder> shape with configs and docs", "[ta_evaluators]") {
  const std::filesystem::path root = OCTOBOT_BUNDLED_TENTACLES;
  for (const auto& [folder, classes] : expected_classes()) {
    const std::filesystem::path dir = root / "Evaluator" / "TA" / folder;
    INFO(dir);
    CHECK(std::filesystem::is_regular_file(dir / "metadata.json"));
    CHECK(std::filesystem::is_regular_file(dir / ("lib" + folder + ".so")));
    for (const std::string& name : classes) {
      INFO(name);
      CHECK(std::filesystem::is_regular_file(dir / "config" / (name + "_schema.json")));
      CHECK(std::filesystem::is_regular_file(dir / "resources" / (name + ".md")));
    }
  }
}

TEST_CASE("every TA evaluator class loads through the host as a TA evaluator", "[ta_evaluators]") {
  const auto& report = bundled::host().report();
  for (const auto& [folder, classes] : expected_classes()) {
    const auto* entry = report.find(folder);
    INFO(folder);
    REQUIRE(entry != nullptr);
    CHECK(entry->state == TentacleState::loaded);
    CHECK(entry->reason.empty());
    REQUIRE(entry->classes.size() == classes.size());
    for (const auto& loaded : entry->classes) CHECK(loaded.kind == "ta_evaluator");
    for (const std::string& name : classes) {
      INFO(name);
      CHECK(bundled::host().find_class(name) != nullptr);
      // Creation resolves config/<Class>.json and validates it against config/<Class>_schema.json.
      CHECK_NOTHROW(bundled::create(name));
    }
  }
}

TEST_CASE("OctoBot's config keys configure the evaluators and bad values are refused naming the key",
          "[ta_evaluators]") {
  // EMADivergenceTrendEvaluator accepts both OctoBot key spellings (reference "long"/"short" and
  // the user-input "long_value"/"short_value").
  CHECK_NOTHROW(bundled::create("EMADivergenceTrendEvaluator", R"({"size": 20, "long_value": 1, "short_value": 3})"));
  CHECK_THROWS_WITH(bundled::create("RSIMomentumEvaluator", R"({"period_length": 1})"),
                    Catch::Matchers::Contains("period_length"));
  CHECK_THROWS_WITH(bundled::create("MACDMomentumEvaluator", R"({"short_period_length": 30})"),
                    Catch::Matchers::Contains("fast period"));
  CHECK_THROWS_WITH(bundled::create("DeathAndGoldenCrossEvaluator", R"({"fast_ma_type": "KAMA"})"),
                    Catch::Matchers::Contains("not available"));
  CHECK_THROWS_WITH(bundled::create("DeathAndGoldenCrossEvaluator", R"({"slow_ma_type": "HULL"})"),
                    Catch::Matchers::Contains("unknown moving average type"));
}

TEST_CASE("OctoBot's daily_trading profile: its active TA evaluators resolve their configs and run",
          "[ta_evaluators]") {
  // The OctoBot profile as OctoBot ships it (tests/commons/data/octobot_profiles): the TA evaluators
  // it activates resolve their configuration (reference config overlaid by the profile, validated
  // against the schema) and evaluate.
  const std::filesystem::path folder =
      std::filesystem::path(OCTOBOT_SOURCE_DIR) / "tests/commons/data/octobot_profiles/daily_trading";
  const octobot::commons::Profile profile = octobot::commons::load_profile(folder);
  const std::filesystem::path trend = std::filesystem::path(OCTOBOT_BUNDLED_TENTACLES) / "Evaluator/TA/trend_evaluator";
  const std::filesystem::path momentum =
      std::filesystem::path(OCTOBOT_BUNDLED_TENTACLES) / "Evaluator/TA/momentum_evaluator";
  for (const auto& [name, tentacle_folder] : {std::pair{std::string("DoubleMovingAverageTrendEvaluator"), trend},
                                              std::pair{std::string("RSIMomentumEvaluator"), momentum}}) {
    INFO(name);
    REQUIRE(profile.active_classes().count(name) == 1);
    CHECK_NOTHROW(octobot::tentacles::TentacleConfig::resolve(tentacle_folder, name, profile.folder));
  }
  octobot::testing::TempDir cache_dir;
  octobot::tentacles::HostOptions options;
  options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
  options.probe_executable = OCTOBOT_TEST_PROBE;
  options.probe_cache_file = cache_dir / "probe-cache.json";
  options.profile_folder = profile.folder;
  options.active_classes = profile.active_classes();
  octobot::tentacles::TentacleHost host(options);
  (void)host.load();
  auto rsi = host.create("RSIMomentumEvaluator", {"simulated", "BTC/USDT", "1h"});
  bundled::Series falling;
  falling.line(30, -5.0);
  CHECK(rsi->evaluate(falling.prefix(falling.size())).note == -1.0);
  auto moving_averages = host.create("DoubleMovingAverageTrendEvaluator", {"simulated", "BTC/USDT", "1h"});
  bundled::Series rebound = falling;
  rebound.line(30, 5.0);
  CHECK(moving_averages->evaluate(rebound.prefix(rebound.size())).note > 0);
}
