// install: real packages of real zoo libraries, through every refusal the issue names. A refused
// install never changes the tree, the records or the profile, and leaves no staging behind.
#include <catch2/catch.hpp>
#include <octobot/abi.h>
#include <octobot/commons/files.hpp>
#include <octobot/tentacle_manager/journal.hpp>
#include <octobot/tentacle_manager/manager.hpp>
#include <octobot/tentacles/tree_lock.hpp>

#include <thread>

#include "loopback_http_server.hpp"
#include "manager_fixture.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using octobot::tentacle_manager::ChangeOptions;
using octobot::tentacle_manager::ManagerError;
using octobot::tentacle_manager::PackageChange;
using octobot::testing::ManagerFixture;

std::string install_error(ManagerFixture& fixture, const std::vector<std::string>& sources,
                          const ChangeOptions& options = {}) {
  try {
    fixture.manager().install(sources, options);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "installed";
}

// Everything in the tree but the lock file: what a refused change must leave exactly as it was.
std::vector<std::string> tree_listing(const fs::path& root) {
  std::vector<std::string> listing;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const auto relative = fs::relative(entry.path(), root).generic_string();
    if (relative == ".octobot-tentacles.lock") continue;
    listing.push_back(relative + (entry.is_regular_file() ? ":" + octobot::commons::read_text_file(entry.path()) : ""));
  }
  std::sort(listing.begin(), listing.end());
  return listing;
}

void require_refused_without_trace(ManagerFixture& fixture, const std::vector<std::string>& sources,
                                   const std::string& reason, const ChangeOptions& options = {}) {
  const auto before = tree_listing(fixture.root);
  const auto profile_before = fixture.activation();
  const auto message = install_error(fixture, sources, options);
  INFO(message);
  CHECK_THAT(message, Contains(reason));
  // Staging may remain as an empty folder; nothing of the refused package does.
  auto after = tree_listing(fixture.root);
  after.erase(std::remove_if(after.begin(), after.end(),
                             [](const std::string& line) {
                               return line == ".octobot-tentacles" || line == ".octobot-tentacles/staging";
                             }),
              after.end());
  auto expected = before;
  expected.erase(std::remove_if(expected.begin(), expected.end(),
                                [](const std::string& line) {
                                  return line == ".octobot-tentacles" || line == ".octobot-tentacles/staging";
                                }),
                 expected.end());
  CHECK(after == expected);
  CHECK(fixture.activation() == profile_before);
}

// Unpacks a package, lets `edit` change it, and packs it again (same name).
fs::path tamper(ManagerFixture& fixture, const fs::path& package, const std::function<void(const fs::path&)>& edit) {
  const fs::path folder = fixture.work / ("tamper-" + package.filename().string());
  octobot::testing::unpack_raw(package, folder);
  edit(folder);
  const fs::path out = package.parent_path() / ("tampered-" + package.filename().string());
  octobot::testing::repack_raw(folder, out);
  return out;
}

}  // namespace

TEST_CASE("a signed package installs: the host loads it, the profile learns its class", "[install]") {
  ManagerFixture fixture;
  const auto package = fixture.signed_package("good_alpha", "good_alpha.tar.gz");
  const auto report = fixture.manager().install({package.string()}, {});
  REQUIRE(report.packages.size() == 1);
  CHECK(report.packages[0].action == PackageChange::Action::installed);
  CHECK(report.packages[0].package == "good_alpha");
  CHECK_THAT(report.packages[0].signature, Contains("signed by trusted key"));
  CHECK(report.packages[0].tentacles == std::vector<std::string>{"Evaluator/TA/good_alpha"});
  CHECK(fs::is_regular_file(fixture.root / "Evaluator/TA/good_alpha/libzoo_good_alpha.so"));
  CHECK(fs::is_regular_file(fixture.root / "Evaluator/TA/good_alpha/config/GoodAlphaEvaluator.json"));
  CHECK(fixture.host_states()["good_alpha"] == "loaded");
  CHECK_THAT(fixture.activation(), Contains("\"GoodAlphaEvaluator\": false"));
  REQUIRE(report.notes.size() == 1);
  CHECK_THAT(report.notes[0], Contains("learned GoodAlphaEvaluator (inactive"));
  const octobot::tentacle_manager::TreeLayout layout{fixture.root};
  CHECK(fs::is_regular_file(layout.package_record("good_alpha")));
  CHECK_FALSE(fs::exists(layout.journal_file()));
  CHECK(fs::is_empty(layout.staging_dir()));
}

