// `octobot run` against the `fake-binance` program through the Binance connector tentacle
// (libbinance_exchange.so): the production code path end to end, only the base URLs point at
// loopback. The fake replays data/solusdt-1h-2024.sqlite with its clock 36,000 times faster than real
// time (one 1h candle every 100 ms), so a session of a few seconds sees dozens of candles close.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <regex>
#include <string>

#include "child_process.hpp"
#include "run_setup.hpp"

namespace {

namespace fs = std::filesystem;
using namespace octobot::testing::run;

const std::string kKey = "fakeKEY-1f2e3d4c5b6a";
const std::string kSecret = "fakeSECRET-a1b2c3d4e5f6";

// The DailyTrading copy trades what the fake serves: SOL/USDT on 1h only.
void trade_sol_usdt_1h(const RunSetup& setup) {
  const fs::path profile = setup.user / "profiles" / "test_daily";
  std::string json = read_file(profile / "profile.json");
  json = std::regex_replace(json, std::regex("\"BTC/USDT\""), "\"SOL/USDT\"");
  json = std::regex_replace(json, std::regex("\"BTC\": 10"), "\"SOL\": 10");
  std::ofstream(profile / "profile.json") << json;
  const fs::path strategy = profile / "specific_config" / "SimpleStrategyEvaluator.json";
  std::string strategy_json = read_file(strategy);
  strategy_json = std::regex_replace(strategy_json, std::regex(R"("required_time_frames": \[[^\]]*\])"),
                                     R"("required_time_frames": ["1h"])");
  std::ofstream(strategy) << strategy_json;
}

// fake-binance started on the bundled SOL/USDT data, and the connector pointed at it.
struct FakeBinanceSession {
  octobot::testing::ChildProcess fake{
      {OCTOBOT_FAKE_BINANCE, "--data", OCTOBOT_DATA_DIR "/solusdt-1h-2024.sqlite", "--symbol", "SOL/USDT",
       "--time-frame", "1h", "--speed", "36000", "--api-key", kKey, "--balance", "USDT=5000", "--balance", "SOL=20"},
      {{"FAKE_BINANCE_API_SECRET", kSecret}}};
  std::string base_url;

  explicit FakeBinanceSession(const RunSetup& setup) {
    REQUIRE(fake.wait_for_output("\"candles\":", std::chrono::seconds(20)));
    const auto& output = fake.output();
    const auto start = output.find("http://127.0.0.1:");
    REQUIRE(start != std::string::npos);
    base_url = output.substr(start, output.find('"', start) - start);
    setup.config_set("exchanges.binance.rest_url", base_url);
    setup.config_set("exchanges.binance.ws_url", "ws://" + base_url.substr(std::string("http://").size()));
  }
  ~FakeBinanceSession() {
    fake.kill(SIGTERM);
    (void)fake.wait();
  }
};

}  // namespace

TEST_CASE("octobot run: paper trading on fake-binance's live candles through the Binance connector",
          "[cli][run][binance]") {
  RunSetup setup("binance");
  trade_sol_usdt_1h(setup);
  FakeBinanceSession session(setup);

  const auto run = shell_run(
      setup.octobot("run --profile test_daily --for 12 --history 50 --log-file " + setup.log.string()) + " 2>&1");
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  // The fake's clock starts at the data's first candle, so the history holds what closed before the
  // bot connected (a few candles), at most --history.
  CHECK(std::regex_search(log,
                          std::regex(R"(live on binance SOL/USDT \(paper trading\): ([1-9]|[1-4][0-9]|50) history)")));
  // Candles closed on the fake while the bot ran, and the default profile's mode traded on them.
  CHECK(count_of(log, "INFO    [bot] order ") >= 2);
  CHECK(std::regex_search(log, std::regex(R"(\[bot\] order \S+ SOL/USDT (buy|sell) \w+)")));
  CHECK(log.find("stopped: ") != std::string::npos);
}

TEST_CASE("octobot run: real trading places the mode's orders on fake-binance, keys never in the log",
          "[cli][run][binance]") {
  RunSetup setup("binance", true);
  trade_sol_usdt_1h(setup);
  FakeBinanceSession session(setup);
  setup.config_set("exchanges.binance.api-key", kKey);
  setup.config_set("exchanges.binance.api-secret", kSecret);

  const auto run = shell_run(
      setup.octobot("run --profile test_daily --for 12 --history 50 --log-file " + setup.log.string()) + " 2>&1");
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  CHECK(log.find("real trading; store") != std::string::npos);
  CHECK(log.find("reconciled 0 journal orders with binance") != std::string::npos);
  // The orders reached the fake exchange: its matching engine answered them.
  CHECK(std::regex_search(log, std::regex(R"(\[bot\] order \S+ SOL/USDT (buy|sell) \w+)")));
  CHECK(fs::exists(setup.user / "trading" / "test_daily" / "orders-journal.sqlite"));
  CHECK(log.find(kKey) == std::string::npos);
  CHECK(log.find(kSecret) == std::string::npos);
  CHECK(run.output.find(kSecret) == std::string::npos);
}
