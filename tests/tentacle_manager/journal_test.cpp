// The journal: applying it is safe to repeat from any point a crash can leave, and the next manager
// command finishes a change that was interrupted after its commit point.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/tentacle_manager/journal.hpp>

#include <fcntl.h>
#include <stdio.h>

#include "manager_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace octobot::tentacle_manager;

struct Scenario {
  octobot::testing::ManagerFixture fixture;
  TreeLayout layout{fixture.root};
  Journal journal;

  // The tree holds good_alpha "old"; staging holds a "new" copy replacing it and good_beta added.
  Scenario() {
    octobot::testing::FixtureTree(fixture.root).add_zoo_tentacle("good_alpha");
    octobot::commons::write_file_atomically(fixture.root / "Evaluator/TA/good_alpha/marker", "old");
    const fs::path staged_root = layout.staging_dir() / "change-test" / "package-0" / "tentacles";
    octobot::testing::FixtureTree staged(staged_root);
    staged.add_zoo_tentacle("good_alpha");
    octobot::commons::write_file_atomically(staged_root / "Evaluator/TA/good_alpha/marker", "new");
    staged.add_zoo_tentacle("good_beta");
    journal.transaction = "change-test";
    journal.description = "install test";
    const auto alpha = staged_root / "Evaluator/TA/good_alpha";
    const auto beta = staged_root / "Evaluator/TA/good_beta";
    journal.moves.push_back({FolderMove::Kind::replace, "Evaluator/TA/good_alpha", alpha.string(),
                             (layout.staging_dir() / "change-test/leaving/0").string(), inode_of(alpha),
                             inode_of(fixture.root / "Evaluator/TA/good_alpha")});
    journal.moves.push_back({FolderMove::Kind::add, "Evaluator/TA/good_beta", beta.string(), "", inode_of(beta), 0});
    journal.profile_folder = fixture.profile.string();
    journal.activation.learn["Evaluator"] = {"GoodAlphaEvaluator", "GoodBetaEvaluator"};
  }

  [[nodiscard]] std::string marker() const {
    return octobot::commons::read_text_file(fixture.root / "Evaluator/TA/good_alpha/marker");
  }
};

}  // namespace

TEST_CASE("a journal replaces and adds folders, updates the profile, then cleans up", "[journal]") {
  Scenario scenario;
  write_journal(scenario.layout, scenario.journal);
  const auto read = read_journal(scenario.layout);
  REQUIRE(read);
  CHECK(read->moves.size() == 2);
  CHECK(read->moves[0].target_inode == scenario.journal.moves[0].target_inode);

  const auto result = apply_journal(scenario.layout, *read);
  CHECK(scenario.marker() == "new");
  CHECK(fs::is_directory(scenario.fixture.root / "Evaluator/TA/good_beta"));
  CHECK_FALSE(fs::exists(scenario.layout.journal_file()));
  CHECK_FALSE(fs::exists(scenario.layout.staging_dir() / "change-test"));
  CHECK_THAT(scenario.fixture.activation(), Contains("GoodBetaEvaluator"));
  REQUIRE(result.notes.size() == 1);
  const auto states = scenario.fixture.host_states();
  CHECK(states.at("good_alpha") == "loaded");
  CHECK(states.at("good_beta") == "loaded");
}

TEST_CASE("a journal interrupted after its first swap is finished without swapping back", "[journal]") {
  Scenario scenario;
  write_journal(scenario.layout, scenario.journal);
  // What a crash right after the first rename leaves: the new folder in place, the old one where
  // the staged one was.
  const auto& move = scenario.journal.moves[0];
  REQUIRE(::renameat2(AT_FDCWD, move.staged.c_str(), AT_FDCWD, (scenario.fixture.root / move.target).c_str(),
                      RENAME_EXCHANGE) == 0);
  CHECK(scenario.marker() == "new");
  apply_journal(scenario.layout, *read_journal(scenario.layout));
  CHECK(scenario.marker() == "new");
  CHECK(fs::is_directory(scenario.fixture.root / "Evaluator/TA/good_beta"));
  // And once more, as if the crash had come after everything but the journal's removal.
  write_journal(scenario.layout, scenario.journal);
  apply_journal(scenario.layout, scenario.journal);
  CHECK(scenario.marker() == "new");
}

TEST_CASE("the next manager command finishes an interrupted change first", "[journal]") {
  Scenario scenario;
  write_journal(scenario.layout, scenario.journal);
  octobot::testing::FixtureTree(scenario.layout.staging_dir() / "change-stale-1234").add_zoo_tentacle("good_beta");
  const auto package = scenario.fixture.signed_package("good_beta", "beta.tar.gz");
  ChangeOptions force;
  force.force = true;  // good_beta arrives through the journal, owned by no package
  const auto report = scenario.fixture.manager().install({package.string()}, force);
  REQUIRE_FALSE(report.notes.empty());
  CHECK_THAT(report.notes[0], Contains("finished a change that was interrupted: install test"));
  CHECK(scenario.marker() == "new");
  CHECK_FALSE(fs::exists(scenario.layout.staging_dir() / "change-stale-1234"));
  CHECK(fs::is_empty(scenario.layout.staging_dir()));
}

TEST_CASE("a journal that does not match the tree is kept, not forced", "[journal]") {
  Scenario scenario;
  // Someone replaced the folder by hand after the journal was written.
  // (The old folder is kept elsewhere so that its inode number cannot be reused by the new one.)
  fs::rename(scenario.fixture.root / "Evaluator/TA/good_alpha", scenario.fixture.work / "kept_aside");
  fs::create_directories(scenario.fixture.root / "Evaluator/TA/good_alpha");
  write_journal(scenario.layout, scenario.journal);
  CHECK_THROWS_WITH(apply_journal(scenario.layout, scenario.journal), Contains("was changed by something else"));
  CHECK(fs::exists(scenario.layout.journal_file()));
}
