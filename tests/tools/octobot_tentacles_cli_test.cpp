// octobot-tentacles (and `octobot tentacles <command>`) as users and scripts run them: --help for
// every command, each command's happy path and bad inputs, two managers at once, and a manager
// killed with SIGKILL at every stage of an install.
#include <catch2/catch.hpp>
#include <octobot/abi.h>
#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacle_manager/installed_packages.hpp>

#include "child_process.hpp"
#include "manager_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using octobot::testing::ChildProcess;
using octobot::testing::ManagerFixture;
using namespace std::chrono_literals;

const std::vector<std::string> kCommands = {"install", "update", "uninstall", "list",
                                            "info",    "verify", "new",       "package"};

struct Run {
  int status;
  std::string output;
};

Run run(const std::vector<std::string>& arguments, const std::map<std::string, std::string>& environment = {}) {
  ChildProcess child(arguments, environment);
  const int status = child.wait();
  return {status, child.output()};
}

// The manager on the fixture's tree, user dir and profile.
std::vector<std::string> manager(const ManagerFixture& fixture, std::vector<std::string> arguments) {
  std::vector<std::string> command = {
      OCTOBOT_TENTACLES_BINARY,  "--tentacles-dir", fixture.root.string(),   "--user-dir",
      fixture.user_dir.string(), "--profile",       fixture.profile.string()};
  command.insert(command.end(), arguments.begin(), arguments.end());
  return command;
}

Run run_manager(const ManagerFixture& fixture, const std::vector<std::string>& arguments) {
  return run(manager(fixture, arguments));
}

std::string installed_version(const ManagerFixture& fixture) {
  return octobot::tentacles::read_metadata(fixture.root / "Evaluator/TA/good_alpha").version.to_string();
}

}  // namespace

TEST_CASE("every manager command has --help, in both programs", "[cli][tentacles]") {
  for (const auto& command : kCommands) {
    for (const auto& prefix :
         {std::vector<std::string>{OCTOBOT_TENTACLES_BINARY}, std::vector<std::string>{OCTOBOT_BINARY, "tentacles"}}) {
      auto arguments = prefix;
      arguments.push_back(command);
      arguments.emplace_back("--help");
      const auto help = run(arguments);
      INFO(prefix.back() << " " << command);
      CHECK(help.status == 0);
      CHECK_THAT(help.output, Contains("Usage:"));
      CHECK_THAT(help.output, Contains(command));
    }
  }
  const auto top = run({OCTOBOT_TENTACLES_BINARY, "--help"});
  CHECK(top.status == 0);
  for (const auto& command : kCommands) CHECK_THAT(top.output, Contains(command));
  CHECK_THAT(run({OCTOBOT_TENTACLES_BINARY, "--version"}).output,
             Contains("tentacle ABI " + (std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR))));
  CHECK(run({OCTOBOT_TENTACLES_BINARY}).status != 0);  // a command is required
}

