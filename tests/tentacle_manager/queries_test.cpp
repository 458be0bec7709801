// list, info and verify: what is installed, from which package, and whether it still passes every
// check the host and the package demand.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/tentacle_manager/manager.hpp>

#include "manager_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using octobot::tentacle_manager::VerifyEntry;
using octobot::tentacle_manager::VerifyReport;

const VerifyEntry& entry(const VerifyReport& report, const std::string& package, const std::string& tentacle) {
  for (const auto& item : report.entries) {
    if (item.package == package && item.tentacle == tentacle) return item;
  }
  FAIL("no verify entry for " << package << " " << tentacle);
  throw std::logic_error("unreachable");
}

std::string failures(const VerifyEntry& item) {
  std::string out;
  for (const auto& step : item.steps) {
    if (!step.passed) out += step.name + ": " + step.detail + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("list joins the host's load report with the packages", "[list]") {
  octobot::testing::ManagerFixture fixture;
  octobot::testing::FixtureTree(fixture.root).add_zoo_tentacle("good_beta");
  fixture.manager().install({fixture.signed_package("good_alpha", "alpha.tar.gz").string()}, {});
  const auto list = fixture.manager().list();
  REQUIRE(list.packages.size() == 1);
  REQUIRE(list.tentacles.size() == 2);
  CHECK(list.tentacles[0].path == "Evaluator/TA/good_alpha");
  CHECK(list.tentacles[0].package == "good_alpha");
  CHECK(list.tentacles[0].report.state == octobot::tentacles::TentacleState::loaded);
  CHECK(list.tentacles[0].report.classes.at(0).kind == "ta_evaluator");
  CHECK(list.tentacles[1].path == "Evaluator/TA/good_beta");
  CHECK(list.tentacles[1].package.empty());
}

TEST_CASE("info describes a package by its name, a tentacle or a class", "[info]") {
  octobot::testing::ManagerFixture fixture;
  fixture.manager().install({fixture.signed_package("good_alpha", "alpha.tar.gz").string()}, {});
  for (const char* name : {"good_alpha", "GoodAlphaEvaluator"}) {
    const auto info = fixture.manager().info(name);
    REQUIRE(info.package);
    CHECK(info.package->name == "good_alpha");
    REQUIRE(info.tentacles.size() == 1);
    REQUIRE(info.tentacles[0].metadata);
    CHECK(info.tentacles[0].metadata->classes == std::vector<std::string>{"GoodAlphaEvaluator"});
    CHECK(info.tentacles[0].reference_configs.size() == 2);  // the config and its schema
  }
  CHECK_THROWS_WITH(fixture.manager().info("nothing"), Contains("no package, tentacle or class named nothing"));
}

TEST_CASE("verify passes an intact install and names each problem after tampering", "[verify]") {
  octobot::testing::ManagerFixture fixture;
  octobot::testing::FixtureTree(fixture.root).add_zoo_tentacle("good_beta");
  fixture.manager().install({fixture.signed_package("good_alpha", "alpha.tar.gz").string()}, {});
  auto report = fixture.manager().verify({});
  std::string all_failures;
  for (const auto& item : report.entries) all_failures += failures(item);
  INFO(all_failures);
  CHECK(report.passed());
  CHECK(report.entries.size() == 3);  // the package, its tentacle, the bundled tentacle
  const auto& probe = entry(report, "good_alpha", "Evaluator/TA/good_alpha").steps;
  CHECK(std::any_of(probe.begin(), probe.end(), [](const auto& step) { return step.name == "probe" && step.passed; }));

  // A library corrupted after the install: the manifest's sha256 and the host's metadata sha256 both see it.
  const auto library = fixture.root / "Evaluator/TA/good_alpha/libzoo_good_alpha.so";
  auto bytes = octobot::commons::read_text_file(library);
  bytes[bytes.size() - 100] = static_cast<char>(bytes[bytes.size() - 100] ^ 0x01);
  octobot::commons::write_file_atomically(library, bytes);
  octobot::commons::write_file_atomically(fixture.root / "Evaluator/TA/good_alpha/notes.txt", "added by hand");
  report = fixture.manager().verify({"good_alpha"});
  CHECK_FALSE(report.passed());
  CHECK_THAT(failures(entry(report, "good_alpha", "")), Contains("libzoo_good_alpha.so: sha256 mismatch"));
  CHECK_THAT(failures(entry(report, "good_alpha", "")), Contains("notes.txt is not listed in the manifest"));
  CHECK_THAT(failures(entry(report, "good_alpha", "Evaluator/TA/good_alpha")), Contains("but metadata.json expects"));

  // A key removed from the trusted list: the signature no longer counts.
  fixture.write_config("{}");
  report = fixture.manager().verify({"good_alpha"});
  CHECK_THAT(failures(entry(report, "good_alpha", "")), Contains("which is not trusted"));
  CHECK_THROWS_WITH(fixture.manager().verify({"nothing"}), Contains("nothing named nothing"));
}

TEST_CASE("verify reports the host's refusals for tentacles no package owns", "[verify]") {
  octobot::testing::ManagerFixture fixture;
  octobot::testing::FixtureTree tree(fixture.root);
  tree.add_zoo_tentacle("requirer");
  tree.add_zoo_tentacle("init_segv");
  tree.add_zoo_tentacle("abi_major");
  const auto report = fixture.manager().verify({});
  CHECK_FALSE(report.passed());
  CHECK_THAT(failures(entry(report, "", "Evaluator/TA/requirer")),
             Contains("requirements: Evaluator/TA/requirer "
                      "requires good_alpha==1.0.0: not installed"));
  CHECK_THAT(failures(entry(report, "", "Evaluator/TA/init_segv")), Contains("probe: would be quarantined"));
  CHECK_THAT(failures(entry(report, "", "Evaluator/TA/abi_major")), Contains("abi: built for tentacle ABI 2.0"));
}