TEST_CASE("zip packages and folders install too; a folder without manifest is unsigned", "[install]") {
  ManagerFixture fixture;
  const auto key = fixture.signing_key();
  const auto folder = fixture.sources.add_zoo_tentacle("good_beta");
  const auto zip = octobot::testing::make_package({folder}, fixture.packages / "beta.zip", &key);
  CHECK(fixture.manager().install({zip.string()}, {}).packages[0].action == PackageChange::Action::installed);
  CHECK(fixture.host_states()["good_beta"] == "loaded");

  fixture.sources.add_zoo_tentacle("good_alpha");
  require_refused_without_trace(fixture, {(fixture.sources.root() / "Evaluator/TA/good_alpha").string()},
                                "the package is unsigned");
  ChangeOptions allow;
  allow.allow_unsigned = true;
  const auto report = fixture.manager().install({(fixture.sources.root() / "Evaluator/TA/good_alpha").string()}, allow);
  CHECK_THAT(report.packages[0].signature, Contains("unsigned"));
  CHECK(fixture.host_states()["good_alpha"] == "loaded");
}

TEST_CASE("a package installs from a loopback HTTP server", "[install]") {
  ManagerFixture fixture;
  fixture.signed_package("good_alpha", "good_alpha.tar.gz");
  octobot::testing::LoopbackHttpServer server(fixture.packages);
  fixture.manager().install({server.url("good_alpha.tar.gz")}, {});
  CHECK(fixture.host_states()["good_alpha"] == "loaded");
  const auto record = octobot::tentacle_manager::find_installed_package({fixture.root}, "good_alpha");
  REQUIRE(record);
  CHECK(record->source == server.url("good_alpha.tar.gz"));
  require_refused_without_trace(fixture, {server.url("nope.tar.gz")}, "HTTP 404 Not Found");
}

TEST_CASE("same version: nothing to do unless --force; newer: upgrade keeping the user's choices", "[install]") {
  ManagerFixture fixture;
  const auto v1 = fixture.signed_package("good_alpha", "alpha-1.0.0.tar.gz", "1.0.0");
  const auto v2 = fixture.signed_package("good_alpha", "alpha-1.1.0.tar.gz", "1.1.0");
  fixture.manager().install({v1.string()}, {});
  CHECK(fixture.manager().install({v1.string()}, {}).packages[0].action == PackageChange::Action::unchanged);
  ChangeOptions force;
  force.force = true;
  CHECK(fixture.manager().install({v1.string()}, force).packages[0].action == PackageChange::Action::reinstalled);

  // The user activates the class; an upgrade must keep that.
  octobot::commons::write_file_atomically(
      fixture.profile / "tentacles_config.json",
      R"({"tentacle_activation": {"Evaluator": {"GoodAlphaEvaluator": true}}, "x": 1})");
  const auto upgrade = fixture.manager().install({v2.string()}, {});
  CHECK(upgrade.packages[0].action == PackageChange::Action::upgraded);
  CHECK(upgrade.packages[0].from_version == "1.0.0");
  CHECK(upgrade.packages[0].to_version == "1.1.0");
  CHECK_THAT(octobot::commons::read_text_file(fixture.root / "Evaluator/TA/good_alpha/metadata.json"),
             Contains("1.1.0"));
  CHECK_THAT(fixture.activation(), Contains("\"GoodAlphaEvaluator\": true"));
  CHECK_THAT(fixture.activation(), Contains("\"x\": 1"));

  require_refused_without_trace(fixture, {v1.string()}, "refusing to downgrade good_alpha from 1.1.0 to 1.0.0");
  CHECK(fixture.manager().install({v1.string()}, force).packages[0].action == PackageChange::Action::downgraded);
}

