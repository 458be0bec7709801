// The broken-tentacle zoo, loaded as one tree next to good tentacles: the host must survive, load
// every good tentacle, and report each bad one with the right state and reason.
#include <catch2/catch.hpp>
#include <octobot/abi.h>
#include <octobot/tentacles/tentacle_host.hpp>

#include <array>
#include <vector>

#include "temp_dir.hpp"

namespace {

using Catch::Matchers::Contains;
using octobot::tentacles::HostOptions;
using octobot::tentacles::LoadReport;
using octobot::tentacles::TentacleHost;
using octobot::tentacles::TentacleReport;
using octobot::tentacles::TentacleState;

HostOptions zoo_options(const std::filesystem::path& cache_file) {
  HostOptions options;
  options.tentacles_root = OCTOBOT_ZOO_ROOT;
  options.probe_executable = OCTOBOT_TEST_PROBE;
  options.probe_cache_file = cache_file;
  options.probe_timeout = std::chrono::milliseconds(3000);
  options.minimum_versions = {{"Zoo-Package", octobot::tentacles::Version{1, 0, 0, ""}}};
  options.active_classes = {"GoodAlphaEvaluator", "NotInstalledEvaluator"};
  return options;
}

const TentacleReport& entry(const LoadReport& report, const std::string& name) {
  const TentacleReport* found = report.find(name);
  INFO("tentacle " << name << " is in the report");
  REQUIRE(found != nullptr);
  return *found;
}

void require_state(const LoadReport& report, const std::string& name, TentacleState state,
                   const std::string& reason_part) {
  const auto& tentacle = entry(report, name);
  INFO(name << ": " << to_string(tentacle.state) << " - " << tentacle.reason);
  CHECK(tentacle.state == state);
  CHECK_THAT(tentacle.reason, Contains(reason_part));
}

// One load shared by the checks below: probing the zoo (including a hang) costs seconds.
const LoadReport& zoo_report(TentacleHost*& host_out) {
  static octobot::testing::TempDir cache_dir;
  static TentacleHost host(zoo_options(cache_dir / "probe-cache.json"));
  static const LoadReport& report = host.load();
  host_out = &host;
  return report;
}

}  // namespace

TEST_CASE("good tentacles load next to the broken zoo", "[zoo]") {
  TentacleHost* host = nullptr;
  const auto& report = zoo_report(host);
  for (const char* good : {"good_alpha", "good_beta", "requirer"})
    require_state(report, good, TentacleState::loaded, "");
  CHECK(host->find_class("GoodAlphaEvaluator") != nullptr);
  CHECK(host->find_class("GoodBetaEvaluator") != nullptr);
  CHECK(host->find_class("RequirerEvaluator") != nullptr);
  CHECK(report.count(TentacleState::loaded) == 3);
  // The profile's active classes are checked against what loaded.
  CHECK(report.missing_active_classes == std::vector<std::string>{"NotInstalledEvaluator"});
  const auto& alpha = entry(report, "good_alpha");
  REQUIRE(alpha.classes.size() == 1);
  CHECK(alpha.classes[0].kind == "ta_evaluator");
  CHECK(alpha.classes[0].active_in_profile);
}

TEST_CASE("metadata problems are reported before anything is opened", "[zoo]") {
  TentacleHost* host = nullptr;
  const auto& report = zoo_report(host);
  require_state(report, "malformed_metadata", TentacleState::skipped, "invalid metadata.json");
  require_state(report, "malformed_metadata", TentacleState::skipped, "line 2");
  require_state(report, "schema_invalid", TentacleState::skipped, "at /version: expected a string, found the number 1");
  require_state(report, "python_tentacle", TentacleState::skipped, "OctoBot Python tentacle metadata");
  require_state(report, "library_missing", TentacleState::skipped, "libnot_built.so is missing");
  require_state(report, "abi_major", TentacleState::skipped, "built for tentacle ABI 2.0");
  require_state(report, "abi_minor_newer", TentacleState::skipped,
                "needs tentacle ABI 1.9, newer than this host's ABI " +
                    (std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR)));
  require_state(report, "version_below_min", TentacleState::skipped, "version 0.9.0 is below the minimum 1.0.0");
  require_state(report, "not_elf", TentacleState::skipped, "is not an ELF shared library");
}

TEST_CASE("requirements and duplicate classes", "[zoo]") {
  TentacleHost* host = nullptr;
  const auto& report = zoo_report(host);
  require_state(report, "missing_requirement", TentacleState::skipped, "missing requirement: NoSuchTentacle");
  require_state(report, "pinned_requirement_mismatch", TentacleState::skipped,
                "requirement good_beta==2.0.0 is not met: good_beta is version 1.0.0");
  require_state(report, "duplicate_class", TentacleState::skipped, "GoodBetaEvaluator is already provided by");
}

