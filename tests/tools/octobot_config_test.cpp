// `octobot config` as a user runs it: keys piped into set-key end up encrypted, every listing
// redacts them, dot-path updates land on disk, and errors say what was expected.
#include <catch2/catch.hpp>
#include <octobot/commons/files.hpp>
#include <octobot/commons/user_config.hpp>

#include <string>
#include <utility>
#include <vector>

#include "shell_run.hpp"
#include "temp_dir.hpp"

namespace {

// stdout and stderr together.
octobot::testing::ShellRun octobot_config(const octobot::testing::TempDir& user_dir, const std::string& arguments,
                                          const std::string& input = "") {
  const auto input_file = user_dir.write("stdin.txt", input);
  // Appended piece by piece: one long + chain trips GCC 12's -Warray-bounds false positive.
  std::string command = OCTOBOT_BINARY;
  command += " --user-dir " + user_dir.path().string();
  command += " config " + arguments;
  command += " < " + input_file.string() + " 2>&1";
  return octobot::testing::shell_run(command);
}

}  // namespace

TEST_CASE("octobot config set-key stores piped keys encrypted and never prints them", "[cli][config]") {
  octobot::testing::TempDir user_dir;
  const std::string key = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  const std::string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
  const auto stored = octobot_config(user_dir, "set-key binance", key + "\n" + secret + "\n");
  INFO(stored.output);
  REQUIRE(stored.status == 0);
  CHECK_THAT(stored.output, Catch::Contains("encrypted") && !Catch::Contains(key) && !Catch::Contains(secret));

  const std::string on_disk = octobot::commons::read_text_file(user_dir / "config.json");
  CHECK(on_disk.find(secret) == std::string::npos);
  CHECK(on_disk.find(key) == std::string::npos);
  const auto credentials = octobot::commons::UserConfig::open(user_dir.path()).credentials("binance");
  REQUIRE(credentials);
  CHECK(credentials->api_secret.reveal() == secret);

  const auto shown = octobot_config(user_dir, "show");
  CHECK(shown.status == 0);
  CHECK_THAT(shown.output, Catch::Contains("<encrypted>") && !Catch::Contains(secret) && !Catch::Contains("enc:v1:"));

  const auto missing = octobot_config(user_dir, "set-key kucoin", key + "\n");
  CHECK(missing.status != 0);
  CHECK_THAT(missing.output, Catch::Contains("expected API secret on standard input"));
}

