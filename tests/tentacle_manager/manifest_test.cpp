// manifest.json: the schema, and the rules a schema cannot say (safe paths, files inside the listed
// tentacles, names matching paths), each error naming the JSON path.
#include <catch2/catch.hpp>
#include <octobot/commons/json_error.hpp>
#include <octobot/tentacle_manager/manifest.hpp>

namespace {

using Catch::Matchers::Contains;
using namespace octobot::tentacle_manager;

PackageManifest sample() {
  PackageManifest manifest;
  manifest.name = "my_evaluator";
  manifest.version = "1.2.0";
  manifest.platform = "linux-x86_64";
  manifest.abi_version = "1.0";
  manifest.created_by = "octobot-tentacles test";
  manifest.tentacles = {{"Evaluator/TA/my_evaluator", "my_evaluator", "1.2.0", {"MyEvaluator"}, {"good_alpha==1.0.0"}}};
  manifest.files = {{"tentacles/Evaluator/TA/my_evaluator/metadata.json", 120, std::string(64, 'a')},
                    {"tentacles/Evaluator/TA/my_evaluator/libmy_evaluator.so", 9000, std::string(64, 'b')}};
  return manifest;
}

std::string error_of(const PackageManifest& manifest) {
  try {
    (void)parse_manifest(format_manifest(manifest), "manifest.json");
  } catch (const octobot::commons::JsonError& e) {
    return e.what();
  }
  return "valid";
}

}  // namespace

TEST_CASE("a manifest round-trips through its JSON text", "[manifest]") {
  const auto manifest = sample();
  const auto parsed = parse_manifest(format_manifest(manifest), "manifest.json");
  CHECK(parsed.name == "my_evaluator");
  CHECK(parsed.version == "1.2.0");
  CHECK(parsed.abi_version == "1.0");
  REQUIRE(parsed.tentacles.size() == 1);
  CHECK(parsed.tentacles[0].type() == "Evaluator");
  CHECK(parsed.tentacles[0].requirements == std::vector<std::string>{"good_alpha==1.0.0"});
  REQUIRE(parsed.files.size() == 2);
  CHECK(parsed.files[1].size == 9000);
  CHECK(format_manifest(parsed) == format_manifest(manifest));
}

TEST_CASE("manifest errors name the JSON path, what was expected and what was found", "[manifest]") {
  auto manifest = sample();
  manifest.files[0].path = "tentacles/../../etc/passwd";
  CHECK_THAT(error_of(manifest), Contains("/files/0/path"));
  CHECK_THAT(error_of(manifest), Contains("a \"..\" component"));

  manifest = sample();
  manifest.files[1].path = "tentacles/Evaluator/TA/other/lib.so";
  CHECK_THAT(error_of(manifest), Contains("a file inside one of the package's tentacle folders"));

  manifest = sample();
  manifest.tentacles[0].name = "something_else";
  CHECK_THAT(error_of(manifest), Contains("/tentacles/0/name"));

  manifest = sample();
  manifest.tentacles[0].path = "my_evaluator";  // not <Type>/<SubType>/<folder>
  CHECK_THAT(error_of(manifest), Contains("/tentacles/0/path"));

  manifest = sample();
  manifest.files.erase(manifest.files.begin());
  CHECK_THAT(error_of(manifest), Contains("an entry for tentacles/Evaluator/TA/my_evaluator/metadata.json"));

  manifest = sample();
  manifest.files[1].sha256 = "XYZ";
  CHECK_THAT(error_of(manifest), Contains("/files/1/sha256"));

  manifest = sample();
  manifest.files.push_back(manifest.files[0]);
  CHECK_THAT(error_of(manifest), Contains("each file once"));

  CHECK_THROWS_WITH(parse_manifest(R"({"format": 2})", "manifest.json"), Contains("manifest.json"));
  CHECK_THROWS_WITH(parse_manifest("{", "manifest.json"), Contains("line 1"));
}
