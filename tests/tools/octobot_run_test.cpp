// `octobot run` as users run it: a process over a tentacles tree holding the bundled tentacles and
// TestExchange (tests/exchanges/test_connector), a copy of the DailyTrading profile trading on
// "testexchange", the connector's settings set with `octobot config set exchanges.testexchange.*`.
// A paper-trading session that trades and stops at --for with status 0, SIGHUP restarts in process,
// SIGTERM stops with 0, credentials never in the log, real trading through the live gateway, and the
// refusals (no connector, a key that can withdraw).
#include <catch2/catch.hpp>
#include <octobot/commons/profile.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "child_process.hpp"
#include "run_setup.hpp"

namespace {

namespace fs = std::filesystem;
using namespace octobot::testing::run;

const std::string kKey = "KEYv4lue-9f8e7d6c5b4a";
const std::string kSecret = "SECRETv4lue-0a1b2c3d4e5f";

}  // namespace

TEST_CASE("octobot run: a paper-trading session on live candles trades, logs each order, stops at --for with 0",
          "[cli][run]") {
  RunSetup setup;
  setup.config_set("exchanges.testexchange.live_steps", "400");
  setup.config_set("exchanges.testexchange.step_interval_ms", "5");
  setup.config_set("exchanges.testexchange.record_file", (setup.dir / "calls.txt").string());
  setup.config_set("exchanges.testexchange.api-key", kKey);
  setup.config_set("exchanges.testexchange.api-secret", kSecret);

  const auto run =
      shell_run(setup.octobot("run --profile test_daily --for 6 --log-file " + setup.log.string()) + " 2>&1");
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  CHECK(log.find("starting DailyTrading on testexchange BTC/USDT (1h, 4h, 1d), paper trading") != std::string::npos);
  CHECK(log.find("live on testexchange BTC/USDT (paper trading): 600 history candles") != std::string::npos);
  CHECK(log.find("--for 6 s elapsed: stopping gracefully") != std::string::npos);
  // One line per order event, levelled: the default profile's mode traded.
  CHECK(count_of(log, "INFO    [bot] order ") >= 2);
  CHECK(std::regex_search(log, std::regex(R"(\[bot\] order \S+ BTC/USDT (buy|sell) \w+ filled: amount)")));
  CHECK(log.find("stopped: ") != std::string::npos);
  // The connector got its settings from config.json and its key through credentials/1, and stopped.
  const std::string calls = read_file(setup.dir / "calls.txt");
  CHECK(calls.find("credentials api_key_length=" + std::to_string(kKey.size())) != std::string::npos);
  CHECK(calls.find("key_permissions") != std::string::npos);
  CHECK(calls.find("\nstop ") != std::string::npos);
  // The store: one SQLite file for this session under the user dir.
  bool store = false;
  for (const auto& entry : fs::directory_iterator(setup.user / "trading" / "test_daily")) {
    store = store || entry.path().filename().string().rfind("paper-", 0) == 0;
  }
  CHECK(store);
  // Credentials never appear, in the log file or on the terminal.
  CHECK(log.find(kKey) == std::string::npos);
  CHECK(log.find(kSecret) == std::string::npos);
  CHECK(run.output.find(kKey) == std::string::npos);
  CHECK(run.output.find(kSecret) == std::string::npos);
}

TEST_CASE("octobot run: with live_trading.bot_loop_wait spin the bot trades and stops as usual", "[cli][run]") {
  RunSetup setup;
  setup.config_set("exchanges.testexchange.live_steps", "400");
  setup.config_set("exchanges.testexchange.step_interval_ms", "5");
  setup.config_set("live_trading.bot_loop_wait", "spin");
  const auto run =
      shell_run(setup.octobot("run --profile test_daily --for 4 --log-file " + setup.log.string()) + " 2>&1");
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  CHECK(log.find("the bot loop spins (live_trading.bot_loop_wait): one core stays busy") != std::string::npos);
  CHECK(count_of(log, "INFO    [bot] order ") >= 2);
  CHECK(log.find("--for 4 s elapsed: stopping gracefully") != std::string::npos);
  CHECK(log.find("stopped: ") != std::string::npos);

  setup.config_set("live_trading.bot_loop_wait", "busy");
  const auto refused = shell_run(setup.octobot("run --profile test_daily --for 4") + " 2>&1");
  CHECK(refused.status == 1);
  CHECK(refused.output.find(R"(config.json live_trading.bot_loop_wait is "busy": expected "sleep")") !=
        std::string::npos);
}

