// The third-party workflow, end to end, with real programs: install the SDK to a fresh prefix,
// scaffold an evaluator with `octobot-tentacles new`, build it out of tree (and run its unit test),
// package it signed, install it from a loopback HTTP server, see it in `list`, pass `verify`,
// activate it in a profile, watch the host load it and produce notes, then uninstall it and find
// the tree as it was.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <cmath>

#include "child_process.hpp"
#include "loopback_http_server.hpp"
#include "package_fixtures.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

struct Run {
  int status;
  std::string output;
};

Run run(const std::vector<std::string>& arguments, const std::string& working_dir = {}) {
  octobot::testing::ChildProcess child(arguments, {}, working_dir);
  const int status = child.wait();
  return {status, child.output()};
}

void require_success(const Run& result, const std::string& what) {
  INFO(what << ":\n" << result.output);
  REQUIRE(result.status == 0);
}

// Every file of the tree but the manager's own state and lock, with its content.
std::map<std::string, std::string> snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto relative = fs::relative(entry.path(), root).generic_string();
    if (relative.rfind(".octobot-tentacles", 0) == 0) continue;
    files[relative] = entry.is_regular_file() ? octobot::commons::read_text_file(entry.path()) : "<folder>";
  }
  return files;
}

}  // namespace

TEST_CASE("third-party workflow: new, build against the installed SDK, package, install over HTTP, use, uninstall",
          "[e2e][tentacles]") {
  octobot::testing::TempDir work;
  const std::string cmake = OCTOBOT_CMAKE_COMMAND;

  // 1. The SDK, installed alone to a fresh prefix.
  require_success(
      run({cmake, "--install", OCTOBOT_BUILD_DIR, "--component", "sdk", "--prefix", (work / "sdk").string()}),
      "SDK install");

  // 2. A new evaluator project, created in the author's working folder.
  fs::create_directories(work / "author");
  const auto created = run({OCTOBOT_TENTACLES_BINARY, "new", "evaluator", "MyEvaluator"}, (work / "author").string());
  require_success(created, "new evaluator MyEvaluator");
  const fs::path project = work / "author" / "my_evaluator";
  CHECK(fs::is_regular_file(project / "CMakeLists.txt"));

  // 3. Built out of tree against that prefix alone, in a plain environment, and its unit test run.
  const fs::path build = project / "build";
  require_success(run({cmake, "-E", "env", "--unset=CFLAGS", "--unset=CXXFLAGS", "--unset=LDFLAGS", cmake, "-S",
                       project.string(), "-B", build.string(), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                       "-DCMAKE_PREFIX_PATH=" + (work / "sdk").string()}),
                  "configure the generated project");
  require_success(run({cmake, "--build", build.string()}), "build the generated project");
  const auto unit_tests = run({OCTOBOT_CTEST_COMMAND, "--test-dir", build.string(), "--output-on-failure"});
  require_success(unit_tests, "the generated unit test");
  CHECK_THAT(unit_tests.output, Contains("100% tests passed"));

  // 4. Packaged and signed with the publisher's key, which the user trusts.
  const auto key = octobot::testing::write_key_pair(work / "keys", "publisher");
  work.write("user/config.json", R"({"tentacles": {"trusted-keys": [")" + key.public_key.string() + R"("]}})");
  fs::create_directories(work / "site");
  require_success(run({OCTOBOT_TENTACLES_BINARY, "package", (build / "tentacles").string(), "-o",
                       (work / "site/my_evaluator.tar.gz").string(), "--sign", key.private_key.string()}),
                  "package");

  // 5. A tree that already holds a tentacle, and a profile of the user's.
  const fs::path tree = work / "tree";
  octobot::testing::FixtureTree(tree).add_zoo_tentacle("good_beta");
  work.write("profile/profile.json", R"({"profile": {"id": "mine", "name": "Mine"}, "config": {}})");
  const auto before = snapshot(tree);
  const std::vector<std::string> manager = {
      OCTOBOT_TENTACLES_BINARY,   "--tentacles-dir", tree.string(), "--user-dir", (work / "user").string(), "--profile",
      (work / "profile").string()};
  auto with = [&](std::vector<std::string> arguments) {
    auto command = manager;
    command.insert(command.end(), arguments.begin(), arguments.end());
    return command;
  };

  // 6. Installed from a loopback HTTP server.
  {
    octobot::testing::LoopbackHttpServer server(work / "site");
    const auto installed = run(with({"install", server.url("my_evaluator.tar.gz")}));
    require_success(installed, "install over HTTP");
    CHECK_THAT(installed.output,
               Contains("installed my_evaluator 1.0.0: Evaluator/TA/my_evaluator (signed by trusted"));
  }

  // 7. In the list, loaded, from its package; verify passes.
  const auto listed = run(with({"list", "--json"}));
  require_success(listed, "list");
  const auto list = octobot::commons::parse_json(listed.output, "list --json");
  bool found = false;
  for (const auto& tentacle : list["tentacles"].GetArray()) {
    if (std::string(tentacle["name"].GetString()) != "my_evaluator") continue;
    found = true;
    CHECK(std::string(tentacle["package"].GetString()) == "my_evaluator");
    CHECK(std::string(tentacle["state"].GetString()) == "loaded");
    CHECK(std::string(tentacle["classes"][0]["kind"].GetString()) == "ta_evaluator");
  }
  CHECK(found);
  require_success(run(with({"verify", "my_evaluator"})), "verify");

  // 8. Activated in the profile with a profile override; the host loads it active and it produces notes.
  CHECK_THAT(octobot::commons::read_text_file(work / "profile/tentacles_config.json"),
             Contains("\"MyEvaluator\": false"));
  work.write("profile/tentacles_config.json", R"({"tentacle_activation": {"Evaluator": {"MyEvaluator": true}}})");
  work.write("profile/specific_config/MyEvaluator.json", R"({"period": 5})");
  const auto report = run({OCTOBOT_BINARY, "tentacles", "--json", "--tentacles-dir", tree.string(), "--user-dir",
                           (work / "user").string(), "--profile", (work / "profile").string()});
  require_success(report, "octobot tentacles --json");
  const auto load = octobot::commons::parse_json(report.output, "octobot tentacles --json");
  for (const auto& tentacle : load["tentacles"].GetArray()) {
    if (std::string(tentacle["name"].GetString()) != "my_evaluator") continue;
    CHECK(std::string(tentacle["state"].GetString()) == "loaded");
    CHECK(tentacle["classes"][0]["active"].GetBool());
  }
  {
    octobot::tentacles::HostOptions options;
    options.tentacles_root = tree;
    options.probe_executable = OCTOBOT_TEST_PROBE;
    options.profile_folder = work / "profile";
    options.active_classes = {"MyEvaluator"};
    octobot::tentacles::TentacleHost host(options);
    host.load();
    auto evaluator = host.create("MyEvaluator", {"simulated", "BTC/USDT", "1h"});
    std::vector<std::int64_t> times;
    std::vector<double> open, high, low, close, volume;
    int notes = 0;
    for (int i = 0; i < 20; ++i) {
      const double price = 100.0 + 10.0 * std::sin(i / 3.0);
      times.push_back(std::int64_t{i} * 3'600'000);
      open.push_back(price);
      high.push_back(price + 1);
      low.push_back(price - 1);
      close.push_back(price);
      volume.push_back(1);
      const ob_candles candles = {OB_HEADER_INIT(ob_candles),
                                  "simulated",
                                  "BTC/USDT",
                                  "1h",
                                  close.size(),
                                  times.data(),
                                  open.data(),
                                  high.data(),
                                  low.data(),
                                  close.data(),
                                  volume.data()};
      const auto result = evaluator->evaluate(candles);
      CHECK(result.ready == (i >= 4));  // the profile's period of 5, not the reference 14
      if (!result.ready) continue;
      ++notes;
      CHECK(result.note >= -1.0);
      CHECK(result.note <= 1.0);
    }
    CHECK(notes == 16);
  }

  // 9. Uninstalled: the tree is as it was, the profile forgets the class, the user's override stays.
  require_success(run(with({"uninstall", "my_evaluator"})), "uninstall");
  CHECK(snapshot(tree) == before);
  CHECK_THAT(octobot::commons::read_text_file(work / "profile/tentacles_config.json"), !Contains("MyEvaluator"));
  CHECK(fs::exists(work / "profile/specific_config/MyEvaluator.json"));
}