TEST_CASE("package, install, list, info, verify, uninstall: the happy path, text and JSON", "[cli][tentacles]") {
  ManagerFixture fixture;
  fixture.sources.add_zoo_tentacle("good_alpha");
  const auto package = fixture.packages / "good_alpha.tar.gz";
  auto packed = run_manager(fixture, {"package", fixture.sources.root().string(), "-o", package.string(), "--sign",
                                      fixture.key.private_key.string(), "--json"});
  INFO(packed.output);
  REQUIRE(packed.status == 0);
  const auto packed_json = octobot::commons::parse_json(packed.output, "package --json");
  CHECK(std::string(packed_json["name"].GetString()) == "good_alpha");
  CHECK(std::string(packed_json["signed_by"].GetString()).size() == 64);

  auto installed = run_manager(fixture, {"install", package.string()});
  INFO(installed.output);
  REQUIRE(installed.status == 0);
  CHECK_THAT(installed.output, Contains("installed good_alpha 1.0.0: Evaluator/TA/good_alpha (signed by trusted key"));
  CHECK_THAT(installed.output, Contains("learned GoodAlphaEvaluator"));

  const auto listed = run_manager(fixture, {"list", "--json"});
  REQUIRE(listed.status == 0);
  const auto list = octobot::commons::parse_json(listed.output, "list --json");
  REQUIRE(list["tentacles"].Size() == 1);
  const auto& tentacle = list["tentacles"][0];
  CHECK(std::string(tentacle["package"].GetString()) == "good_alpha");
  CHECK(std::string(tentacle["state"].GetString()) == "loaded");
  CHECK(std::string(tentacle["abi_version"].GetString()) ==
        (std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR)));
  CHECK(std::string(tentacle["classes"][0]["kind"].GetString()) == "ta_evaluator");
  CHECK_THAT(run_manager(fixture, {"list"}).output, Contains("good_alpha"));

  const auto info = run_manager(fixture, {"info", "GoodAlphaEvaluator"});
  CHECK(info.status == 0);
  CHECK_THAT(info.output, Contains("Package good_alpha 1.0.0"));
  CHECK_THAT(info.output, Contains("GoodAlphaEvaluator.json"));

  const auto verified = run_manager(fixture, {"verify", "--json"});
  INFO(verified.output);
  CHECK(verified.status == 0);
  CHECK(octobot::commons::parse_json(verified.output, "verify --json")["passed"].GetBool());

  // The publisher ships 1.1.0 at the same place: update finds it there.
  CHECK_THAT(run_manager(fixture, {"update", "--all"}).output, Contains("good_alpha 1.0.0 is already installed"));
  fixture.sources.set_metadata("Evaluator/TA/good_alpha", "version", "\"1.1.0\"");
  REQUIRE(run_manager(fixture, {"package", fixture.sources.root().string(), "-o", package.string(), "--sign",
                                fixture.key.private_key.string()})
              .status == 0);
  const auto updated = run_manager(fixture, {"update", "good_alpha"});
  INFO(updated.output);
  CHECK(updated.status == 0);
  CHECK_THAT(updated.output, Contains("upgraded good_alpha 1.0.0 -> 1.1.0: Evaluator/TA/good_alpha"));

  // The same code answers as `octobot tentacles <command>`.
  const auto through_octobot = run({OCTOBOT_BINARY, "tentacles", "verify", "good_alpha", "--tentacles-dir",
                                    fixture.root.string(), "--user-dir", fixture.user_dir.string()});
  CHECK(through_octobot.status == 0);
  CHECK_THAT(through_octobot.output, Contains("Result: 2 checked, all passed"));

  const auto removed = run_manager(fixture, {"uninstall", "good_alpha", "--json"});
  CHECK(removed.status == 0);
  const auto removed_json = octobot::commons::parse_json(removed.output, "uninstall --json");
  CHECK(std::string(removed_json["packages"][0]["action"].GetString()) == "removed");
  CHECK(std::string(removed_json["packages"][0]["from_version"].GetString()) == "1.1.0");
  CHECK_FALSE(fs::exists(fixture.root / "Evaluator"));
}

TEST_CASE("octobot tentacles without a command still prints the load report", "[cli][tentacles]") {
  const auto report = run({OCTOBOT_BINARY, "tentacles", "--tentacles-dir", OCTOBOT_ZOO_ROOT, "--probe-timeout", "2"});
  CHECK(report.status == 0);
  CHECK_THAT(report.output, Contains("loaded       good_alpha 1.0.0 [Zoo-Package]"));
  CHECK_THAT(report.output, Contains("Summary: 3 loaded,"));
}

