// The "config/1" service as tentacles see it, and the reference/profile resolution.
#include <catch2/catch.hpp>
#include <octobot/commons/json_error.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include "temp_dir.hpp"

using octobot::tentacles::config_service;
using octobot::tentacles::TentacleConfig;

namespace {

std::string error_of(ob_status status, const ob_error& error) {
  return status == OB_OK ? std::string("OK") : std::string(error.message);
}

}  // namespace

TEST_CASE("config/1 reads typed values by dot path and array index", "[config]") {
  const auto config = TentacleConfig::parse(
      R"({"period_length": 14, "ratio": 0.5, "enabled": true, "name": "rsi", "whole": 14.0,
          "thresholds": {"long": 30, "short": 70}, "pairs": ["BTC/USDT", "ETH/USDT"]})",
      "test");
  const auto* service = config_service();
  const ob_config* handle = config.handle();
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};

  int64_t integer = 0;
  CHECK(service->get_int64(handle, "period_length", &integer, &error) == OB_OK);
  CHECK(integer == 14);
  CHECK(service->get_int64(handle, "whole", &integer, &error) == OB_OK);  // 14.0 is an integer too
  CHECK(service->get_int64(handle, "thresholds.short", &integer, &error) == OB_OK);
  CHECK(integer == 70);
  double number = 0;
  CHECK(service->get_double(handle, "ratio", &number, &error) == OB_OK);
  CHECK(number == 0.5);
  int32_t flag = 0;
  CHECK(service->get_bool(handle, "enabled", &flag, &error) == OB_OK);
  CHECK(flag == 1);
  uint64_t size = 0;
  CHECK(service->get_array_size(handle, "pairs", &size, &error) == OB_OK);
  CHECK(size == 2);

  char buffer[4];
  uint64_t length = 0;
  CHECK(service->get_string(handle, "pairs[1]", buffer, sizeof(buffer), &length, &error) == OB_OK);
  CHECK(length == 8);                   // full length, so the caller can retry bigger
  CHECK(std::string(buffer) == "ETH");  // truncated, always terminated
  CHECK(service->has(handle, "thresholds.long") == 1);
  CHECK(service->has(handle, "thresholds.middle") == 0);
  CHECK(service->has(handle, "pairs[2]") == 0);
  CHECK(std::string(service->json(handle)).find("\"period_length\":14") != std::string::npos);

  ob_status status = service->get_int64(handle, "ratio", &integer, &error);
  CHECK(status == OB_ERROR_CONFIG);
  CHECK(error_of(status, error) == "expected an integer at 'ratio', found the number 0.5");
  status = service->get_bool(handle, "name", &flag, &error);
  CHECK(error_of(status, error) == "expected true or false at 'name', found the string \"rsi\"");
  status = service->get_double(handle, "nope.deeper", &number, &error);
  CHECK(status == OB_ERROR_NOT_FOUND);
  CHECK(error_of(status, error) == "no configuration value at 'nope.deeper'");
}

TEST_CASE("the profile's specific config wins over the reference, key by key", "[config]") {
  octobot::testing::TempDir dir;
  dir.write("tentacle/config/RSIMomentumEvaluator.json",
            R"({"period_length": 14, "long_threshold": 30, "nested": {"a": 1, "b": 2}, "new_key": "default"})");
  dir.write("profile/specific_config/RSIMomentumEvaluator.json",
            R"({"period_length": 21, "nested": {"b": 3}, "profile_only": true})");
  const auto merged = TentacleConfig::resolve(dir / "tentacle", "RSIMomentumEvaluator", dir / "profile");
  CHECK(merged.json() ==
        R"({"period_length":21,"long_threshold":30,"nested":{"a":1,"b":3},"new_key":"default","profile_only":true})");

  const auto reference_only = TentacleConfig::resolve(dir / "tentacle", "RSIMomentumEvaluator", std::nullopt);
  CHECK(reference_only.json() ==
        R"({"period_length":14,"long_threshold":30,"nested":{"a":1,"b":2},"new_key":"default"})");

  const auto nothing = TentacleConfig::resolve(dir / "tentacle", "OtherEvaluator", dir / "profile");
  CHECK(nothing.json() == "{}");

  dir.write("profile/specific_config/Broken.json", "[1, 2]");
  CHECK_THROWS_AS(TentacleConfig::resolve(dir / "tentacle", "Broken", dir / "profile"), octobot::commons::JsonError);
}

TEST_CASE("the tentacle's config schema checks the merged configuration", "[config]") {
  octobot::testing::TempDir dir;
  dir.write("tentacle/config/RSIMomentumEvaluator.json", R"({"period_length": 14})");
  dir.write("tentacle/config/RSIMomentumEvaluator_schema.json",
            R"({"type": "object", "properties": {"period_length": {"type": "integer", "minimum": 2}}})");
  CHECK_NOTHROW(TentacleConfig::resolve(dir / "tentacle", "RSIMomentumEvaluator", std::nullopt));
  dir.write("profile/specific_config/RSIMomentumEvaluator.json", R"({"period_length": 1})");
  try {
    (void)TentacleConfig::resolve(dir / "tentacle", "RSIMomentumEvaluator", dir / "profile");
    FAIL("expected a JsonError");
  } catch (const octobot::commons::JsonError& e) {
    CHECK_THAT(e.file(), Catch::EndsWith("profile/specific_config/RSIMomentumEvaluator.json"));
    CHECK(e.json_path() == "/period_length");
    CHECK(e.expected() == "a number >= 2");
    CHECK(e.found() == "the number 1");
  }
}
