// The profile follows the tree: new classes inactive, removed classes gone, the user's choices and
// unknown keys kept, read-only profiles and broken files left alone.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/json_rapidjson.hpp>
#include <octobot/tentacle_manager/profile_activation.hpp>

#include "temp_dir.hpp"

namespace {

using Catch::Matchers::Contains;
using octobot::tentacle_manager::ActivationChange;
using octobot::tentacle_manager::update_profile_activation;

}  // namespace

TEST_CASE("tentacles_config.json is created, learns inactive classes and keeps existing choices", "[profile]") {
  octobot::testing::TempDir dir;
  dir.write("p/profile.json", R"({"profile": {"id": "p", "name": "P"}, "config": {}})");
  ActivationChange change;
  change.learn["Evaluator"] = {"NewEvaluator"};
  change.learn["Trading"] = {"NewMode"};
  CHECK_THAT(update_profile_activation(dir / "p", change), Contains("learned NewEvaluator, NewMode (inactive"));
  auto document = octobot::commons::parse_json_file(dir / "p/tentacles_config.json");
  CHECK(document["tentacle_activation"]["Evaluator"]["NewEvaluator"].GetBool() == false);
  CHECK(document["tentacle_activation"]["Trading"]["NewMode"].GetBool() == false);

  dir.write("p/tentacles_config.json",
            R"({"tentacle_activation": {"Evaluator": {"NewEvaluator": true, "Other": false}}, "comment": "mine"})");
  change.learn = {{"Evaluator", {"NewEvaluator", "Third"}}};
  update_profile_activation(dir / "p", change);
  document = octobot::commons::parse_json_file(dir / "p/tentacles_config.json");
  CHECK(document["tentacle_activation"]["Evaluator"]["NewEvaluator"].GetBool() == true);
  CHECK(document["tentacle_activation"]["Evaluator"]["Third"].GetBool() == false);
  CHECK(std::string(document["comment"].GetString()) == "mine");
  CHECK_THAT(update_profile_activation(dir / "p", change), Contains("already up to date"));
}

TEST_CASE("removed classes are forgotten from every section, empty sections with them", "[profile]") {
  octobot::testing::TempDir dir;
  dir.write("p/profile.json", R"({"profile": {"id": "p", "name": "P"}, "config": {}})");
  dir.write("p/tentacles_config.json",
            R"({"tentacle_activation": {"Evaluator": {"Gone": true, "Stays": true}, "Trading": {"GoneMode": false}}})");
  dir.write("p/specific_config/Gone.json", R"({"period": 3})");
  ActivationChange change;
  change.forget = {"Gone", "GoneMode"};
  CHECK_THAT(update_profile_activation(dir / "p", change), Contains("forgot Gone, GoneMode"));
  const auto document = octobot::commons::parse_json_file(dir / "p/tentacles_config.json");
  CHECK_FALSE(document["tentacle_activation"]["Evaluator"].HasMember("Gone"));
  CHECK(document["tentacle_activation"]["Evaluator"]["Stays"].GetBool());
  CHECK_FALSE(document["tentacle_activation"].HasMember("Trading"));
  // The user's override is theirs: a reinstall would use it again.
  CHECK(std::filesystem::exists(dir / "p/specific_config/Gone.json"));
}

TEST_CASE("read-only profiles and invalid files are left alone", "[profile]") {
  octobot::testing::TempDir dir;
  ActivationChange change;
  change.learn["Evaluator"] = {"NewEvaluator"};
  dir.write("ro/profile.json", R"({"profile": {"id": "ro", "name": "RO", "read_only": true}, "config": {}})");
  CHECK_THAT(update_profile_activation(dir / "ro", change), Contains("is read-only"));
  CHECK_FALSE(std::filesystem::exists(dir / "ro/tentacles_config.json"));

  dir.write("bad/profile.json", R"({"profile": {"id": "bad", "name": "Bad"}, "config": {}})");
  dir.write("bad/tentacles_config.json", R"({"tentacle_activation": {"Evaluator": {"X": "yes"}}})");
  CHECK_THROWS_WITH(update_profile_activation(dir / "bad", change), Contains("expected a boolean"));
  CHECK(octobot::commons::read_text_file(dir / "bad/tentacles_config.json") ==
        R"({"tentacle_activation": {"Evaluator": {"X": "yes"}}})");
}
