#include <catch2/catch.hpp>
#include <octobot/abi.h>
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacles/compatibility.hpp>

#include "temp_dir.hpp"

using namespace octobot::tentacles;

TEST_CASE("ABI: same major and a minor no newer than the host's", "[compatibility]") {
  CHECK_FALSE(check_abi({OB_ABI_MAJOR, OB_ABI_MINOR}));
  CHECK_FALSE(check_abi({OB_ABI_MAJOR, 0}));
  CHECK_THAT(*check_abi({OB_ABI_MAJOR + 1, 0}), Catch::Contains("major versions must match"));
  CHECK_THAT(*check_abi({OB_ABI_MAJOR, OB_ABI_MINOR + 1}), Catch::Contains("update the host"));
}

TEST_CASE("minimum versions apply to their origin package only", "[compatibility]") {
  TentacleMetadata metadata;
  metadata.origin_package = "Pkg";
  metadata.version = *Version::parse("1.4.0");
  CHECK_FALSE(check_minimum_version(metadata, {}));
  CHECK_FALSE(check_minimum_version(metadata, {{"Pkg", *Version::parse("1.4.0")}}));
  CHECK_FALSE(check_minimum_version(metadata, {{"Other", *Version::parse("9.0.0")}}));
  CHECK_THAT(*check_minimum_version(metadata, {{"Pkg", *Version::parse("1.5.0")}}),
             Catch::Contains("below the minimum 1.5.0"));
}

TEST_CASE("library file checks: platform, presence, sha256, ELF magic", "[compatibility]") {
  octobot::testing::TempDir dir;
  TentacleMetadata metadata;
  metadata.folder = dir.path();
  std::filesystem::path library;

  metadata.libraries["plan9-mips"] = {"lib.so", std::nullopt};
  CHECK_THAT(*check_library_file(metadata, library), Catch::Contains("no library for this platform"));

  metadata.libraries[current_platform()] = {"lib.so", std::nullopt};
  CHECK_THAT(*check_library_file(metadata, library), Catch::Contains("is missing"));

  const std::string elf_bytes = std::string(
                                    "\x7f"
                                    "ELF",
                                    4) +
                                "rest of a fake shared object";
  dir.write("lib.so", elf_bytes);
  CHECK_FALSE(check_library_file(metadata, library));
  CHECK(library == dir / "lib.so");

  metadata.libraries[current_platform()].sha256 = octobot::commons::sha256_hex(elf_bytes);
  CHECK_FALSE(check_library_file(metadata, library));
  metadata.libraries[current_platform()].sha256 = std::string(64, '0');
  CHECK_THAT(*check_library_file(metadata, library), Catch::Contains("corrupted or was replaced"));

  metadata.libraries[current_platform()] = {"text.so", std::nullopt};
  dir.write("text.so", "hello");
  CHECK_THAT(*check_library_file(metadata, library), Catch::Contains("first bytes: 68 65 6c 6c"));
}