TEST_CASE("bad inputs: a clear message, exit status 1 (the parser's own for usage errors), nothing changed",
          "[cli][tentacles]") {
  ManagerFixture fixture;
  struct Case {
    std::vector<std::string> arguments;
    int status;
    std::string message;
  };
  fixture.work.write("packages/garbled.tar.gz", "not an archive, not at all, really not");
  octobot::testing::write_raw_archive(fixture.packages / "slip.tar.gz", octobot::testing::RawFormat::tar_gz,
                                      {octobot::testing::raw_file("../../slip.txt", "x")});
  octobot::testing::write_raw_archive(fixture.packages / "link.zip", octobot::testing::RawFormat::zip,
                                      {octobot::testing::raw_symlink("tentacles/x", "/etc/passwd")});
  const auto requirer = fixture.signed_package("requirer", "requirer.tar.gz");
  fixture.sources.add_zoo_tentacle("good_beta");
  const std::string packages = fixture.packages.string();
  const std::vector<Case> cases = {
      {{"install", packages + "/missing.tar.gz"}, 1, "no such file or folder"},
      {{"install", packages + "/garbled.tar.gz"}, 1, "not a .tar.gz or .zip package"},
      {{"install", packages + "/slip.tar.gz"}, 1, "refused: a \"..\" component"},
      {{"install", packages + "/link.zip"}, 1, "points outside the package folder"},
      {{"install", requirer.string()}, 1, "requires good_alpha==1.0.0: not installed"},
      {{"install", (fixture.sources.root() / "Evaluator/TA/good_beta").string()}, 1, "--allow-unsigned"},
      {{"install"}, 106, "SOURCE is required"},
      {{"update"}, 1, "give package names, or --all"},
      {{"update", "nope"}, 1, "no installed package nope"},
      {{"uninstall", "nope"}, 1, "no installed package nope"},
      {{"info", "nope"}, 1, "no package, tentacle or class named nope"},
      {{"verify", "nope"}, 1, "nothing named nope"},
      {{"new", "robot", "X"}, 105, "robot not in"},
      {{"new", "evaluator", "my-evaluator", "--dir", (fixture.work / "n").string()}, 1, "CamelCase"},
      {{"new", "evaluator", "Fine", "--dir", fixture.packages.string()}, 1, "not empty"},
      {{"package", (fixture.work / "nowhere").string(), "-o", "x.tar.gz"}, 105, "Directory does not exist"},
      {{"package", fixture.sources.root().string(), "-o", (fixture.work / "x.rar").string()}, 1, "NAME.tar.gz"},
      {{"package", fixture.sources.root().string(), "-o", (fixture.work / "x.tar.gz").string(), "--sign",
        requirer.string()},
       1,
       "expected a PEM private key"},
      {{"list", "--lock-timeout", "0"}, 105, "--lock-timeout"},
  };
  for (const auto& test : cases) {
    const auto result = run_manager(fixture, test.arguments);
    INFO(test.arguments.front() << " " << (test.arguments.size() > 1 ? test.arguments[1] : "") << "\n"
                                << result.output);
    CHECK(result.status == test.status);
    CHECK_THAT(result.output, Contains(test.message));
  }
  CHECK(fs::is_empty(fixture.root / ".octobot-tentacles/staging"));
  CHECK_FALSE(fs::exists(fixture.root / "Evaluator"));
  CHECK_FALSE(fs::exists(fixture.work / "n"));

  const auto bad_root = run({OCTOBOT_TENTACLES_BINARY, "--tentacles-dir", "/nonexistent/tree", "list"});
  CHECK(bad_root.status == 1);
  CHECK_THAT(bad_root.output, Contains("/nonexistent/tree is not a directory"));
  fixture.write_config("{\"tentacles\": {\"trusted-keys\": 3}}");
  const auto bad_config = run_manager(fixture, {"list"});
  CHECK(bad_config.status == 1);
  CHECK_THAT(bad_config.output, Contains("config.json: at /tentacles/trusted-keys: expected an array"));
}

TEST_CASE("two managers at once: the second waits, or says who holds the tree", "[cli][tentacles]") {
  ManagerFixture fixture;
  const auto alpha = fixture.signed_package("good_alpha", "alpha.tar.gz");
  const auto beta = fixture.signed_package("good_beta", "beta.tar.gz");
  {
    ChildProcess first(manager(fixture, {"install", alpha.string()}));
    ChildProcess second(manager(fixture, {"install", beta.string()}));
    CHECK(first.wait() == 0);
    CHECK(second.wait() == 0);
  }
  CHECK(octobot::tentacle_manager::read_installed_packages({fixture.root}).size() == 2);
  const auto states = fixture.host_states();
  CHECK(states.at("good_alpha") == "loaded");
  CHECK(states.at("good_beta") == "loaded");

  // One manager paused while holding the lock; another gives up after its --lock-timeout.
  ChildProcess holder(manager(fixture, {"uninstall", "good_beta"}), {{"OCTOBOT_TEST_PAUSE_INSTALL_AT", "journaled"}});
  REQUIRE(holder.wait_for_output("test pause at stage journaled", 30s));
  const auto waiter = run_manager(fixture, {"install", alpha.string(), "--force", "--lock-timeout", "0.5"});
  CHECK(waiter.status == 1);
  CHECK_THAT(waiter.output,
             Contains("in use by a tentacle manager (pid " + std::to_string(holder.pid()) + ": uninstall good_beta)"));
  CHECK_THAT(waiter.output, Contains("waited 0.5 s"));
}

