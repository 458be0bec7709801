// A manager working on a fresh tree in a temp folder, with a user dir that trusts one test key, a
// writable profile, and the real probe: what every manager test starts from.
#pragma once

#include <octobot/commons/files.hpp>
#include <octobot/tentacle_manager/manager.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <map>
#include <string>

#include "package_fixtures.hpp"
#include "temp_dir.hpp"

namespace octobot::testing {

struct ManagerFixture {
  TempDir work;
  std::filesystem::path root = work / "tree";
  std::filesystem::path user_dir = work / "user";
  std::filesystem::path profile = work / "profile";
  std::filesystem::path packages = work / "packages";
  KeyFiles key = write_key_pair(work / "keys", "trusted");
  FixtureTree sources{work / "sources"};

  ManagerFixture() {
    std::filesystem::create_directories(root);
    std::filesystem::create_directories(packages);
    work.write("profile/profile.json", R"({"profile": {"id": "test", "name": "Test"}, "config": {}})");
    write_config(R"({"tentacles": {"trusted-keys": [")" + key.public_key.string() + R"("]}})");
  }

  void write_config(const std::string& json) const { work.write("user/config.json", json); }

  [[nodiscard]] tentacle_manager::ManagerOptions options() const {
    tentacle_manager::ManagerOptions options;
    options.tentacles_root = root;
    options.user_dir = user_dir;
    options.profile_folder = profile;
    options.probe_executable = OCTOBOT_TEST_PROBE;
    options.probe_timeout = std::chrono::milliseconds(5000);
    options.lock_timeout = std::chrono::milliseconds(2000);
    options.settings = tentacle_manager::read_manager_settings(user_dir);
    return options;
  }

  [[nodiscard]] tentacle_manager::TentacleManager manager() const {
    return tentacle_manager::TentacleManager(options());
  }

  [[nodiscard]] tentacle_manager::Ed25519PrivateKey signing_key() const {
    return tentacle_manager::Ed25519PrivateKey::from_pem_file(key.private_key);
  }

  // A signed package of the zoo tentacle `zoo_name`, at Evaluator/TA/<zoo_name> unless `path` says.
  std::filesystem::path signed_package(const std::string& zoo_name, const std::string& file_name,
                                       const std::string& version = "1.0.0") {
    const auto folder = sources.add_zoo_tentacle(zoo_name, "v" + version + "/Evaluator/TA/" + zoo_name);
    sources.set_metadata("v" + version + "/Evaluator/TA/" + zoo_name, "version", "\"" + version + "\"");
    const auto key_object = signing_key();
    return make_package({folder}, packages / file_name, &key_object);
  }

  // The host's view of the tree: tentacle folder name -> state.
  [[nodiscard]] std::map<std::string, std::string> host_states() const {
    tentacles::HostOptions options;
    options.tentacles_root = root;
    options.probe_executable = OCTOBOT_TEST_PROBE;
    tentacles::TentacleHost host(options);
    std::map<std::string, std::string> states;
    for (const auto& tentacle : host.load().tentacles) states[tentacle.name] = to_string(tentacle.state);
    return states;
  }

  [[nodiscard]] std::string activation() const {
    std::error_code error;
    const auto file = profile / "tentacles_config.json";
    return std::filesystem::exists(file, error) ? commons::read_text_file(file) : std::string();
  }
};

}  // namespace octobot::testing