TEST_CASE("signatures: untrusted refused unless unsigned is allowed; a bad one always refused", "[install]") {
  ManagerFixture fixture;
  const auto stranger = octobot::testing::write_key_pair(fixture.work / "keys", "stranger");
  const auto stranger_key = octobot::tentacle_manager::Ed25519PrivateKey::from_pem_file(stranger.private_key);
  const auto folder = fixture.sources.add_zoo_tentacle("good_alpha");
  const auto untrusted = octobot::testing::make_package({folder}, fixture.packages / "untrusted.tar.gz", &stranger_key);
  require_refused_without_trace(fixture, {untrusted.string()}, "which is not trusted");

  const auto signed_package = fixture.signed_package("good_alpha", "alpha.tar.gz");
  // The manifest changed after signing (a version bumped by hand): the trusted signature fails.
  const auto forged = tamper(fixture, signed_package, [](const fs::path& unpacked) {
    octobot::testing::set_manifest_member(unpacked, "version", "\"9.9.9\"");
  });
  ChangeOptions allow;
  allow.allow_unsigned = true;
  require_refused_without_trace(fixture, {forged.string()}, "bad signature", allow);

  // A garbage signature file is bad too, whatever the policy.
  const auto garbage = tamper(fixture, signed_package, [](const fs::path& unpacked) {
    octobot::commons::write_file_atomically(unpacked / "manifest.sig", "{\"algorithm\": \"ed25519\"}");
  });
  require_refused_without_trace(fixture, {garbage.string()}, "bad signature", allow);

  fixture.write_config(R"({"tentacles": {"allow-unsigned": true}})");
  CHECK_THAT(fixture.manager().install({untrusted.string()}, {}).packages[0].signature, Contains("not trusted"));
}

TEST_CASE("a corrupted or padded package fails its sha256 and is refused", "[install]") {
  ManagerFixture fixture;
  const auto package = fixture.signed_package("good_alpha", "alpha.tar.gz");
  const auto corrupted = tamper(fixture, package, [](const fs::path& unpacked) {
    const auto library = unpacked / "tentacles/Evaluator/TA/good_alpha/libzoo_good_alpha.so";
    auto bytes = octobot::commons::read_text_file(library);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
    octobot::commons::write_file_atomically(library, bytes);
  });
  require_refused_without_trace(fixture, {corrupted.string()}, "sha256 mismatch");

  const auto padded = tamper(fixture, package, [](const fs::path& unpacked) {
    octobot::commons::write_file_atomically(unpacked / "tentacles/Evaluator/TA/good_alpha/extra.so", "stowaway");
  });
  require_refused_without_trace(fixture, {padded.string()}, "extra.so is not listed in the manifest");
}

TEST_CASE("wrong platform and wrong ABI are refused with what was expected", "[install]") {
  ManagerFixture fixture;
  const auto key = fixture.signing_key();
  const auto package = fixture.signed_package("good_alpha", "alpha.tar.gz");
  const auto other_platform = tamper(fixture, package, [&](const fs::path& unpacked) {
    octobot::testing::set_manifest_member(unpacked, "platform", "\"linux-riscv64\"");
    octobot::testing::sign_manifest(unpacked, key);
  });
  require_refused_without_trace(fixture, {other_platform.string()},
                                "is built for linux-riscv64, this machine is linux-");

  const auto abi_2 = tamper(fixture, package, [&](const fs::path& unpacked) {
    octobot::testing::set_manifest_member(unpacked, "abi_version", "\"2.0\"");
    octobot::testing::sign_manifest(unpacked, key);
  });
  require_refused_without_trace(fixture, {abi_2.string()},
                                "built for tentacle ABI 2.0, this host speaks ABI " +
                                    (std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR)));

  // The manifest says the host's ABI but the tentacle's metadata says 1.9: the host's own check
  // catches it.
  const auto metadata_abi = tamper(fixture, package, [&](const fs::path& unpacked) {
    const auto metadata = unpacked / "tentacles/Evaluator/TA/good_alpha/metadata.json";
    auto text = octobot::commons::read_text_file(metadata);
    const std::string host_abi = "\"" + std::to_string(OB_ABI_MAJOR) + "." + std::to_string(OB_ABI_MINOR) + "\"";
    const auto at = text.find(host_abi);
    REQUIRE(at != std::string::npos);
    text.replace(at, host_abi.size(), "\"1.9\"");
    octobot::commons::write_file_atomically(metadata, text);
    octobot::testing::rehash_manifest(unpacked);
    octobot::testing::sign_manifest(unpacked, key);
  });
  require_refused_without_trace(fixture, {metadata_abi.string()}, "abi: needs tentacle ABI 1.9");
}

