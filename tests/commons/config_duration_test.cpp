#include <catch2/catch.hpp>
#include <octobot/commons/config_duration.hpp>

#include <stdexcept>
#include <string>

#include "temp_dir.hpp"

using octobot::commons::seconds_setting;
using octobot::commons::UserConfig;

TEST_CASE("a duration setting in seconds reads as milliseconds, absent as nullopt", "[config_duration]") {
  octobot::testing::TempDir dir;
  UserConfig config = UserConfig::open(dir.path());
  CHECK(seconds_setting(config, "a.interval_seconds", 1) == std::nullopt);
  config.set("a.interval_seconds", "2.5");
  CHECK(seconds_setting(config, "a.interval_seconds", 1) == std::chrono::milliseconds(2500));
  config.set("a.interval_seconds", "0.0004");  // rounded to the nearest millisecond
  CHECK(seconds_setting(config, "a.interval_seconds", 0) == std::chrono::milliseconds(0));
}

TEST_CASE("a duration setting out of range or not a number is refused, naming it", "[config_duration]") {
  octobot::testing::TempDir dir;
  UserConfig config = UserConfig::open(dir.path());
  const auto refusal = [&](const std::string& value, std::optional<double> maximum) -> std::string {
    config.set("a.interval_seconds", value);
    try {
      (void)seconds_setting(config, "a.interval_seconds", 1, maximum);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "";
  };
  CHECK(refusal("0.5", std::nullopt) == "config.json a.interval_seconds is 0.5: expected a number of seconds >= 1");
  CHECK(refusal("\"soon\"", std::nullopt) ==
        "config.json a.interval_seconds is \"soon\": expected a number of seconds >= 1");
  CHECK(refusal("61", 60.0) == "config.json a.interval_seconds is 61: expected a number of seconds >= 1 (at most 60)");
  CHECK(refusal("60", 60.0) == "");
  // Without a maximum, a count of milliseconds that would not fit is refused all the same.
  CHECK(refusal("1e300", std::nullopt) != "");
}
