// apply_profile_update: what an origin serves, compared with the installed folder, validated on a
// staged copy, installed with the previous files kept — and every refusal leaving the folder as it was.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/services/profile_update.hpp>

#include <filesystem>
#include <regex>
#include <string>

#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using octobot::commons::read_text_file;
using octobot::services::apply_profile_update;
using octobot::services::UpdateStatus;

struct Installed {
  octobot::testing::TempDir dir;
  fs::path folder = dir / "profiles" / "followed";
  std::string profile_json;
  std::string tentacles_json;

  Installed() {
    fs::create_directories(folder.parent_path());
    fs::copy(fs::path(OCTOBOT_SOURCE_DIR) / "profiles" / "daily_trading", folder, fs::copy_options::recursive);
    profile_json = read_text_file(folder / "profile.json");
    tentacles_json = read_text_file(folder / "tentacles_config.json");
  }
  [[nodiscard]] octobot::commons::Profile profile() const { return octobot::commons::load_profile(folder); }
  // The installed profile.json with one replacement.
  [[nodiscard]] std::string with(const std::string& pattern, const std::string& replacement) const {
    return std::regex_replace(profile_json, std::regex(pattern), replacement);
  }
  void require_untouched() const {
    CHECK(read_text_file(folder / "profile.json") == profile_json);
    CHECK(read_text_file(folder / "tentacles_config.json") == tentacles_json);
    CHECK_FALSE(fs::exists(folder / ".previous"));
  }
};

}  // namespace

TEST_CASE("profile update: the same JSON, even reformatted, is no update", "[services][profile_update]") {
  Installed installed;
  auto result = apply_profile_update(installed.profile(), installed.profile_json);
  CHECK(result.status == UpdateStatus::unchanged);
  // Whitespace and member order do not matter.
  const std::string compact = std::regex_replace(installed.profile_json, std::regex(R"(\s*\n\s*)"), "");
  result = apply_profile_update(installed.profile(), compact);
  CHECK(result.status == UpdateStatus::unchanged);
  installed.require_untouched();
}

TEST_CASE("profile update: a changed profile.json is installed, the previous one kept", "[services][profile_update]") {
  Installed installed;
  const std::string fresh = installed.with(R"("risk": 0.5)", R"("risk": 0.8)");
  REQUIRE(fresh != installed.profile_json);
  const auto result = apply_profile_update(installed.profile(), fresh);
  REQUIRE(result.status == UpdateStatus::installed);
  CHECK(result.changed_files == std::vector<std::string>{"profile.json"});
  CHECK(read_text_file(installed.folder / "profile.json") == fresh);  // as served, byte for byte
  CHECK(read_text_file(installed.folder / ".previous" / "profile.json") == installed.profile_json);
  CHECK(installed.profile().risk == Approx(0.8));
  // The backup folder is no profile of its own, and the next identical fetch is no update.
  CHECK(apply_profile_update(installed.profile(), fresh).status == UpdateStatus::unchanged);
}

TEST_CASE("profile update: a bundle replaces the files it lists", "[services][profile_update]") {
  Installed installed;
  const std::string bundle = R"({"octobot_profile_bundle": 1, "files": {
      "tentacles_config.json": {"tentacle_activation": {"Evaluator": {"RSIMomentumEvaluator": true,
                                "SimpleStrategyEvaluator": true}, "Trading": {"DailyTradingMode": true}}},
      "specific_config/RSIMomentumEvaluator.json": {"period_length": 21}}})";
  const auto result = apply_profile_update(installed.profile(), bundle);
  REQUIRE(result.status == UpdateStatus::installed);
  CHECK(result.changed_files ==
        std::vector<std::string>{"specific_config/RSIMomentumEvaluator.json", "tentacles_config.json"});
  CHECK(read_text_file(installed.folder / "profile.json") == installed.profile_json);  // not listed: kept
  CHECK(installed.profile().active_classes().count("DoubleMovingAverageTrendEvaluator") == 0);
  CHECK(read_text_file(installed.folder / "specific_config" / "RSIMomentumEvaluator.json").find("21") !=
        std::string::npos);
  CHECK(read_text_file(installed.folder / ".previous" / "tentacles_config.json") == installed.tentacles_json);
}

TEST_CASE("profile update: malformed or incompatible versions are refused, the folder untouched",
          "[services][profile_update]") {
  Installed installed;
  std::string body;
  std::string reason;
  SECTION("not JSON") {
    body = R"({"profile": {"id": "daily_trading", )";
    reason = "not JSON";
  }
  SECTION("neither shape") {
    body = R"({"hello": "world"})";
    reason = "neither a profile.json document";
  }
  SECTION("a schema violation, named by file and path") {
    body = installed.with(R"("risk": 0.5)", R"("risk": "high")");
    reason = "profile.json: at /config/trading/risk";
  }
  SECTION("another profile's id") {
    body = installed.with(R"("id": "daily_trading")", R"("id": "someone_else")");
    reason = "its id is \"someone_else\"";
  }
  SECTION("a switch from paper to real trading") {
    body = installed.with(R"("trader": \{\s*"enabled": false)", R"("trader": {"enabled": true)");
    reason = "switches from paper to real trading";
  }
  SECTION("no pair") {
    body = installed.with(R"("enabled": true,\s*"pairs": \[\s*"BTC/USDT"\s*\])", R"("enabled": true, "pairs": [])");
    reason = "trades no pair";
  }
  SECTION("a bundle file outside the profile") {
    body = R"({"octobot_profile_bundle": 1, "files": {"../config.json": {}}})";
    reason = "only profile.json, tentacles_config.json and specific_config/<Class>.json";
  }
  SECTION("a bundle file that is not an object") {
    body = R"({"octobot_profile_bundle": 1, "files": {"tentacles_config.json": [1]}})";
    reason = "tentacles_config.json: expected an object";
  }
  REQUIRE(body != installed.profile_json);
  const auto result = apply_profile_update(installed.profile(), body);
  CHECK(result.status == UpdateStatus::refused);
  INFO(result.reason);
  CHECK(result.reason.find(reason) != std::string::npos);
  installed.require_untouched();
}

TEST_CASE("profile update: the caller's own check can refuse", "[services][profile_update]") {
  Installed installed;
  const auto result = apply_profile_update(installed.profile(), installed.with(R"("risk": 0.5)", R"("risk": 0.7)"),
                                           [](const octobot::commons::Profile& fresh) -> std::optional<std::string> {
                                             if (fresh.risk > 0.6) return "too risky for this host";
                                             return std::nullopt;
                                           });
  CHECK(result.status == UpdateStatus::refused);
  CHECK(result.reason == "too risky for this host");
  installed.require_untouched();
}
