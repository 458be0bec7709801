// The `fake-binance` program as a script would run it: started on a data file, found through the base
// URL it prints, used by the client (whose clock is years after the data's: the first signed request
// is refused with -1021 and the client resynchronises), stopped by SIGTERM with exit status 0; and
// serving https:// and wss:// with --tls-cert/--tls-key.
#include <catch2/catch.hpp>

#include <octobot_binance/rest_client.hpp>

#include "child_process.hpp"
#include "tls_fixture.hpp"

using namespace octobot::binance;

TEST_CASE("fake binance program: serves a data file, then stops cleanly on SIGTERM") {
  octobot::testing::ChildProcess program(
      {OCTOBOT_FAKE_BINANCE, "--data", OCTOBOT_DATA_DIR "/solusdt-1h-2024.sqlite", "--symbol", "SOL/USDT",
       "--time-frame", "1h", "--speed", "1", "--api-key", "program-key", "--balance", "USDT=2500"},
      {{"FAKE_BINANCE_API_SECRET", "program-secret"}});
  REQUIRE(program.wait_for_output("\"candles\":", std::chrono::seconds(10)));
  const auto& output = program.output();
  const auto start = output.find("http://127.0.0.1:");
  REQUIRE(start != std::string::npos);
  const std::string base_url = output.substr(start, output.find('"', start) - start);

  ClientConfig config;
  config.base_url = base_url;
  config.api_key = "program-key";
  config.api_secret = "program-secret";
  RestClient client(config);
  const auto klines = client.klines("SOL/USDT", "1h", 3);
  REQUIRE(klines.size() == 1);  // the clock starts at the first candle's open: only it, just opened
  CHECK(klines[0].volume == "0.00000000");
  const auto account = client.account();  // refused (-1021), resynchronised, sent again
  CHECK(client.stats().time_syncs == 1);
  REQUIRE(account.find("USDT") != nullptr);
  CHECK(account.find("USDT")->free == "2500.00000000");

  program.kill(SIGTERM);
  CHECK(program.wait() == 0);
}

TEST_CASE("fake binance program: --tls-cert and --tls-key serve https and wss, the CA trusted by the client", "[tls]") {
  octobot::binance::testing::TlsFixture tls;
  octobot::testing::ChildProcess program(
      {OCTOBOT_FAKE_BINANCE, "--data", OCTOBOT_DATA_DIR "/solusdt-1h-2024.sqlite", "--speed", "1", "--api-key",
       "program-key", "--tls-cert", tls.loopback.certificate_file.string(), "--tls-key",
       tls.loopback.private_key_file.string()},
      {{"FAKE_BINANCE_API_SECRET", "program-secret"}});
  REQUIRE(program.wait_for_output("\"candles\":", std::chrono::seconds(10)));
  const auto& output = program.output();
  INFO(output);
  const auto start = output.find("https://127.0.0.1:");
  REQUIRE(start != std::string::npos);
  const std::string base_url = output.substr(start, output.find('"', start) - start);
  CHECK(output.find("\"ws_url\":\"wss://127.0.0.1:" + base_url.substr(base_url.rfind(':') + 1) + "\"") !=
        std::string::npos);

  ClientConfig config;
  config.base_url = base_url;
  config.transport.ca_file = tls.ca_file();
  RestClient client(config);
  CHECK(client.klines("SOL/USDT", "1h", 3).size() == 1);
  program.kill(SIGTERM);
  CHECK(program.wait() == 0);
}

TEST_CASE("fake binance program: a TLS certificate without its key is refused", "[tls]") {
  octobot::binance::testing::TlsFixture tls;
  octobot::testing::ChildProcess program({OCTOBOT_FAKE_BINANCE, "--data", OCTOBOT_DATA_DIR "/solusdt-1h-2024.sqlite",
                                          "--tls-cert", tls.loopback.certificate_file.string()},
                                         {});
  CHECK(program.wait() != 0);
  CHECK(program.output().find("--tls-key") != std::string::npos);
}
