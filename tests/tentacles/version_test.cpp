#include <catch2/catch.hpp>
#include <octobot/tentacles/version.hpp>

using octobot::tentacles::Version;

TEST_CASE("versions parse MAJOR.MINOR.PATCH with an optional suffix", "[version]") {
  const auto version = Version::parse("1.12.3");
  REQUIRE(version);
  CHECK(version->major == 1);
  CHECK(version->minor == 12);
  CHECK(version->patch == 3);
  CHECK(version->to_string() == "1.12.3");
  CHECK(Version::parse("2.0.0-rc1")->suffix == "-rc1");
  for (const char* bad : {"", "1", "1.2", "1.2.x", "a.b.c", "1.2.3rc", "-1.2.3", "1..3"}) {
    INFO(bad);
    CHECK_FALSE(Version::parse(bad));
  }
}

TEST_CASE("versions order numerically, pre-releases before releases", "[version]") {
  CHECK(*Version::parse("1.10.0") > *Version::parse("1.9.9"));
  CHECK(*Version::parse("2.0.0") > *Version::parse("1.99.99"));
  CHECK(*Version::parse("1.0.0-rc1") < *Version::parse("1.0.0"));
  CHECK(*Version::parse("1.0.0+build7") == *Version::parse("1.0.0"));
  CHECK(*Version::parse("1.0.0-alpha") < *Version::parse("1.0.0-beta"));
}