TEST_CASE("kill -9 at any stage of an upgrade: the host still loads the tree, a rerun finishes", "[cli][tentacles]") {
  const auto stage = GENERATE(as<std::string>{}, "fetched", "verified", "journaled", "swapped", "applied");
  ManagerFixture fixture;
  const auto v1 = fixture.signed_package("good_alpha", "alpha-1.0.0.tar.gz", "1.0.0");
  const auto v2 = fixture.signed_package("good_alpha", "alpha-2.0.0.tar.gz", "2.0.0");
  REQUIRE(run_manager(fixture, {"install", v1.string()}).status == 0);

  {
    ChildProcess doomed(manager(fixture, {"install", v2.string()}), {{"OCTOBOT_TEST_PAUSE_INSTALL_AT", stage}});
    INFO(stage << ": " << doomed.output());
    REQUIRE(doomed.wait_for_output("test pause at stage " + stage, 30s));
    doomed.kill(SIGKILL);
    CHECK(doomed.wait() == -SIGKILL);
  }
  INFO("killed at " << stage);
  // Before the commit point the tree is the old one; after it, every folder is whole (old or new).
  CHECK(fixture.host_states() == std::map<std::string, std::string>{{"good_alpha", "loaded"}});
  const bool committed = stage == "swapped" || stage == "applied";
  CHECK(installed_version(fixture) == (committed ? "2.0.0" : "1.0.0"));

  const auto rerun = run_manager(fixture, {"install", v2.string()});
  INFO(rerun.output);
  CHECK(rerun.status == 0);
  const bool journaled = stage == "journaled" || committed;
  if (journaled) CHECK_THAT(rerun.output, Contains("finished a change that was interrupted"));
  CHECK(installed_version(fixture) == "2.0.0");
  CHECK(octobot::tentacle_manager::find_installed_package({fixture.root}, "good_alpha")->version == "2.0.0");
  CHECK(fs::is_empty(fixture.root / ".octobot-tentacles/staging"));
  CHECK_FALSE(fs::exists(fixture.root / ".octobot-tentacles/journal.json"));
  const auto verified = run_manager(fixture, {"verify"});
  INFO(verified.output);
  CHECK(verified.status == 0);
}

TEST_CASE("kill -9 in the middle of a first install or an uninstall leaves a loadable tree", "[cli][tentacles]") {
  ManagerFixture fixture;
  octobot::testing::FixtureTree(fixture.root).add_zoo_tentacle("good_beta");  // bundled, untouched throughout
  const auto alpha = fixture.signed_package("good_alpha", "alpha.tar.gz");
  for (const std::string stage : {"verified", "swapped"}) {
    ChildProcess doomed(manager(fixture, {"install", alpha.string()}), {{"OCTOBOT_TEST_PAUSE_INSTALL_AT", stage}});
    REQUIRE(doomed.wait_for_output("test pause at stage " + stage, 30s));
    doomed.kill(SIGKILL);
    doomed.wait();
    const auto states = fixture.host_states();
    CHECK(states.at("good_beta") == "loaded");
    CHECK(states.count("good_alpha") == (stage == "swapped" ? 1U : 0U));
  }
  REQUIRE(run_manager(fixture, {"list"}).status == 0);
  CHECK(run_manager(fixture, {"install", alpha.string()}).status == 0);

  ChildProcess doomed(manager(fixture, {"uninstall", "good_alpha"}), {{"OCTOBOT_TEST_PAUSE_INSTALL_AT", "swapped"}});
  REQUIRE(doomed.wait_for_output("test pause at stage swapped", 30s));
  doomed.kill(SIGKILL);
  doomed.wait();
  CHECK(fixture.host_states() == std::map<std::string, std::string>{{"good_beta", "loaded"}});
  const auto rerun = run_manager(fixture, {"verify"});
  CHECK_THAT(rerun.output, Contains("a change was interrupted (uninstall good_alpha)"));
  CHECK(run_manager(fixture, {"update", "--all"}).status == 0);  // any change finishes it
  CHECK(octobot::tentacle_manager::read_installed_packages({fixture.root}).empty());
}
