// The octobot program as a user runs it: exit codes, --help, the tentacles report in text and JSON,
// and clear errors for bad input.
#include <catch2/catch.hpp>
#include <octobot/abi.h>
#include <octobot/commons/json_rapidjson.hpp>

#include <string>

#include "shell_run.hpp"
#include "temp_dir.hpp"

namespace {

// stdout and stderr together.
octobot::testing::ShellRun run_octobot(const std::string& arguments) {
  // A private user dir keeps the probe cache of one test from serving another.
  static octobot::testing::TempDir user_dir;
  // Appended piece by piece: one long + chain trips GCC 12's -Warray-bounds false positive.
  std::string command = OCTOBOT_BINARY;
  command += " --user-dir " + user_dir.path().string();
  command += " " + arguments + " 2>&1";
  return octobot::testing::shell_run(command);
}

// The zoo holds a library that hangs: a short probe timeout keeps the test quick.
const std::string kZoo = std::string("--probe-timeout 2 --tentacles-dir ") + OCTOBOT_ZOO_ROOT;

}  // namespace

TEST_CASE("every command has --help", "[cli]") {
  for (const char* command : {"--help", "tentacles --help"}) {
    INFO(command);
    const auto run = run_octobot(command);
    CHECK(run.status == 0);
    CHECK_THAT(run.output, Catch::Contains("Usage:"));
  }
  CHECK_THAT(run_octobot("--version").output,
             Catch::Contains("tentacle ABI " + (std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR))));
}

TEST_CASE("the tentacles report lists every tentacle with its state and reason, exit 0", "[cli]") {
  const auto run = run_octobot("tentacles " + kZoo + " --profile " + OCTOBOT_SOURCE_DIR "/profiles/daily_trading");
  CHECK(run.status == 0);
  CHECK_THAT(run.output, Catch::Contains("Profile: DailyTrading"));
  CHECK_THAT(run.output, Catch::Contains("loaded       good_alpha 1.0.0 [Zoo-Package]"));
  CHECK_THAT(run.output, Catch::Contains("quarantined  init_segv"));
  CHECK_THAT(run.output, Catch::Contains("ignored      too_deep"));
  CHECK_THAT(run.output, Catch::Contains("Summary: 3 loaded,"));
  CHECK_THAT(run.output, Catch::Contains("Active in the profile but provided by no loaded tentacle: DailyTradingMode"));
}

TEST_CASE("tentacles --json is one JSON document with the same data", "[cli]") {
  const auto run = run_octobot("--log-level off tentacles --json " + kZoo);
  REQUIRE(run.status == 0);
  const auto json = octobot::commons::parse_json(run.output, "octobot tentacles --json");
  CHECK(json["summary"]["loaded"].GetUint() == 3);
  CHECK(json["summary"]["ignored"].GetUint() == 1);
  bool found_hang = false;
  for (const auto& tentacle : json["tentacles"].GetArray()) {
    if (std::string(tentacle["name"].GetString()) != "init_hang") continue;
    found_hang = true;
    CHECK(std::string(tentacle["state"].GetString()) == "quarantined");
    CHECK_THAT(tentacle["reason"].GetString(), Catch::Contains("hung"));
  }
  CHECK(found_hang);
}

TEST_CASE("bad input gets a clear error and a non-zero exit", "[cli]") {
  auto run = run_octobot("tentacles --tentacles-dir /nonexistent/tentacles");
  CHECK(run.status == 1);
  CHECK_THAT(run.output, Catch::Contains("/nonexistent/tentacles is not a directory"));

  run = run_octobot("tentacles --profile no_such_profile " + kZoo);
  CHECK(run.status == 1);
  CHECK_THAT(run.output, Catch::Contains("no profile \"no_such_profile\""));

  octobot::testing::TempDir dir;
  dir.write("broken/profile.json", R"({"profile": {"id": "b"}, "config": {}})");
  run = run_octobot("tentacles --profile " + (dir / "broken").string() + " " + kZoo);
  CHECK(run.status == 1);
  CHECK_THAT(run.output,
             Catch::Contains("profile.json: at /profile: expected an object with the required member(s) \"name\""));

  run = run_octobot("--log-level loud tentacles");
  CHECK(run.status != 0);
  CHECK_THAT(run.output, Catch::Contains("expected trace, debug, info, warning, error or off, found \"loud\""));

  run = run_octobot("frobnicate");
  CHECK(run.status != 0);
}