TEST_CASE("octobot run: SIGHUP restarts the bot in process, SIGTERM stops it with 0", "[cli][run]") {
  RunSetup setup;
  setup.config_set("exchanges.testexchange.live_steps", "100000");
  setup.config_set("exchanges.testexchange.step_interval_ms", "20");
  octobot::testing::ChildProcess bot(setup.run_arguments());
  REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops, SIGHUP restarts", std::chrono::seconds(60)));
  bot.kill(SIGHUP);
  REQUIRE(bot.wait_for_output("restart 1", std::chrono::seconds(30)));
  // Rebuilt from the files: a second start, live again, and still running.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (count_of(bot.output(), "running: SIGTERM") < 2 && std::chrono::steady_clock::now() < deadline) {
    (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(200));  // reads what came meanwhile
  }
  REQUIRE(count_of(bot.output(), "running: SIGTERM") == 2);
  CHECK(count_of(bot.output(), "live on testexchange") == 2);
  bot.kill(SIGTERM);
  CHECK(bot.wait() == 0);
  const std::string log = read_file(setup.log);
  CHECK(log.find("SIGHUP: restarting (config.json and the profile are read again)") != std::string::npos);
  CHECK(log.find("SIGTERM: stopping gracefully") != std::string::npos);
  CHECK(count_of(log, "starting DailyTrading on testexchange") == 2);
  CHECK(count_of(log, "stopped: ") == 2);
}

TEST_CASE("octobot run: real trading reconciles its journal, then sends the mode's orders to the exchange",
          "[cli][run]") {
  RunSetup setup("testexchange", true);
  setup.config_set("exchanges.testexchange.live_steps", "400");
  setup.config_set("exchanges.testexchange.step_interval_ms", "5");
  setup.config_set("exchanges.testexchange.record_file", (setup.dir / "calls.txt").string());
  const auto run =
      shell_run(setup.octobot("run --profile test_daily --for 6 --log-file " + setup.log.string()) + " 2>&1");
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  CHECK(log.find("real trading; store") != std::string::npos);
  CHECK(log.find("order journal " + (setup.user / "trading" / "test_daily" / "orders-journal.sqlite").string() +
                 " (durability full)") != std::string::npos);
  CHECK(log.find("reconciled 0 journal orders with testexchange") != std::string::npos);
  CHECK(read_file(setup.dir / "calls.txt").find("create_order ob") != std::string::npos);
  CHECK(fs::exists(setup.user / "trading" / "test_daily" / "orders-journal.sqlite"));
}

TEST_CASE("octobot run: refusals say why and exit 1", "[cli][run]") {
  SECTION("no connector for the profile's exchange") {
    RunSetup setup("krakenish");
    const auto run = shell_run(setup.octobot("run --profile test_daily --for 5") + " 2>&1");
    CHECK(run.status == 1);
    CHECK(run.output.find("no exchange connector for 'krakenish' is loaded") != std::string::npos);
  }
  SECTION("an API key that can withdraw") {
    RunSetup setup;
    setup.config_set("exchanges.testexchange.can_withdraw", "true");
    setup.config_set("exchanges.testexchange.api-key", kKey);
    setup.config_set("exchanges.testexchange.api-secret", kSecret);
    const auto run = shell_run(setup.octobot("run --profile test_daily --for 5") + " 2>&1");
    CHECK(run.status == 1);
    CHECK(run.output.find("the API key of testexchange can withdraw funds: refused") != std::string::npos);
    CHECK(run.output.find(kKey) == std::string::npos);
    CHECK(run.output.find(kSecret) == std::string::npos);
  }
  SECTION("a live_trading setting that is not one") {
    RunSetup setup;
    setup.config_set("live_trading.journal_durability", "fast");
    const auto run = shell_run(setup.octobot("run --profile test_daily --for 5") + " 2>&1");
    CHECK(run.status == 1);
    CHECK(run.output.find(R"(config.json live_trading.journal_durability is "fast": expected "full")") !=
          std::string::npos);
  }
}

TEST_CASE("octobot run: two sessions started at once get their own store files", "[cli][run]") {
  RunSetup setup;
  setup.config_set("exchanges.testexchange.live_steps", "20");
  const std::string one = setup.octobot("run --profile test_daily --for 2 --reset-paper") + " >/dev/null 2>&1";
  const auto run = shell_run("(" + one + " & " + one + " & wait)");
  CHECK(run.status == 0);
  const auto stores = store_files(setup.user / "trading" / "test_daily", "paper-");
  REQUIRE(stores.size() == 2);
  // UTC start to the millisecond, the process id and the session's number: no two sessions share one.
  for (const auto& store : stores) {
    CHECK(std::regex_match(store.filename().string(), std::regex(R"(paper-\d{8}T\d{6}\.\d{3}Z-\d+-1\.sqlite)")));
  }
}

