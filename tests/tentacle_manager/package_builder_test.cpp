// package: what goes into a package, where, with which checksums; what cannot be packaged and why.
#include <catch2/catch.hpp>
#include <octobot/abi.h>
#include <octobot/commons/files.hpp>
#include <octobot/commons/sha256.hpp>
#include <octobot/tentacle_manager/archive.hpp>
#include <octobot/tentacle_manager/package_builder.hpp>
#include <octobot/tentacle_manager/package_reader.hpp>

#include "package_fixtures.hpp"
#include "temp_dir.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using namespace octobot::tentacle_manager;

}  // namespace

TEST_CASE("a tree packages every tentacle at its path, metadata completed with the library sha256", "[package]") {
  octobot::testing::TempDir dir;
  octobot::testing::FixtureTree tree(dir / "build/tentacles");
  tree.add_zoo_tentacle("good_alpha");
  tree.add_zoo_tentacle("good_beta");
  PackageSpec spec;
  spec.inputs = {tree.root()};
  CHECK_THROWS_WITH(stage_package(spec, dir / "s0"), Contains("give it a name with --name NAME"));
  spec.name = "zoo-pack";
  const auto manifest = stage_package(spec, dir / "stage");
  CHECK(manifest.name == "zoo-pack");
  CHECK(manifest.version == "1.0.0");
  CHECK(manifest.abi_version == (std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR)));
  REQUIRE(manifest.tentacles.size() == 2);
  CHECK(manifest.tentacles[0].path == "Evaluator/TA/good_alpha");
  CHECK(manifest.tentacles[1].classes == std::vector<std::string>{"GoodBetaEvaluator"});
  const auto library = dir / "stage/tentacles/Evaluator/TA/good_alpha/libzoo_good_alpha.so";
  CHECK_THAT(octobot::commons::read_text_file(dir / "stage/tentacles/Evaluator/TA/good_alpha/metadata.json"),
             Contains(octobot::commons::sha256_file_hex(library)));
  CHECK(std::any_of(manifest.files.begin(), manifest.files.end(), [](const ManifestFile& file) {
    return file.path == "tentacles/Evaluator/TA/good_alpha/config/GoodAlphaEvaluator.json";
  }));

  const auto pair = generate_ed25519_key_pair();
  const auto key = Ed25519PrivateKey::from_pem(pair.private_pem, "k");
  write_package(dir / "stage", dir / "zoo-pack.tar.gz", &key);
  const auto files = extract_archive(dir / "zoo-pack.tar.gz", dir / "unpacked", {});
  CHECK(files.front() == "manifest.json");
  CHECK(std::find(files.begin(), files.end(), "manifest.sig") != files.end());
  const std::vector<Ed25519PublicKey> trusted = {Ed25519PublicKey::from_pem(pair.public_pem, "k")};
  const auto opened = open_package(dir / "unpacked", {&trusted, false});
  CHECK(opened.signature.signed_by == key.key_id());
  CHECK_THROWS_WITH(write_package(dir / "stage", dir / "zoo-pack.rar", &key),
                    Contains("expected a name ending in .tar.gz"));
}

TEST_CASE("a single tentacle folder goes where its own path says", "[package]") {
  octobot::testing::TempDir dir;
  octobot::testing::FixtureTree tree(dir / "t");
  const auto folder = tree.add_zoo_tentacle("good_alpha", "Trading/Mode/good_alpha");
  PackageSpec spec;
  spec.inputs = {folder};
  const auto manifest = stage_package(spec, dir / "stage");
  CHECK(manifest.name == "good_alpha");
  CHECK(manifest.tentacles.at(0).path == "Trading/Mode/good_alpha");

  const auto lost = tree.add_zoo_tentacle("good_beta", "somewhere/else/good_beta");
  spec.inputs = {lost};
  CHECK_THROWS_WITH(stage_package(spec, dir / "stage2"), Contains("cannot tell where"));
}

TEST_CASE("what the host would refuse cannot be packaged", "[package]") {
  octobot::testing::TempDir dir;
  octobot::testing::FixtureTree tree(dir / "t");
  PackageSpec spec;
  spec.inputs = {tree.root()};
  CHECK_THROWS_WITH(stage_package(spec, dir / "s1"), Contains("no tentacle in"));
  tree.add_zoo_tentacle("library_missing");
  tree.add_zoo_tentacle("abi_major");
  const auto message = [&] {
    try {
      stage_package(spec, dir / "s2");
    } catch (const PackageError& e) {
      return std::string(e.what());
    }
    return std::string("packaged");
  }();
  CHECK_THAT(message, Contains("built for tentacle ABI 2.0"));
  CHECK_THAT(message, Contains("is missing"));
  CHECK_THAT(message, Contains("(build it first)"));

  octobot::testing::FixtureTree linked(dir / "l");
  const auto folder = linked.add_zoo_tentacle("good_alpha");
  fs::create_symlink("/etc/passwd", folder / "config/evil.json");
  spec.inputs = {linked.root()};
  CHECK_THROWS_WITH(stage_package(spec, dir / "s3"), Contains("a symbolic link"));
}