TEST_CASE("library problems found when opening it are reported with the stage", "[zoo]") {
  TentacleHost* host = nullptr;
  const auto& report = zoo_report(host);
  require_state(report, "entry_missing", TentacleState::skipped, "does not export the entry function");
  require_state(report, "class_not_exported", TentacleState::skipped,
                "listed in metadata.json but not exported by the library: GhostEvaluator");
  require_state(report, "class_not_listed", TentacleState::skipped,
                "exported by the library but not listed in metadata.json \"tentacles\": ExtraEvaluator");
  require_state(report, "descriptor_abi_mismatch", TentacleState::skipped,
                "the library descriptor says ABI 2.0 but metadata.json says " +
                    (std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR)));
  require_state(report, "init_error", TentacleState::skipped, "zoo: init refuses (no API key configured)");
  require_state(report, "init_throws", TentacleState::skipped, "zoo: init threw");
}

TEST_CASE("crashing, aborting and hanging libraries are quarantined, never loaded in process", "[zoo]") {
  TentacleHost* host = nullptr;
  const auto& report = zoo_report(host);
  // Under AddressSanitizer a SIGSEGV is reported by its handler ("SEGV on unknown address") and the
  // probe exits instead of dying of the signal: both spellings name SEGV.
  require_state(report, "init_segv", TentacleState::quarantined, "SEGV");
  require_state(report, "static_ctor_segv", TentacleState::quarantined, "SEGV");
  require_state(report, "init_abort", TentacleState::quarantined, "SIGABRT");
  require_state(report, "init_hang", TentacleState::quarantined, "hung: the probe did not finish within 3000 ms");
  CHECK(host->find_class("InitSegvEvaluator") == nullptr);
  CHECK(host->find_class("InitHangEvaluator") == nullptr);
}

TEST_CASE("a tentacle four levels deep is ignored", "[zoo]") {
  TentacleHost* host = nullptr;
  const auto& report = zoo_report(host);
  require_state(report, "too_deep", TentacleState::ignored, "deeper than 3 levels");
  CHECK(host->find_class("DeepEvaluator") == nullptr);
}

TEST_CASE("a second start reuses probe results: quarantine is remembered, good libraries skip the probe", "[zoo]") {
  octobot::testing::TempDir cache_dir;
  const auto cache = cache_dir / "probe-cache.json";
  auto options = zoo_options(cache);
  options.probe_timeout = std::chrono::milliseconds(1000);
  // A profile whose override breaks GoodAlphaEvaluator's config schema: reported at start.
  cache_dir.write("profile/specific_config/GoodAlphaEvaluator.json", R"({"scale": -3})");
  options.profile_folder = cache_dir / "profile";
  {
    TentacleHost first(options);
    const auto& report = first.load();
    CHECK_FALSE(entry(report, "good_alpha").probe_cache_hit);
  }
  TentacleHost second(options);
  const auto& report = second.load();
  CHECK(entry(report, "good_alpha").probe_cache_hit);
  CHECK(entry(report, "good_alpha").state == TentacleState::loaded);
  CHECK_THAT(entry(report, "good_alpha").classes.at(0).config_error,
             Contains("GoodAlphaEvaluator.json: at /scale: expected a number >= 0, found the number -3"));
  CHECK(entry(report, "init_segv").probe_cache_hit);
  require_state(report, "init_segv", TentacleState::quarantined, "remembered from an earlier probe");
  require_state(report, "init_hang", TentacleState::quarantined, "hung");
  // Plain failures are not cached: they are found again, cheaply.
  CHECK_FALSE(entry(report, "init_error").probe_cache_hit);
}

TEST_CASE("loaded evaluators run through the ABI with their resolved config", "[zoo]") {
  TentacleHost* host = nullptr;
  zoo_report(host);
  const std::array<std::int64_t, 3> times = {0, 3'600'000, 7'200'000};
  const std::array<double, 3> open = {100, 100, 100};
  const std::array<double, 3> close = {100, 100, 95};  // -5% on the last candle
  const ob_candles candles = {OB_HEADER_INIT(ob_candles),
                              "zoo",
                              "BTC/USDT",
                              "1h",
                              3,
                              times.data(),
                              open.data(),
                              open.data(),
                              open.data(),
                              close.data(),
                              open.data()};

  auto alpha = host->create("GoodAlphaEvaluator", {"zoo", "BTC/USDT", "1h"});
  const auto alpha_result = alpha->evaluate(candles);
  REQUIRE(alpha_result.ready);
  // scale 10 comes from config/GoodAlphaEvaluator.json: -5% * 10 = -0.5 (a buy-side note).
  CHECK(alpha_result.note == Approx(-0.5));

  auto beta = host->create("GoodBetaEvaluator", {"zoo", "BTC/USDT", "1h"});
  const auto beta_result = beta->evaluate(candles);
  REQUIRE(beta_result.ready);
  CHECK(beta_result.note == -1.0);
  CHECK(beta_result.description == "close 95.00");

  CHECK_THROWS_AS(host->create("InitSegvEvaluator", {}), std::out_of_range);
}