TEST_CASE("octobot run: paper trading killed with -9 continues from its last durable state", "[cli][run]") {
  RunSetup setup;
  setup.config_set("exchanges.testexchange.live_steps", "100000");
  setup.config_set("exchanges.testexchange.step_interval_ms", "20");
  const fs::path folder = setup.user / "trading" / "test_daily";
  {
    octobot::testing::ChildProcess bot(setup.run_arguments());
    REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops", std::chrono::seconds(60)));
    // Trading: orders filled and one resting, then killed without a chance to flush anything.
    REQUIRE(wait_for_match(bot, std::regex(R"(\[bot\] order \S+ BTC/USDT \w+ \w+ filled)"), std::chrono::seconds(60)));
    REQUIRE(wait_for_match(bot, std::regex(R"(\[bot\] order \S+ BTC/USDT \w+ limit open)"), std::chrono::seconds(60)));
    bot.kill(SIGKILL);
    (void)bot.wait();
  }
  const auto killed = store_files(folder, "paper-");
  REQUIRE(killed.size() == 1);
  const Snapshot durable = snapshot_of(killed.front(), true);
  REQUIRE(durable.time_ms > 0);
  const auto open_orders = octobot::trading::TradingStore(killed.front().string()).load_open_orders();

  // The market moved on 6 hours while no bot ran: those candles may fill the restored orders.
  constexpr std::int64_t kHour = 3'600'000;
  setup.config_set("exchanges.testexchange.history_start_ms", std::to_string(durable.time_ms + 6 * kHour));
  setup.config_set("exchanges.testexchange.live_steps", "30");
  const auto second = shell_run(setup.octobot("run --profile test_daily --for 4") + " 2>&1");
  INFO(second.output);
  CHECK(second.status == 0);
  CHECK(second.output.find("paper trading continues the previous session (" + killed.front().string() + ")") !=
        std::string::npos);
  CHECK(second.output.find("restored " + std::to_string(open_orders.size()) + " open orders of the previous session") !=
        std::string::npos);
  CHECK(second.output.find("reservations differ") == std::string::npos);
  const auto stores = store_files(folder, "paper-");
  REQUIRE(stores.size() == 2);
  // Exact accounting: the durable state plus this session's fills (those on the candles while no bot
  // ran, then the live ones) is its final portfolio. A fill applied twice, or a portfolio that started
  // anywhere else, breaks the equality.
  std::map<std::string, octobot::commons::Decimal> expected;
  for (const auto& [asset, balance] : durable.balances) expected[asset] = balance.total;
  const octobot::trading::TradingStore store(stores.back().string());
  for (const auto& trade : store.load_trades()) {
    const std::string base = trade.symbol.substr(0, trade.symbol.find('/'));
    const std::string quote = trade.symbol.substr(trade.symbol.find('/') + 1);
    const auto cost = trade.amount * trade.price;
    expected[base] += trade.side == octobot::channel::Side::buy ? trade.amount : -trade.amount;
    expected[quote] += trade.side == octobot::channel::Side::buy ? -cost : cost;
    expected[trade.fee_currency] -= trade.fee;
  }
  const Snapshot final_state = snapshot_of(stores.back(), true);
  for (const auto& [asset, total] : expected) {
    INFO(asset);
    const auto it = final_state.balances.find(asset);
    CHECK((it == final_state.balances.end() ? octobot::commons::Decimal() : it->second.total) == total);
  }

  // A restart after a graceful stop starts exactly where that stop left it, and --reset-paper afresh.
  setup.config_set("exchanges.testexchange.history_start_ms", std::to_string(final_state.time_ms));
  setup.config_set("exchanges.testexchange.live_steps", "1");
  const auto third = shell_run(setup.octobot("run --profile test_daily --for 2") + " 2>&1");
  CHECK(third.status == 0);
  const auto after_third = store_files(folder, "paper-");
  REQUIRE(after_third.size() == 3);
  const Snapshot third_start = snapshot_of(after_third.back(), false);
  // The exchange's clock moved one step (an hour) before the bot went live, so the history may hold a
  // 4h or 1d candle that closed in that hour: bot time starts at the stop's, or at most an hour later.
  CHECK(third_start.time_ms >= final_state.time_ms);
  CHECK(third_start.time_ms <= final_state.time_ms + kHour);
  CHECK(third_start.balances == final_state.balances);
  const auto fresh = shell_run(setup.octobot("run --profile test_daily --for 2 --reset-paper") + " 2>&1");
  CHECK(fresh.status == 0);
  CHECK(fresh.output.find("--reset-paper: starting from the profile's starting portfolio") != std::string::npos);
  const auto after_fresh = store_files(folder, "paper-");
  REQUIRE(after_fresh.size() == 4);
  const auto starting = octobot::commons::load_profile(setup.user / "profiles" / "test_daily").starting_portfolio;
  CHECK(snapshot_of(after_fresh.back(), false).balances.at("USDT").total ==
        octobot::commons::Decimal::from_string(starting.at("USDT")));
}
