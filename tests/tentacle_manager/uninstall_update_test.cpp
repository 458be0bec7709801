// uninstall and update: an uninstall leaves the tree as it was before the install; dependents are
// protected; update fetches a package again from where it came and installs a newer version.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/tentacle_manager/manager.hpp>

#include "loopback_http_server.hpp"
#include "manager_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using octobot::tentacle_manager::ChangeOptions;
using octobot::tentacle_manager::PackageChange;

std::vector<std::string> tentacle_files(const fs::path& root) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto relative = fs::relative(entry.path(), root).generic_string();
    if (relative.rfind(".octobot-tentacles", 0) == 0) continue;  // the manager's own state and lock
    files.push_back(relative);
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("uninstall leaves the tree as before the install and the profile forgets the class", "[uninstall]") {
  octobot::testing::ManagerFixture fixture;
  octobot::testing::FixtureTree(fixture.root).add_zoo_tentacle("good_beta");  // bundled, not a package
  const auto before = tentacle_files(fixture.root);
  const auto package = fixture.signed_package("good_alpha", "alpha.tar.gz");
  fixture.manager().install({package.string()}, {});
  CHECK(tentacle_files(fixture.root) != before);

  const auto report = fixture.manager().uninstall({"good_alpha"}, {});
  REQUIRE(report.packages.size() == 1);
  CHECK(report.packages[0].action == PackageChange::Action::removed);
  CHECK(report.packages[0].from_version == "1.0.0");
  CHECK(tentacle_files(fixture.root) == before);
  CHECK_THAT(report.notes[0], Contains("forgot GoodAlphaEvaluator"));
  CHECK_THAT(fixture.activation(), !Contains("GoodAlphaEvaluator"));
  CHECK(octobot::tentacle_manager::read_installed_packages({fixture.root}).empty());
  CHECK(fixture.host_states() == std::map<std::string, std::string>{{"good_beta", "loaded"}});
}

TEST_CASE("uninstall refuses unknown names, tentacles of a package, bundled tentacles and needed ones", "[uninstall]") {
  octobot::testing::ManagerFixture fixture;
  octobot::testing::FixtureTree(fixture.root).add_zoo_tentacle("good_beta");
  const auto alpha = fixture.signed_package("good_alpha", "alpha.tar.gz");
  const auto requirer = fixture.signed_package("requirer", "requirer.tar.gz");
  auto manager = fixture.manager();
  manager.install({alpha.string(), requirer.string()}, {});

  CHECK_THROWS_WITH(manager.uninstall({"nope"}, {}), Contains("no installed package nope (installed by the manager: "
                                                              "good_alpha, requirer"));
  CHECK_THROWS_WITH(manager.uninstall({"GoodAlphaEvaluator"}, {}),
                    Contains("GoodAlphaEvaluator is part of the package good_alpha"));
  CHECK_THROWS_WITH(manager.uninstall({"good_beta"}, {}), Contains("bundled tentacles and folders copied by hand"));
  CHECK_THROWS_WITH(manager.uninstall({"good_alpha"}, {}),
                    Contains("Evaluator/TA/requirer requires good_alpha==1.0.0: not installed"));
  CHECK(fs::exists(fixture.root / "Evaluator/TA/good_alpha"));

  // Both at once is fine; so is --force, which says what it leaves unmet.
  manager.uninstall({"requirer", "good_alpha"}, {});
  CHECK_FALSE(fs::exists(fixture.root / "Evaluator/TA/good_alpha"));
  manager.install({alpha.string(), requirer.string()}, {});
  ChangeOptions force;
  force.force = true;
  const auto forced = manager.uninstall({"good_alpha"}, force);
  REQUIRE_FALSE(forced.warnings.empty());
  CHECK_THAT(forced.warnings[0], Contains("now unmet: Evaluator/TA/requirer requires good_alpha==1.0.0"));
}

TEST_CASE("update fetches each package again from its source and installs newer versions", "[update]") {
  octobot::testing::ManagerFixture fixture;
  fixture.signed_package("good_alpha", "alpha.tar.gz", "1.0.0");
  octobot::testing::LoopbackHttpServer server(fixture.packages);
  auto manager = fixture.manager();
  manager.install({server.url("alpha.tar.gz")}, {});

  CHECK(manager.update({}, {}).packages.at(0).action == PackageChange::Action::unchanged);
  fixture.signed_package("good_alpha", "alpha.tar.gz", "1.2.0");  // the publisher releases 1.2.0 at the same URL
  const auto report = manager.update({"good_alpha"}, {});
  REQUIRE(report.packages.size() == 1);
  CHECK(report.packages[0].action == PackageChange::Action::upgraded);
  CHECK(report.packages[0].to_version == "1.2.0");
  CHECK_THAT(octobot::commons::read_text_file(fixture.root / "Evaluator/TA/good_alpha/metadata.json"),
             Contains("1.2.0"));

  CHECK_THROWS_WITH(manager.update({"nope"}, {}), Contains("no installed package nope (installed: good_alpha)"));
  // The source now holds another package: refused, nothing changes.
  fixture.signed_package("good_beta", "alpha.tar.gz");
  CHECK_THROWS_WITH(manager.update({}, {}), Contains("now holds package good_beta"));
  fs::remove(fixture.packages / "alpha.tar.gz");
  CHECK_THROWS_WITH(manager.update({}, {}), Contains("HTTP 404"));
  CHECK_THAT(octobot::commons::read_text_file(fixture.root / "Evaluator/TA/good_alpha/metadata.json"),
             Contains("1.2.0"));
}