TEST_CASE("requirements: refused with the list of what is missing; met within one command", "[install]") {
  ManagerFixture fixture;
  const auto requirer = fixture.signed_package("requirer", "requirer.tar.gz");
  require_refused_without_trace(fixture, {requirer.string()},
                                "Evaluator/TA/requirer requires good_alpha==1.0.0: not installed");
  const auto alpha_2 = fixture.signed_package("good_alpha", "alpha-2.tar.gz", "2.0.0");
  fixture.manager().install({alpha_2.string()}, {});
  require_refused_without_trace(fixture, {requirer.string()},
                                "requires good_alpha==1.0.0: Evaluator/TA/good_alpha is version 2.0.0");

  ManagerFixture fresh;
  const auto alpha = fresh.signed_package("good_alpha", "alpha.tar.gz");
  const auto requirer_again = fresh.signed_package("requirer", "requirer.tar.gz");
  const auto report = fresh.manager().install({requirer_again.string(), alpha.string()}, {});
  CHECK(report.packages.size() == 2);
  const auto states = fresh.host_states();
  CHECK(states.at("requirer") == "loaded");
  CHECK(states.at("good_alpha") == "loaded");
}

TEST_CASE("a library that crashes the probe is refused before it reaches the tree", "[install]") {
  ManagerFixture fixture;
  const auto package = fixture.signed_package("init_segv", "segv.tar.gz");
  require_refused_without_trace(fixture, {package.string()}, "probe: would be quarantined");
}

TEST_CASE("folders the manager does not own, and classes already provided, are not replaced silently", "[install]") {
  ManagerFixture fixture;
  fs::create_directories(fixture.root / "Evaluator/TA");
  fs::copy(fs::path(OCTOBOT_ZOO_ROOT) / "Evaluator/TA/good_alpha", fixture.root / "Evaluator/TA/good_alpha",
           fs::copy_options::recursive);
  const auto package = fixture.signed_package("good_alpha", "alpha.tar.gz");
  require_refused_without_trace(fixture, {package.string()},
                                "no installed package owns it (bundled or copied by hand)");

  // The same class from another folder: one class, one provider.
  const auto key = fixture.signing_key();
  const auto copy = fixture.sources.add_zoo_tentacle("good_alpha", "copy/Evaluator/TA/alpha_copy");
  const auto duplicate = octobot::testing::make_package({copy}, fixture.packages / "copy.tar.gz", &key);
  require_refused_without_trace(fixture, {duplicate.string()},
                                "class GoodAlphaEvaluator would be provided by both Evaluator/TA/alpha_copy and "
                                "Evaluator/TA/good_alpha");

  ChangeOptions force;
  force.force = true;
  fixture.manager().install({package.string()}, force);
  CHECK(octobot::tentacle_manager::find_installed_package({fixture.root}, "good_alpha"));
  CHECK(fixture.host_states()["good_alpha"] == "loaded");
}

