#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/json_error.hpp>
#include <octobot/commons/user_config.hpp>

#include "temp_dir.hpp"

using namespace octobot::commons;

namespace {
const std::string octobot_config = R"({
  "accepted_terms": true,
  "exchanges": {
    "binance": {"api-key": "clear-key-123", "api-secret": "clear-secret-456", "enabled": true, "exchange-type": "spot"},
    "kucoin": {"enabled": false}
  },
  "profile": "default"
})";
}  // namespace

TEST_CASE("dot-path updates change one value in memory and on disk and keep the rest", "[user_config]") {
  octobot::testing::TempDir dir;
  dir.write("config.json", octobot_config);
  UserConfig config = UserConfig::open(dir.path());
  config.set("exchanges.kucoin.enabled", "true");
  config.set("trading.reference-market", "USDT");  // not JSON: stored as a string
  config.set("notification.global-info", "{\"telegram\": false}");
  CHECK(config.get("exchanges.kucoin.enabled") == "true");
  CHECK(config.get("trading.reference-market") == "\"USDT\"");
  CHECK(config.get("notification.global-info.telegram") == "false");
  CHECK(config.get("no.such.path") == std::nullopt);

  const UserConfig reread = UserConfig::open(dir.path());
  CHECK(reread.get("exchanges.kucoin.enabled") == "true");
  CHECK(reread.get("profile") == "\"default\"");
  CHECK(reread.get("accepted_terms") == "true");
  CHECK(reread.get("exchanges.binance.exchange-type") == "\"spot\"");

  CHECK(config.remove("trading.reference-market"));
  CHECK_FALSE(config.remove("trading.reference-market"));
  CHECK(UserConfig::open(dir.path()).get("trading.reference-market") == std::nullopt);
  CHECK_THROWS_WITH(config.set("profile.name", "x"),
                    Catch::Contains("profile is a string, expected an object") && !Catch::Contains("default"));
  CHECK_THROWS_WITH(config.set("a..b", "1"), Catch::Contains("an empty key"));
  config.set("keys\\.with\\.dots.x", "1");
  CHECK(config.get("keys\\.with\\.dots") == "{\"x\":1}");
}

TEST_CASE("credentials are stored encrypted and read back, never shown", "[user_config]") {
  octobot::testing::TempDir dir;
  UserConfig config = UserConfig::open(dir.path());  // no config.json yet
  CHECK(config.credentials("binance") == std::nullopt);
  config.set_credentials("binance", {Secret("my-key"), Secret("my-secret"), Secret()});
  const std::string on_disk = read_text_file(dir / "config.json");
  CHECK(on_disk.find("my-key") == std::string::npos);
  CHECK(on_disk.find("my-secret") == std::string::npos);
  CHECK(on_disk.find("enc:v1:") != std::string::npos);

  const auto credentials = UserConfig::open(dir.path()).credentials("binance");
  REQUIRE(credentials);
  CHECK(credentials->api_key.reveal() == "my-key");
  CHECK(credentials->api_secret.reveal() == "my-secret");
  CHECK(credentials->api_password.empty());
  CHECK(config.get("exchanges.binance.api-secret") == "\"<encrypted>\"");
  CHECK(config.redacted_json().find("enc:v1:") == std::string::npos);

  // A dot-path set of a credential field encrypts too.
  config.set("exchanges.binance.api-secret", "other-secret");
  CHECK(read_text_file(dir / "config.json").find("other-secret") == std::string::npos);
  CHECK(UserConfig::open(dir.path()).credentials("binance")->api_secret.reveal() == "other-secret");
}

TEST_CASE("an OctoBot config with keys in clear is read, reported and encrypted in place", "[user_config]") {
  octobot::testing::TempDir dir;
  dir.write("config.json", octobot_config);
  UserConfig config = UserConfig::open(dir.path());
  CHECK(config.exchanges() == std::vector<std::string>{"binance", "kucoin"});
  CHECK(config.clear_credentials() ==
        std::vector<std::string>{"exchanges.binance.api-key", "exchanges.binance.api-secret"});
  CHECK(config.credentials("binance")->api_secret.reveal() == "clear-secret-456");
  CHECK(config.get("exchanges.binance.api-key") == "\"<in clear>\"");
  config.encrypt_clear_credentials();
  CHECK(config.clear_credentials().empty());
  CHECK(read_text_file(dir / "config.json").find("clear-secret-456") == std::string::npos);
  CHECK(UserConfig::open(dir.path()).credentials("binance")->api_secret.reveal() == "clear-secret-456");
  CHECK(config.credentials("kucoin") == std::nullopt);
}

TEST_CASE("a bad config.json is reported and left untouched, a lost local secret is explained", "[user_config]") {
  octobot::testing::TempDir dir;
  dir.write("config.json", "{\"exchanges\": {\"binance\": }");
  CHECK_THROWS_AS(UserConfig::open(dir.path()), JsonError);
  CHECK(read_text_file(dir / "config.json") == "{\"exchanges\": {\"binance\": }");
  dir.write("config.json", "[1, 2]");
  CHECK_THROWS_WITH(UserConfig::open(dir.path()), Catch::Contains("an object at the top level"));

  dir.write("config.json", "{}");
  UserConfig::open(dir.path()).set_credentials("binance", {Secret("k"), Secret("super-secret"), Secret()});
  std::filesystem::remove(dir / "local_secret.key");  // a new local secret is created on open
  const UserConfig moved = UserConfig::open(dir.path());
  CHECK_THROWS_WITH(moved.credentials("binance"), Catch::Contains("exchanges.binance.api-key") &&
                                                      Catch::Contains("octobot config set-key binance") &&
                                                      !Catch::Contains("super-secret"));
}
