#include <catch2/catch.hpp>
#include <octobot/tentacles/discovery.hpp>

#include "temp_dir.hpp"

using octobot::tentacles::discover_tentacle_folders;

TEST_CASE("discovery finds metadata.json up to three levels deep, sorted, and ignores deeper ones", "[discovery]") {
  octobot::testing::TempDir root;
  root.write("Evaluator/TA/zeta/metadata.json", "{}");
  root.write("Evaluator/TA/alpha/metadata.json", "{}");
  root.write("Trading/Mode/daily/metadata.json", "{}");
  root.write("shallow/metadata.json", "{}");                           // one level: fine
  root.write("Evaluator/TA/alpha/config/nested/metadata.json", "{}");  // inside a tentacle: not a tentacle
  root.write("a/b/c/too_deep/metadata.json", "{}");                    // four levels
  root.write("a/b/c/d/e/way_too_deep/metadata.json", "{}");            // not even looked at
  root.write("Evaluator/TA/no_metadata/readme.txt", "");

  const auto found = discover_tentacle_folders(root.path());
  REQUIRE(found.tentacles.size() == 4);
  CHECK(found.tentacles[0] == root / "Evaluator/TA/alpha");
  CHECK(found.tentacles[1] == root / "Evaluator/TA/zeta");
  CHECK(found.tentacles[2] == root / "Trading/Mode/daily");
  CHECK(found.tentacles[3] == root / "shallow");
  REQUIRE(found.too_deep.size() == 1);
  CHECK(found.too_deep[0] == root / "a/b/c/too_deep");
  CHECK(found.errors.empty());
}

TEST_CASE("discovery of a missing root is an error that names it", "[discovery]") {
  octobot::testing::TempDir root;
  CHECK_THROWS_WITH(discover_tentacle_folders(root / "nope"),
                    Catch::Contains("nope") && Catch::Contains("not a directory"));
}