TEST_CASE("hostile and broken archives are refused by install", "[install]") {
  ManagerFixture fixture;
  using octobot::testing::RawMember;
  octobot::testing::write_raw_archive(
      fixture.packages / "slip.zip", octobot::testing::RawFormat::zip,
      {octobot::testing::raw_file("manifest.json", "{}"), octobot::testing::raw_file("../../escaped.txt", "gotcha")});
  require_refused_without_trace(fixture, {(fixture.packages / "slip.zip").string()}, "refused: a \"..\" component");
  CHECK_FALSE(fs::exists(fixture.root.parent_path() / "escaped.txt"));

  octobot::testing::write_raw_archive(fixture.packages / "link.tar.gz", octobot::testing::RawFormat::tar_gz,
                                      {octobot::testing::raw_symlink("tentacles/Evaluator/TA/x", "/etc")});
  require_refused_without_trace(fixture, {(fixture.packages / "link.tar.gz").string()}, "points outside");

  fixture.write_config(R"({"tentacles": {"max-package-bytes": 1048576}})");
  octobot::testing::write_raw_archive(fixture.packages / "bomb.tar.gz", octobot::testing::RawFormat::tar_gz,
                                      {octobot::testing::raw_file("tentacles/zeros", std::string(4 << 20, '\0'))});
  require_refused_without_trace(fixture, {(fixture.packages / "bomb.tar.gz").string()}, "limit against archive bombs");

  fixture.work.write("packages/garbled.tar.gz", "garbage garbage garbage garbage garbage garbage garbage");
  require_refused_without_trace(fixture, {(fixture.packages / "garbled.tar.gz").string()},
                                "not a .tar.gz or .zip package");
  require_refused_without_trace(fixture, {(fixture.packages / "missing.tar.gz").string()}, "no such file or folder");

  octobot::testing::write_raw_archive(fixture.packages / "nomanifest.tar.gz", octobot::testing::RawFormat::tar_gz,
                                      {octobot::testing::raw_file("hello.txt", "hi")});
  require_refused_without_trace(fixture, {(fixture.packages / "nomanifest.tar.gz").string()},
                                "manifest.json is missing");
}

TEST_CASE("concurrent installs never interleave: the second waits for the first", "[install]") {
  ManagerFixture fixture;
  const auto alpha = fixture.signed_package("good_alpha", "alpha.tar.gz");
  const auto beta = fixture.signed_package("good_beta", "beta.tar.gz");
  auto options = fixture.options();
  options.lock_timeout = std::chrono::milliseconds(60'000);
  std::vector<std::string> errors(2);
  auto install = [&](const fs::path& package, std::string& error) {
    try {
      octobot::tentacle_manager::TentacleManager(options).install({package.string()}, {});
    } catch (const std::exception& e) {
      error = e.what();
    }
  };
  std::thread first(install, alpha, std::ref(errors[0]));
  std::thread second(install, beta, std::ref(errors[1]));
  first.join();
  second.join();
  CHECK(errors[0].empty());
  CHECK(errors[1].empty());
  const auto states = fixture.host_states();
  CHECK(states.at("good_alpha") == "loaded");
  CHECK(states.at("good_beta") == "loaded");
  CHECK(octobot::tentacle_manager::read_installed_packages({fixture.root}).size() == 2);
  CHECK_THAT(fixture.activation(), Contains("GoodAlphaEvaluator"));
  CHECK_THAT(fixture.activation(), Contains("GoodBetaEvaluator"));

  // A manager that cannot get the tree in time says who holds it.
  auto held = octobot::tentacles::TreeLock::acquire(fixture.root, octobot::tentacles::LockMode::exclusive,
                                                    std::chrono::seconds(1), "install something_big");
  options.lock_timeout = std::chrono::milliseconds(200);
  try {
    octobot::tentacle_manager::TentacleManager(options).install({alpha.string()}, {});
    FAIL("installed while another manager held the tree");
  } catch (const octobot::tentacles::TreeLockTimeout& e) {
    CHECK_THAT(e.what(), Contains("install something_big"));
  }
}
