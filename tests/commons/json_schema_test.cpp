#include <catch2/catch.hpp>
#include <octobot/commons/json_rapidjson.hpp>

using octobot::commons::JsonError;
using octobot::commons::JsonSchema;
using octobot::commons::parse_json;

namespace {

const char* const kSchema = R"({
  "type": "object",
  "required": ["name", "risk"],
  "additionalProperties": false,
  "properties": {
    "name": {"type": "string", "minLength": 1},
    "risk": {"type": "number", "minimum": 0, "maximum": 1},
    "mode": {"enum": ["neutral", "mountain"]},
    "pairs": {"type": "array", "items": {"type": "string"}}
  }
})";

JsonError violation(const std::string& json) {
  static const JsonSchema schema(kSchema);
  const auto document = parse_json(json, "config.json");
  auto error = schema.validate(document, "config.json");
  REQUIRE(error);
  return *error;
}

}  // namespace

TEST_CASE("schema violations say where, what was expected and what was found", "[json]") {
  auto error = violation(R"({"name": "x"})");
  CHECK(error.json_path() == "");
  CHECK(error.expected() == "an object with the required member(s) \"risk\"");
  CHECK(error.found() == "an object without \"risk\"");

  error = violation(R"({"name": "x", "risk": 2})");
  CHECK(error.json_path() == "/risk");
  CHECK(error.expected() == "a number <= 1");
  CHECK(error.found() == "the number 2");

  error = violation(R"({"name": "x", "risk": 0.5, "mode": "valley"})");
  CHECK(error.json_path() == "/mode");
  CHECK(error.expected() == "one of \"neutral\", \"mountain\"");

  error = violation(R"({"name": "x", "risk": 0.5, "pairs": ["BTC/USDT", 3]})");
  CHECK(error.json_path() == "/pairs/1");
  CHECK(error.expected() == "a string");
  CHECK(error.found() == "the number 3");

  error = violation(R"({"name": "x", "risk": 0.5, "colour": "blue"})");
  CHECK(error.found() == "unknown member(s) \"colour\"");
  CHECK(std::string(error.what()) ==
        "config.json: at document root: expected only the members \"mode\", \"name\", \"pairs\", \"risk\", found "
        "unknown member(s) \"colour\"");
}

TEST_CASE("a valid document has no violation", "[json]") {
  const JsonSchema schema(kSchema);
  CHECK_FALSE(schema.validate(parse_json(R"({"name": "x", "risk": 0})", "ok.json"), "ok.json"));
}

TEST_CASE("syntax errors give line and column", "[json]") {
  try {
    (void)parse_json("{\n  \"a\": 1,\n  \"b\": }\n", "broken.json");
    FAIL("expected a JsonError");
  } catch (const JsonError& e) {
    CHECK(e.file() == "broken.json");
    CHECK(e.json_path() == "line 3, column 8");
    CHECK(e.expected() == "valid JSON");
    CHECK_THAT(e.found(), Catch::StartsWith("a syntax error: "));
  }
}
