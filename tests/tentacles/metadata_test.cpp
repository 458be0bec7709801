#include <catch2/catch.hpp>
#include <octobot/commons/json_error.hpp>
#include <octobot/tentacles/metadata.hpp>

#include "temp_dir.hpp"

using octobot::commons::JsonError;
using octobot::tentacles::read_metadata;

namespace {

std::string with(const std::string& extra) {
  return R"({"version": "1.2.0", "origin_package": "Pkg", "tentacles": ["AEvaluator", "BEvaluator"],
             "tentacles-requirements": ["other", "pinned==1.0.0"], "abi_version": "1.0",
             "libraries": {"linux-x86_64": {"file": "liba.so", "sha256": ")" +
         std::string(64, 'a') + R"("}}, "unknown_key": true)" + extra + "}";
}

}  // namespace

TEST_CASE("metadata.json is read with OctoBot's fields and the native ones", "[metadata]") {
  octobot::testing::TempDir dir;
  dir.write("my_tentacle/metadata.json", with(""));
  const auto metadata = read_metadata(dir / "my_tentacle");
  CHECK(metadata.name == "my_tentacle");
  CHECK(metadata.version.to_string() == "1.2.0");
  CHECK(metadata.origin_package == "Pkg");
  CHECK(metadata.classes == std::vector<std::string>{"AEvaluator", "BEvaluator"});
  REQUIRE(metadata.requirements.size() == 2);
  CHECK(metadata.requirements[0].name == "other");
  CHECK_FALSE(metadata.requirements[0].pinned_version);
  CHECK(metadata.requirements[1].to_string() == "pinned==1.0.0");
  CHECK(metadata.abi.major == 1);
  CHECK(metadata.abi.minor == 0);
  REQUIRE(metadata.library_for("linux-x86_64") != nullptr);
  CHECK(metadata.library_for("linux-x86_64")->file == "liba.so");
  CHECK(metadata.library_for("linux-x86_64")->sha256 == std::string(64, 'a'));
  CHECK(metadata.library_for("darwin-arm64") == nullptr);
}

TEST_CASE("metadata errors name the file, the JSON path, what was expected and what was found", "[metadata]") {
  octobot::testing::TempDir dir;
  struct Case {
    std::string json;
    std::string path;
    std::string expected_part;
    std::string found_part;
  };
  const std::vector<Case> cases = {
      {R"({"version": "1.0.0"})", "", "required member(s)", "\"origin_package\""},
      {R"({"version": "one", "origin_package": "P", "tentacles": ["A"], "tentacles-requirements": [],
           "abi_version": "1.0", "libraries": {"linux-x86_64": {"file": "a.so"}}})",
       "/version", "pattern", "\"one\""},
      {R"({"version": "1.0.0", "origin_package": "P", "tentacles": [], "tentacles-requirements": [],
           "abi_version": "1.0", "libraries": {"linux-x86_64": {"file": "a.so"}}})",
       "/tentacles", "at least 1 item", "array of 0"},
      {R"({"version": "1.0.0", "origin_package": "P", "tentacles": ["A"], "tentacles-requirements": [],
           "abi_version": "1.0", "libraries": {"linux-x86_64": {"file": "../escape.so"}}})",
       "/libraries/linux-x86_64/file", "pattern", "../escape.so"},
      {R"({"version": "1.0.0", "origin_package": "P", "tentacles": ["A"], "tentacles-requirements": [],
           "abi_version": 1, "libraries": {"linux-x86_64": {"file": "a.so"}}})",
       "/abi_version", "a string", "the number 1"},
  };
  for (const auto& test : cases) {
    dir.write("t/metadata.json", test.json);
    INFO(test.json);
    try {
      (void)read_metadata(dir / "t");
      FAIL("expected a JsonError");
    } catch (const JsonError& e) {
      CHECK_THAT(e.file(), Catch::EndsWith("t/metadata.json"));
      CHECK(e.json_path() == test.path);
      CHECK_THAT(e.expected(), Catch::Contains(test.expected_part));
      CHECK_THAT(e.found(), Catch::Contains(test.found_part));
    }
  }
}

TEST_CASE("malformed metadata.json reports line and column", "[metadata]") {
  octobot::testing::TempDir dir;
  dir.write("t/metadata.json", "{\n  \"version\": \"1.0.0\",\n  oops\n}");
  try {
    (void)read_metadata(dir / "t");
    FAIL("expected a JsonError");
  } catch (const JsonError& e) {
    CHECK(e.json_path() == "line 3, column 3");
    CHECK_THAT(e.found(), Catch::Contains("syntax error"));
  }
}