TEST_CASE("octobot config set-key takes an Ed25519 private key (PEM) from a pipe or from --secret-file",
          "[cli][config]") {
  octobot::testing::TempDir user_dir;
  const std::string key = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  // RFC 8032 test 1's secret key as PKCS#8 PEM (a published test vector, not anyone's key).
  const std::string body = "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";
  const std::string pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  const auto stored_secret = [&] {
    const auto credentials = octobot::commons::UserConfig::open(user_dir.path()).credentials("binance");
    REQUIRE(credentials);
    return std::string(credentials->api_secret.reveal());
  };

  // Piped (or pasted at the prompt): the PEM's lines up to its END line, then nothing else is read.
  const auto piped = octobot_config(user_dir, "set-key binance", key + "\n" + pem);
  INFO(piped.output);
  REQUIRE(piped.status == 0);
  CHECK_THAT(piped.output, Catch::Contains("encrypted") && !Catch::Contains(body) && !Catch::Contains(key));
  CHECK(stored_secret() == pem);
  CHECK(octobot::commons::read_text_file(user_dir / "config.json").find(body) == std::string::npos);
  // Windows line ends are dropped as for a one-line secret.
  std::string crlf = key + "\r\n-----BEGIN PRIVATE KEY-----\r\n" + body + "\r\n-----END PRIVATE KEY-----\r\n";
  REQUIRE(octobot_config(user_dir, "set-key binance", crlf).status == 0);
  CHECK(stored_secret() == pem);

  // From the key's file: standard input gives the API key alone.
  const auto key_file = user_dir.write("binance-ed25519.pem", pem);
  const auto from_file = octobot_config(user_dir, "set-key binance --secret-file " + key_file.string(), key + "\n");
  INFO(from_file.output);
  REQUIRE(from_file.status == 0);
  CHECK_THAT(from_file.output, !Catch::Contains(body) && Catch::Contains("Ed25519 private key, PEM"));
  CHECK(stored_secret() == pem);

  // The PEM is read when it is stored: a damaged body, an encrypted key or a public key is refused
  // here, named, never quoted, and what was stored stays.
  std::string damaged_body = body;
  damaged_body[20] = damaged_body[20] == 'A' ? 'B' : 'A';
  damaged_body.resize(damaged_body.size() - 8);
  for (const auto& [what, bad] : std::vector<std::pair<std::string, std::string>>{
           {"damaged", "-----BEGIN PRIVATE KEY-----\n" + damaged_body + "\n-----END PRIVATE KEY-----\n"},
           {"public",
            "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
            "-----END PUBLIC KEY-----\n"},
           // The same test key encrypted with the passphrase "x" (openssl pkcs8 -topk8 -v2 aes-128-cbc):
           // refused without asking for a passphrase (the bot would have no one to ask).
           {"encrypted",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
            "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAj9GLruuLQMDQICCAAw\n"
            "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEPnL8M4L24Yo9wLEwCH4BqAEQJW7\n"
            "IbkvNRzECPb30I4tkF+MzEFisPpizmO9kGg54Uojreu7QZL4bkGvcAnLSkyYrJnd\n"
            "vPm0mJX3Gh5SK3JYTdI=\n"
            "-----END ENCRYPTED PRIVATE KEY-----\n"}}) {
    INFO(what);
    const auto refused = octobot_config(user_dir, "set-key binance", key + "\n" + bad);
    CHECK(refused.status != 0);
    CHECK_THAT(refused.output, Catch::Contains("expected the API secret to be an unencrypted private key in PEM") &&
                                   !Catch::Contains(body) && !Catch::Contains("MCowBQYDK2Vw"));
    CHECK(stored_secret() == pem);
  }
  const auto public_key =
      octobot_config(user_dir, "set-key binance",
                     key +
                         "\n-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
                         "-----END PUBLIC KEY-----\n");
  CHECK_THAT(public_key.output, Catch::Contains("a PEM block labelled \"PUBLIC KEY\""));

  // A PEM cut short is refused, without quoting it; what was stored stays.
  const auto cut = octobot_config(user_dir, "set-key binance", key + "\n-----BEGIN PRIVATE KEY-----\n" + body + "\n");
  CHECK(cut.status != 0);
  CHECK_THAT(cut.output, Catch::Contains("as a PEM block up to its -----END line") && !Catch::Contains(body));
  CHECK(stored_secret() == pem);
  const auto missing =
      octobot_config(user_dir, "set-key binance --secret-file " + (user_dir / "none.pem").string(), key + "\n");
  CHECK(missing.status != 0);
  CHECK_THAT(missing.output, Catch::Contains("none.pem"));
}

TEST_CASE("octobot config set and get follow dot paths and keep the file valid", "[cli][config]") {
  octobot::testing::TempDir user_dir;
  user_dir.write("config.json", R"({"exchanges": {"binance": {"api-key": "in-clear", "enabled": false}}})");
  CHECK(octobot_config(user_dir, "set exchanges.binance.enabled true").status == 0);
  const auto enabled = octobot_config(user_dir, "get exchanges.binance.enabled");
  CHECK(enabled.status == 0);
  CHECK(enabled.output == "true\n");

  const auto clear = octobot_config(user_dir, "show");
  CHECK_THAT(clear.output, Catch::Contains("stored in clear") && !Catch::Contains("\"in-clear\""));
  CHECK(octobot_config(user_dir, "encrypt").status == 0);
  CHECK(octobot::commons::read_text_file(user_dir / "config.json").find("in-clear") == std::string::npos);

  const auto absent = octobot_config(user_dir, "get exchanges.kraken");
  CHECK(absent.status == 1);
  CHECK_THAT(absent.output, Catch::Contains("no value at exchanges.kraken"));

  user_dir.write("config.json", "{\"exchanges\": ");
  const auto broken = octobot_config(user_dir, "set a.b 1");
  CHECK(broken.status != 0);
  CHECK_THAT(broken.output, Catch::Contains("config.json") && Catch::Contains("line 1"));
  CHECK(octobot::commons::read_text_file(user_dir / "config.json") == "{\"exchanges\": ");
}
