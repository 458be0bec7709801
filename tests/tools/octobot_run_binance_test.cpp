// `octobot run` against the `fake-binance` program through the Binance connector tentacle
// (libbinance_exchange.so): the production code path end to end, only the base URLs point at
// loopback. The fake replays data/solusdt-1h-2024.sqlite with its clock 36,000 times faster than real
// time (one 1h candle every 100 ms), so a session of a few seconds sees dozens of candles close. One
// session runs over TLS (https:// and wss://, the fake's certificate from a throwaway CA), as production.
#include <catch2/catch.hpp>
#include <octobot/commons/decimal.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "http_loopback.hpp"
#include "run_setup.hpp"
#include "test_certificates.hpp"
#include "tradingview_profile.hpp"

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
  octobot::testing::ChildProcess fake;
  std::string base_url;

  explicit FakeBinanceSession(const RunSetup& setup, const std::string& speed = "36000",
                              const std::vector<std::string>& extra = {})
      : fake(arguments(speed, extra), {{"FAKE_BINANCE_API_SECRET", kSecret}}) {
    REQUIRE(fake.wait_for_output("\"candles\":", std::chrono::seconds(20)));
    // The URLs it prints: http:// and ws://, or https:// and wss:// when serving TLS (--tls-cert).
    const auto printed = [&](const std::string& name) {
      const std::string key = "\"" + name + "\":\"";
      const auto at = fake.output().find(key);
      REQUIRE(at != std::string::npos);
      const auto from = at + key.size();
      return fake.output().substr(from, fake.output().find('"', from) - from);
    };
    base_url = printed("base_url");
    setup.config_set("exchanges.binance.rest_url", base_url);
    setup.config_set("exchanges.binance.ws_url", printed("ws_url"));
    // The user data over the fake's WebSocket API; without it the bot dials Binance's own host and
    // runs on REST polling alone.
    setup.config_set("exchanges.binance.ws_api_url", printed("ws_api_url"));
  }
  static std::vector<std::string> arguments(const std::string& speed, const std::vector<std::string>& extra) {
    std::vector<std::string> all{OCTOBOT_FAKE_BINANCE,
                                 "--data",
                                 OCTOBOT_DATA_DIR "/solusdt-1h-2024.sqlite",
                                 "--symbol",
                                 "SOL/USDT",
                                 "--time-frame",
                                 "1h",
                                 "--speed",
                                 speed,
                                 "--api-key",
                                 kKey,
                                 "--balance",
                                 "USDT=5000",
                                 "--balance",
                                 "SOL=20"};
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  }
  ~FakeBinanceSession() {
    fake.kill(SIGTERM);
    (void)fake.wait();
  }

  // The fake's clock, from its GET /api/v3/time (plain HTTP sessions only).
  [[nodiscard]] std::int64_t server_time_ms() const {
    const auto port = static_cast<std::uint16_t>(std::stoi(base_url.substr(base_url.rfind(':') + 1)));
    const std::string body = octobot::testing::http_request(port, "GET", "/api/v3/time").body;
    const auto digits = body.find_first_of("0123456789");
    REQUIRE(digits != std::string::npos);
    return std::stoll(body.substr(digits));
  }

  // Returns once `hours` more 1h candles closed on the fake, so a bot started now has them as history:
  // at --speed 36000 an hour passes in 100 ms, and a bot that connected sooner would find none.
  void wait_for_closed_hours(int hours) const {
    constexpr std::int64_t kHour = 3'600'000;
    const std::int64_t until = (server_time_ms() / kHour + hours) * kHour;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (server_time_ms() < until) {
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
};

// `octobot run` of the test profile for 12 candles (50 of history), its log in `log_file`.
auto run_test_daily(const RunSetup& setup, const fs::path& log_file) {
  return shell_run(setup.octobot("run --profile test_daily --for 12 --history 50 --log-file " + log_file.string()) +
                   " 2>&1");
}

// What a real-trading session that traded leaves in its log: its store, the start's reconcile, and an
// order the fake's matching engine answered.
void check_traded_for_real(const std::string& log) {
  CHECK(log.find("real trading; store") != std::string::npos);
  CHECK(log.find("reconciled 0 journal orders with binance") != std::string::npos);
  CHECK(std::regex_search(log, std::regex(R"(\[bot\] order \S+ SOL/USDT (buy|sell) \w+)")));
}

}  // namespace

TEST_CASE("octobot run: paper trading on fake-binance's live candles through the Binance connector",
          "[cli][run][binance]") {
  RunSetup setup("binance");
  trade_sol_usdt_1h(setup);
  FakeBinanceSession session(setup);
  session.wait_for_closed_hours(3);

  const auto run = run_test_daily(setup, setup.log);
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  // The fake's clock starts at the data's first candle, so the history holds what closed before the
  // bot connected (at least the 3 candles waited for above), at most --history.
  CHECK(std::regex_search(log,
                          std::regex(R"(live on binance SOL/USDT \(paper trading\): ([1-9]|[1-4][0-9]|50) history)")));
  // Candles closed on the fake while the bot ran, and the default profile's mode traded on them.
  CHECK(count_of(log, "INFO    [bot] order ") >= 2);
  CHECK(std::regex_search(log, std::regex(R"(\[bot\] order \S+ SOL/USDT (buy|sell) \w+)")));
  CHECK(log.find("stopped: ") != std::string::npos);
}

namespace {

std::int64_t wall_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The time of the log line holding `at`: lines start with it ("2026-11-30T21:41:17.025Z INFO ...").
std::int64_t log_time_ms(const std::string& log, std::size_t at) {
  const auto newline = log.rfind('\n', at);
  const std::size_t line = newline == std::string::npos ? 0 : newline + 1;
  std::tm tm{};
  int millis = 0;
  REQUIRE(std::sscanf(log.c_str() + line, "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                      &tm.tm_min, &tm.tm_sec, &millis) == 7);
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000 + millis;
}

}  // namespace

TEST_CASE("octobot run: a start refused by an IP ban waits for its end, sends nothing meanwhile, then trades",
          "[cli][run][binance]") {
  RunSetup setup("binance");
  trade_sol_usdt_1h(setup);
  // The connector's exchange info request is answered 418, with a ban ending 8 s after the fake started
  // (its system clock, as Binance's). Its one 418 spent, the fake would answer anything sent later.
  const std::int64_t before_fake = wall_now_ms();
  FakeBinanceSession session(setup, "36000", {"--fault", "418:GET:/api/v3/exchangeInfo:1:0:8"});
  const std::int64_t after_fake = wall_now_ms();
  session.wait_for_closed_hours(3);

  const auto run = shell_run(
      setup.octobot("run --profile test_daily --for 16 --history 50 --log-file " + setup.log.string()) + " 2>&1");
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  // The ban as the connection reported it, remembered in the user folder.
  const fs::path ban_file = setup.user / "trading" / "exchange-bans.json";
  REQUIRE(fs::exists(ban_file));
  const std::string bans = read_file(ban_file);
  INFO(bans);
  std::smatch until_match;
  REQUIRE(std::regex_search(bans, until_match, std::regex(R"("binance":\s*\{\s*"until_ms":\s*([0-9]+))")));
  const std::int64_t until_ms = std::stoll(until_match[1].str());
  CHECK(until_ms >= before_fake + 8000);
  CHECK(until_ms <= after_fake + 8000);
  // The refused start, a new session that waits, then the bot live only after the ban's end.
  const auto banned = log.find("binance: banned (Binance banned this IP");
  const auto restarting = log.find("restarting, to connect once binance's ban ends");
  const auto waiting = log.find("binance banned this IP until ");
  const auto live = log.find("live on binance SOL/USDT");
  REQUIRE(banned != std::string::npos);
  REQUIRE(restarting != std::string::npos);
  REQUIRE(waiting != std::string::npos);
  REQUIRE(live != std::string::npos);
  CHECK(banned < restarting);
  CHECK(restarting < waiting);
  CHECK(waiting < live);
  CHECK(log.find(": connecting in ", waiting) != std::string::npos);
  CHECK(log_time_ms(log, waiting) < until_ms - 1000);  // it had to wait
  CHECK(log_time_ms(log, live) >= until_ms);
  CHECK(std::regex_search(log.substr(live), std::regex(R"(\[bot\] order \S+ SOL/USDT (buy|sell) \w+)")));

  // A run started later, while a remembered ban lasts, waits for it as well before its first request.
  const std::int64_t later_until = wall_now_ms() + 3000;
  std::ofstream(ban_file) << R"({"binance": {"until_ms": )" << later_until << R"(, "reason": "by hand"}})";
  const fs::path second_log = setup.dir / "second.log";
  const auto second = run_test_daily(setup, second_log);
  INFO(second.output);
  CHECK(second.status == 0);
  const std::string again = read_file(second_log);
  INFO(again);
  const auto second_wait = again.find("binance banned this IP until ");
  const auto second_live = again.find("live on binance SOL/USDT");
  REQUIRE(second_wait != std::string::npos);
  REQUIRE(second_live != std::string::npos);
  CHECK(again.find("(by hand): connecting in ", second_wait) != std::string::npos);
  CHECK(log_time_ms(again, second_live) >= later_until);
}

TEST_CASE("octobot run: real trading places the mode's orders on fake-binance, keys never in the log",
          "[cli][run][binance]") {
  RunSetup setup("binance", true);
  trade_sol_usdt_1h(setup);
  FakeBinanceSession session(setup);
  setup.config_set("exchanges.binance.api-key", kKey);
  setup.config_set("exchanges.binance.api-secret", kSecret);

  const auto run = run_test_daily(setup, setup.log);
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  // The orders reached the fake exchange: its matching engine answered them.
  check_traded_for_real(log);
  CHECK(fs::exists(setup.user / "trading" / "test_daily" / "orders-journal.sqlite"));
  CHECK(log.find(kKey) == std::string::npos);
  CHECK(log.find(kSecret) == std::string::npos);
  CHECK(run.output.find(kSecret) == std::string::npos);
}

TEST_CASE("octobot run: real trading with an Ed25519 API key stored by set-key --secret-file, the key never logged",
          "[cli][run][binance]") {
  RunSetup setup("binance", true);
  trade_sol_usdt_1h(setup);
  // RFC 8032 test 1's key pair (a published test vector, not anyone's key): the fake registers the
  // public key for kKey, the bot signs with the private key.
  const std::string body = "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g";
  const fs::path public_key = setup.user / "binance-ed25519-public.pem";
  const fs::path private_key = setup.user / "binance-ed25519.pem";
  std::ofstream(public_key)
      << "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC "
         "KEY-----\n";
  std::ofstream(private_key) << "-----BEGIN PRIVATE KEY-----\n" << body << "\n-----END PRIVATE KEY-----\n";
  FakeBinanceSession session(setup, "36000", {"--api-public-key", public_key.string()});
  const auto stored = shell_run(
      "echo " + kKey + " | " + setup.octobot("config set-key binance --secret-file " + private_key.string()) + " 2>&1");
  INFO(stored.output);
  REQUIRE(stored.status == 0);
  fs::remove(private_key);

  const auto run = run_test_daily(setup, setup.log);
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  CHECK(log.find("trading account, Ed25519 API key") != std::string::npos);
  check_traded_for_real(log);  // signed orders the fake verified with the public key
  CHECK(log.find("-1022") == std::string::npos);
  CHECK(log.find(body) == std::string::npos);
  CHECK(run.output.find(body) == std::string::npos);
  CHECK(log.find(kKey) == std::string::npos);
}

TEST_CASE(
    "octobot run: real trading whose start cannot load the account's balances retries until they load, then "
    "trades",
    "[cli][run][binance]") {
  RunSetup setup("binance", true);
  trade_sol_usdt_1h(setup);
  // The connect's account request passes (key permissions); the next 8 fail with 503: the start's
  // balances (the connector's 4 attempts) and the first retry's.
  FakeBinanceSession session(setup, "36000", {"--fault", "503:GET:/api/v3/account:8:1"});
  setup.config_set("exchanges.binance.api-key", kKey);
  setup.config_set("exchanges.binance.api-secret", kSecret);

  const auto run = shell_run(
      setup.octobot("run --profile test_daily --for 14 --history 50 --log-file " + setup.log.string()) + " 2>&1");
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  const auto unknown =
      log.find("binance account balances unknown: no order is sized until they load; retrying in 1000 ms");
  const auto still = log.find("binance account balances still unknown (");
  const auto loaded = log.find("binance account balances loaded");
  REQUIRE(unknown != std::string::npos);
  REQUIRE(still != std::string::npos);
  REQUIRE(loaded != std::string::npos);
  CHECK(unknown < still);
  CHECK(still < loaded);
  CHECK(log.find("retrying in 2000 ms", still) != std::string::npos);  // further apart each time
  // Once loaded, the mode trades on the account's funds.
  const std::regex order(R"(\[bot\] order \S+ SOL/USDT (buy|sell) \w+)");
  CHECK(std::regex_search(log.substr(loaded), order));
}

namespace {

// The fake's latest state line (SIGUSR1 / SIGUSR2, fake-binance's main.cpp).
struct FakeState {
  bool found = false;
  int filled = 0;  // by SIGHUP
  int cancelled = 0;
  std::int64_t orders_created = 0;
  std::vector<std::string> orders;                                      // "<client order id>:<status>", oldest first
  std::map<std::string, std::pair<std::string, std::string>> balances;  // free, locked
};

FakeState latest_state(const std::string& output) {
  FakeState state;
  const auto at = output.rfind("{\"state\":");
  if (at == std::string::npos) return state;
  const std::string line = output.substr(at, output.find('\n', at) - at);
  std::smatch match;
  if (!std::regex_search(line, match, std::regex(R"("cancelled":(\d+),"orders_created":(\d+),"orders":\[([^\]]*)\])")))
    return state;
  state.found = true;
  if (std::smatch filled; std::regex_search(line, filled, std::regex(R"("filled":(\d+))"))) {
    state.filled = std::stoi(filled[1]);
  }
  state.cancelled = std::stoi(match[1]);
  state.orders_created = std::stoll(match[2]);
  const std::string orders = match[3];
  const std::regex quoted(R"re("([^"]*)")re");
  for (std::sregex_iterator it(orders.begin(), orders.end(), quoted), end; it != end; ++it) {
    state.orders.push_back((*it)[1]);
  }
  const std::regex balance(R"re("(\w+)":\{"free":"([^"]*)","locked":"([^"]*)"\})re");
  for (std::sregex_iterator it(line.begin(), line.end(), balance), end; it != end; ++it) {
    state.balances[(*it)[1]] = {(*it)[2], (*it)[3]};
  }
  return state;
}

FakeState signal_and_read(octobot::testing::ChildProcess& fake, int signal, std::size_t states_before) {
  fake.kill(signal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (count_of(fake.output(), "{\"state\":") <= states_before && std::chrono::steady_clock::now() < deadline) {
    (void)fake.wait_for_output("<not printed>", std::chrono::milliseconds(100));
  }
  return latest_state(fake.output());
}

std::size_t count_status(const std::vector<std::string>& orders, const std::string& status) {
  return std::count_if(orders.begin(), orders.end(),
                       [&](const std::string& o) { return o.substr(o.rfind(':') + 1) == status; });
}

// Runs `bot` until the fake holds what `wanted` looks for, read with the fake's clock paused
// (SIGALRM) so nothing fills meanwhile, then kills the bot with -9 there (the clock stays paused).
// The market moves on between two looks. False when it never came (the outputs are logged).
bool kill_when(octobot::testing::ChildProcess& bot, octobot::testing::ChildProcess& fake, const RunSetup& setup,
               const std::string& log_line, const std::function<bool(const FakeState&)>& wanted) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(180);  // ASan on 2 busy cores
  while (std::chrono::steady_clock::now() < deadline) {
    (void)bot.wait_for_output(log_line, std::chrono::seconds(2));
    const FakeState paused = signal_and_read(fake, SIGALRM, count_of(fake.output(), "{\"state\":"));
    REQUIRE(paused.found);
    if (wanted(paused)) {
      bot.kill(SIGKILL);
      (void)bot.wait();
      return true;
    }
    REQUIRE(signal_and_read(fake, SIGALRM, count_of(fake.output(), "{\"state\":")).found);  // resumed
    (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(700));
  }
  UNSCOPED_INFO("bot output:\n" << bot.output());
  UNSCOPED_INFO("bot log:\n" << read_file(setup.log));
  UNSCOPED_INFO("fake-binance output:\n" << fake.output());
  bot.kill(SIGKILL);
  (void)bot.wait();
  return false;
}

// Fills every resting order on the fake (SIGHUP: it stops the clock for good); its state after.
FakeState fill_resting(octobot::testing::ChildProcess& fake) {
  const auto states_before = count_of(fake.output(), "{\"state\":");
  fake.kill(SIGHUP);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (count_of(fake.output(), "{\"state\":") <= states_before && std::chrono::steady_clock::now() < deadline) {
    (void)fake.wait_for_output("<not printed>", std::chrono::milliseconds(100));
  }
  return latest_state(fake.output());
}

// A store's trades of the order the exchange names `exchange_id` (the broker prefix and our id).
std::vector<octobot::channel::TradeMessage> trades_of(const fs::path& store, const std::string& exchange_id) {
  std::vector<octobot::channel::TradeMessage> found;
  for (const auto& trade : octobot::trading::TradingStore(store.string()).load_trades()) {
    if (!trade.order_id.empty() && exchange_id.ends_with(trade.order_id)) found.push_back(trade);
  }
  return found;
}

// The last snapshot of `store` is the fake's balances.
void check_snapshot_is(const fs::path& store, const FakeState& fake) {
  const Snapshot last = snapshot_of(store, true);
  for (const auto& [asset, free_locked] : fake.balances) {
    INFO(asset);
    const auto free = octobot::commons::Decimal::from_string(free_locked.first);
    const auto locked = octobot::commons::Decimal::from_string(free_locked.second);
    REQUIRE(last.balances.contains(asset));
    CHECK(last.balances.at(asset).total == free + locked);
    CHECK(last.balances.at(asset).available == free);
  }
}

// Nothing re-sent: the orders the dead bot left are exactly as `down` shows them, and every order the
// fake accepted since is a new client order id (a re-sent order would come back under its id: the
// fake refuses a duplicate only while the first is open, and these are closed).
void check_nothing_resent(const FakeState& down, const FakeState& after) {
  REQUIRE(after.orders.size() >= down.orders.size());
  CHECK(std::equal(down.orders.begin(), down.orders.end(), after.orders.begin()));
  CHECK(after.orders_created - down.orders_created ==
        static_cast<std::int64_t>(after.orders.size() - down.orders.size()));
  std::set<std::string> ids;
  for (const auto& order : after.orders) CHECK(ids.insert(order.substr(0, order.rfind(':'))).second);
}

const std::regex kReconciled(
    R"(reconciled (\d+) journal orders with binance: (\d+) open, (\d+) filled, (\d+) cancelled, (\d+) never reached it, (\d+) missed fills applied(; errors: [^\n]*)?)");

}  // namespace

TEST_CASE(
    "octobot run: real trading killed with -9 reconciles at restart what the exchange did meanwhile, "
    "never re-sends an order",
    "[cli][run][binance]") {
  // process: the row before each send goes to the journal's write-ahead file, not a SQLite commit; a
  // kill can land between a send and the row's move into SQLite, and the restart must still know it.
  const std::string durability = GENERATE("full", "process");
  INFO("journal durability " << durability);
  RunSetup setup("binance", true);
  setup.config_set("live_trading.journal_durability", durability);
  trade_sol_usdt_1h(setup);
  // An hour a second: the mode's orders rest long enough to be seen, and cancelled while it is down.
  FakeBinanceSession session(setup, "3600");
  setup.config_set("exchanges.binance.api-key", kKey);
  setup.config_set("exchanges.binance.api-secret", kSecret);
  const std::regex reconciled(
      R"(reconciled (\d+) journal orders with binance: (\d+) open, (\d+) filled, (\d+) cancelled, (\d+) never reached it, (\d+) missed fills applied)");

  {
    octobot::testing::ChildProcess bot(setup.run_arguments("--history=50"));
    REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops", std::chrono::seconds(60)));
    // Killed while an order rests on the fake's book.
    const bool resting_order_logged = bot.wait_for_output(" limit open: amount", std::chrono::seconds(90));
    if (!resting_order_logged) {  // what the bot and the fake did instead
      UNSCOPED_INFO("bot output:\n" << bot.output());
      UNSCOPED_INFO("bot log:\n" << read_file(setup.log));
      UNSCOPED_INFO("fake-binance output:\n" << session.fake.output());
    }
    REQUIRE(resting_order_logged);
    // The order is journaled and logged before its request leaves: killed once the fake holds it.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    bool resting = false;
    while (!resting && std::chrono::steady_clock::now() < deadline) {
      const FakeState now = signal_and_read(session.fake, SIGUSR2, count_of(session.fake.output(), "{\"state\":"));
      resting = count_status(now.orders, "NEW") > 0;
    }
    bot.kill(SIGKILL);
    REQUIRE(resting);
    (void)bot.wait();
  }
  const FakeState at_kill = signal_and_read(session.fake, SIGUSR2, count_of(session.fake.output(), "{\"state\":"));
  REQUIRE(at_kill.found);
  // While no bot runs, the fake's clock moves on (a resting order may fill: at 36,000x an hour passes
  // every 100 ms), then the user cancels every open order on the exchange and the market stops (the
  // clock is frozen from here on).
  const FakeState down = signal_and_read(session.fake, SIGUSR1, count_of(session.fake.output(), "{\"state\":"));
  INFO(session.fake.output());
  REQUIRE(down.found);
  REQUIRE(down.cancelled >= 1);
  std::size_t filled_while_down = 0;
  REQUIRE(down.orders.size() == at_kill.orders.size());  // nothing created while no bot ran
  for (std::size_t i = 0; i < at_kill.orders.size(); ++i) {
    if (at_kill.orders[i].ends_with(":NEW") && down.orders[i].ends_with(":FILLED")) ++filled_while_down;
  }

  // Restart: the journal settles the fills and cancels that happened meanwhile, once.
  const auto second = shell_run(setup.octobot("run --profile test_daily --for 6 --history 50") + " 2>&1");
  INFO(second.output);
  CHECK(second.status == 0);
  std::smatch report;
  REQUIRE(std::regex_search(second.output, report, reconciled));
  CHECK(std::stoi(report[1]) >= down.cancelled);
  CHECK(report[2] == "0");  // nothing is open on the fake any more
  CHECK(std::stoul(report[3]) >= filled_while_down);
  CHECK(std::stoi(report[4]) >= down.cancelled);
  CHECK(report[5] == "0");
  // The killed session's store says whose orders those were: the mode hears what became of them.
  CHECK(second.output.find("real trading: the owners of the open orders (") != std::string::npos);
  CHECK(second.output.find("closed while no bot ran told to their modes") != std::string::npos);
  CHECK(second.output.find("belongs to no trading mode") == std::string::npos);
  const FakeState after = signal_and_read(session.fake, SIGUSR2, count_of(session.fake.output(), "{\"state\":"));
  REQUIRE(after.found);
  // Nothing re-sent: the orders the fake had stay as they were, each client order id once.
  REQUIRE(after.orders.size() >= down.orders.size());
  CHECK(std::equal(down.orders.begin(), down.orders.end(), after.orders.begin(), [](const auto& a, const auto& b) {
    return a.substr(0, a.rfind(':')) == b.substr(0, b.rfind(':'));
  }));
  std::set<std::string> ids;
  for (const auto& order : after.orders) CHECK(ids.insert(order.substr(0, order.rfind(':'))).second);
  // The session's portfolio snapshots are the account's: its last one is the fake's balances (the
  // market is frozen, so they no longer move).
  const auto reals = store_files(setup.user / "trading" / "test_daily", "real-");
  REQUIRE(reals.size() == 2);
  const Snapshot last = snapshot_of(reals.back(), true);
  for (const auto& [asset, free_locked] : after.balances) {
    INFO(asset);
    const auto free = octobot::commons::Decimal::from_string(free_locked.first);
    const auto locked = octobot::commons::Decimal::from_string(free_locked.second);
    REQUIRE(last.balances.contains(asset));
    CHECK(last.balances.at(asset).total == free + locked);
    CHECK(last.balances.at(asset).available == free);
  }

  // A second restart applies nothing: what is open stays open (held local triggers aside), nothing
  // filled or cancelled meanwhile.
  const auto third = shell_run(setup.octobot("run --profile test_daily --for 4 --history 50") + " 2>&1");
  INFO(third.output);
  CHECK(third.status == 0);
  REQUIRE(std::regex_search(third.output, report, reconciled));
  CHECK(std::stoul(report[2]) == count_status(after.orders, "NEW") + count_status(after.orders, "PARTIALLY_FILLED"));
  CHECK(report[3] == "0");
  CHECK(report[4] == "0");
  CHECK(report[6] == "0");
  // Each of them (and each trigger the gateway holds) goes back to DailyTradingMode, which placed it in
  // the previous session (its store, the newest real-*.sqlite, saved the owners).
  std::smatch adopted;
  REQUIRE(std::regex_search(third.output, adopted,
                            std::regex(R"((\d+) open orders of the previous session adopted by their trading modes)")));
  CHECK(std::stoul(adopted[1]) >= std::stoul(report[2]));
  CHECK(third.output.find("real trading: the owners of the open orders (") != std::string::npos);
  CHECK(third.output.find("belongs to no trading mode") == std::string::npos);
  const FakeState last_state = signal_and_read(session.fake, SIGUSR2, count_of(session.fake.output(), "{\"state\":"));
  std::set<std::string> all;
  for (const auto& order : last_state.orders) CHECK(all.insert(order.substr(0, order.rfind(':'))).second);
}

TEST_CASE(
    "octobot run: real trading killed with -9, its resting order filled on the exchange while it is down: the "
    "restart applies the fill once and re-sends nothing",
    "[cli][run][binance]") {
  RunSetup setup("binance", true);
  trade_sol_usdt_1h(setup);
  FakeBinanceSession session(setup, "3600");
  setup.config_set("exchanges.binance.api-key", kKey);
  setup.config_set("exchanges.binance.api-secret", kSecret);
  auto& fake = session.fake;
  {
    octobot::testing::ChildProcess bot(setup.run_arguments("--history=50"));
    REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops", std::chrono::seconds(60)));
    REQUIRE(kill_when(bot, fake, setup, " limit open: amount",
                      [](const FakeState& state) { return count_status(state.orders, "NEW") > 0; }));
  }
  // After the kill: what the dead bot left on the exchange (the market still paused).
  const FakeState at_kill = signal_and_read(fake, SIGUSR2, count_of(fake.output(), "{\"state\":"));
  REQUIRE(at_kill.found);
  // While no bot runs, a trade crosses every resting order: each fills at its limit price (SIGHUP),
  // and the market stops there for good (the balances no longer move).
  const FakeState down = fill_resting(fake);
  INFO(fake.output());
  REQUIRE(down.found);
  // Deterministic: the market was paused since the book was read, so the control filled exactly the
  // orders resting at the kill, nothing else moved.
  REQUIRE(down.orders.size() == at_kill.orders.size());  // nothing created while no bot ran
  std::vector<std::string> filled_ids;                   // the exchange's client order ids
  for (std::size_t i = 0; i < at_kill.orders.size(); ++i) {
    const std::string id = at_kill.orders[i].substr(0, at_kill.orders[i].rfind(':'));
    if (at_kill.orders[i].ends_with(":NEW")) {
      CHECK(down.orders[i] == id + ":FILLED");
      filled_ids.push_back(id);
    } else {
      CHECK(down.orders[i] == at_kill.orders[i]);
    }
  }
  REQUIRE(!filled_ids.empty());
  CHECK(down.filled == static_cast<int>(filled_ids.size()));

  // Restart: the reconcile finds each fill and applies it, once.
  const auto second = shell_run(setup.octobot("run --profile test_daily --for 6 --history 50") + " 2>&1");
  INFO(second.output);
  CHECK(second.status == 0);
  std::smatch report;
  REQUIRE(std::regex_search(second.output, report, kReconciled));
  CHECK(report[7].str().empty());  // no errors
  CHECK(report[2] == "0");         // nothing is open on the fake any more
  CHECK(std::stoul(report[3]) >= filled_ids.size());
  CHECK(report[6] == report[3]);  // each order filled in one trade: one missed fill applied per order filled
  // The store holds each fill once, in the restarted session's file: the dead session never saw it.
  const auto reals = store_files(setup.user / "trading" / "test_daily", "real-");
  REQUIRE(reals.size() == 2);
  for (const auto& id : filled_ids) {
    INFO(id);
    CHECK(trades_of(reals.front(), id).empty());
    CHECK(trades_of(reals.back(), id).size() == 1);
  }
  // The portfolio is the account's (the market is stopped: it no longer moves).
  const FakeState after = signal_and_read(fake, SIGUSR2, count_of(fake.output(), "{\"state\":"));
  REQUIRE(after.found);
  check_snapshot_is(reals.back(), after);
  check_nothing_resent(down, after);
}

TEST_CASE(
    "octobot run: real trading on a market that fills orders in parts, killed with -9 mid-order: the restart "
    "applies only the parts it missed, every part counted once",
    "[cli][run][binance]") {
  RunSetup setup("binance", true);
  trade_sol_usdt_1h(setup);
  // A candle fills at most a fifth of a resting order: orders fill over five candles or more.
  FakeBinanceSession session(setup, "3600", {"--fill-share-of-order", "0.2"});
  setup.config_set("exchanges.binance.api-key", kKey);
  setup.config_set("exchanges.binance.api-secret", kSecret);
  auto& fake = session.fake;
  std::string partial;  // the exchange's client id of the order killed mid-fill
  {
    octobot::testing::ChildProcess bot(setup.run_arguments("--history=50"));
    REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops", std::chrono::seconds(60)));
    // Killed while an order is partly filled on the fake and the bot has applied a part of it.
    const std::regex applied(R"(\[bot\] order (\S+) SOL/USDT \w+ limit partially_filled: )");
    REQUIRE(kill_when(bot, fake, setup, " partially_filled: amount", [&](const FakeState& state) {
      const std::string output = bot.output();
      for (const auto& order : state.orders) {
        if (!order.ends_with(":PARTIALLY_FILLED")) continue;
        const std::string id = order.substr(0, order.rfind(':'));
        for (std::sregex_iterator it(output.begin(), output.end(), applied), end; it != end; ++it) {
          if (id.ends_with((*it)[1].str())) partial = id;
        }
        if (!partial.empty()) return true;
      }
      return false;
    }));
  }
  const FakeState down = fill_resting(fake);  // the rest of every open order, while no bot runs
  INFO(fake.output());
  REQUIRE(down.found);
  REQUIRE(down.filled >= 1);
  CHECK(std::find(down.orders.begin(), down.orders.end(), partial + ":FILLED") != down.orders.end());

  const auto second = shell_run(setup.octobot("run --profile test_daily --for 6 --history 50") + " 2>&1");
  INFO(second.output);
  CHECK(second.status == 0);
  std::smatch report;
  REQUIRE(std::regex_search(second.output, report, kReconciled));
  CHECK(report[7].str().empty());  // no errors: every fill the exchange counts was found
  CHECK(report[2] == "0");
  CHECK(std::stoi(report[3]) >= 1);
  CHECK(std::stoi(report[6]) >= std::stoi(report[3]));  // at least the last part of each

  // Every order the fake filled: its parts in the two sessions' stores add up to its amount exactly,
  // each trade once. The one killed mid-fill has parts in both: the live ones and the missed ones.
  const auto reals = store_files(setup.user / "trading" / "test_daily", "real-");
  REQUIRE(reals.size() == 2);
  std::map<std::string, octobot::commons::Decimal> amounts;  // our order id -> amount, from the stores
  for (const auto& file : reals) {
    for (const auto& order : octobot::trading::TradingStore(file.string()).load_orders())
      amounts[order.id] = order.amount;
  }
  std::size_t checked = 0;
  for (const auto& order : down.orders) {
    if (!order.ends_with(":FILLED")) continue;
    const std::string id = order.substr(0, order.rfind(':'));
    INFO(id);
    const auto first = trades_of(reals.front(), id);
    const auto restarted = trades_of(reals.back(), id);
    std::set<std::string> trade_ids;
    octobot::commons::Decimal total;
    for (const auto* part : {&first, &restarted}) {
      for (const auto& trade : *part) {
        CHECK(trade_ids.insert(trade.trade_id).second);
        total += trade.amount;
      }
    }
    const auto ours =
        std::find_if(amounts.begin(), amounts.end(), [&](const auto& entry) { return id.ends_with(entry.first); });
    REQUIRE(ours != amounts.end());
    CHECK(total == ours->second);
    if (id == partial) {
      CHECK(!first.empty());
      CHECK(!restarted.empty());
      CHECK(first.size() + restarted.size() >= 2);
    }
    ++checked;
  }
  CHECK(checked >= 1);
  const FakeState after = signal_and_read(fake, SIGUSR2, count_of(fake.output(), "{\"state\":"));
  REQUIRE(after.found);
  check_snapshot_is(reals.back(), after);
  check_nothing_resent(down, after);
}

TEST_CASE("octobot run: real trading over https and wss with ca_file trusting the exchange's CA, refused without it",
          "[cli][run][binance][tls]") {
  RunSetup setup("binance", true);
  trade_sol_usdt_1h(setup);
  // The fake serves TLS only, with a certificate from a throwaway CA that no system store holds.
  const octobot::testing::TestCertificateAuthority ca(setup.dir.path());
  const auto certificate = ca.issue("fake-binance", {"127.0.0.1", "localhost"});
  FakeBinanceSession session(
      setup, "36000",
      {"--tls-cert", certificate.certificate_file.string(), "--tls-key", certificate.private_key_file.string()});
  REQUIRE(session.base_url.rfind("https://127.0.0.1:", 0) == 0);
  setup.config_set("exchanges.binance.api-key", kKey);
  setup.config_set("exchanges.binance.api-secret", kSecret);

  // Its CA not trusted: the start is refused with the certificate's problem, and nothing is sent.
  const fs::path refused_log = setup.dir / "refused.log";
  const auto refused = run_test_daily(setup, refused_log);
  INFO(refused.output);
  CHECK(refused.status == 1);
  CHECK(refused.output.find("unable to get local issuer certificate") != std::string::npos);
  CHECK(refused.output.find("TLS certificate was refused") != std::string::npos);
  CHECK(signal_and_read(session.fake, SIGUSR2, 0).orders_created == 0);

  // Trusted through ca_file: the session reconciles, trades on the fake over https, its events on wss.
  setup.config_set("exchanges.binance.ca_file", ca.ca_file().string());
  const auto run = run_test_daily(setup, setup.log);
  INFO(run.output);
  CHECK(run.status == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  check_traded_for_real(log);
  CHECK(log.find("certificate") == std::string::npos);
  CHECK(signal_and_read(session.fake, SIGUSR2, 1).orders_created >= 1);
}

namespace {

const std::string kWebToken = "T0ken-for-the-real-tradingview-webhook-7";

// Posts a TradingView alert to the bot's webhook; true when the web API accepted it.
bool post_alert(std::uint16_t port, const std::string& alert) {
  return octobot::testing::http_request(port, "POST", "/api/v1/webhook/tv", kWebToken, alert).status == 202;
}

// Reads the fake's orders (SIGUSR2) until `wanted` holds or 15 s passed; the last state read.
FakeState wait_for_fake(octobot::testing::ChildProcess& fake, const std::function<bool(const FakeState&)>& wanted) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  FakeState state = signal_and_read(fake, SIGUSR2, count_of(fake.output(), "{\"state\":"));
  while (!wanted(state) && std::chrono::steady_clock::now() < deadline) {
    (void)fake.wait_for_output("<not printed>", std::chrono::milliseconds(100));
    state = signal_and_read(fake, SIGUSR2, count_of(fake.output(), "{\"state\":"));
  }
  return state;
}

// The fake's orders sent by the bot (its broker prefix) with `status`, as "<client order id>:<status>".
std::vector<std::string> bot_orders(const FakeState& state, const std::string& prefix, const std::string& status) {
  std::vector<std::string> found;
  for (const auto& order : state.orders) {
    if (order.starts_with(prefix) && order.ends_with(":" + status)) found.push_back(order);
  }
  return found;
}

}  // namespace

TEST_CASE(
    "octobot run: TradingView alerts on the webhook in real trading buy, rest and cancel on fake-binance, keys "
    "never logged",
    "[cli][run][binance][tradingview]") {
  RunSetup setup("binance", true);
  add_tradingview_profile(setup, "binance", "SOL/USDT", true);
  FakeBinanceSession session(setup);
  auto& fake = session.fake;
  setup.config_set("exchanges.binance.api-key", kKey);
  setup.config_set("exchanges.binance.api-secret", kSecret);
  // The client order ids the connector sends start "x-<broker_id>": the fake's orders that are the bot's.
  setup.config_set("exchanges.binance.broker_id", "tvE2E");
  const std::string prefix = "x-tvE2E";
  setup.config_set("interfaces.web.enabled", "true");
  setup.config_set("interfaces.web.port", "0");
  setup.config_set("interfaces.web.token", kWebToken);
  std::vector<std::string> arguments = setup.run_arguments("--history=50");
  arguments[3] = "test_tv";
  octobot::testing::ChildProcess bot(arguments);
  REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops", std::chrono::seconds(60)));
  const std::uint16_t port = web_port(bot.output());
  REQUIRE(port != 0);
  INFO(bot.output());

  // (1) BUY at market, TradingView's ticker form: a market buy filled on the fake's matching engine.
  REQUIRE(post_alert(port, "EXCHANGE=binance\nSYMBOL=SOLUSDT\nSIGNAL=BUY\nVOLUME=100q\nTAG=tv-real"));
  CHECK(wait_for_match(bot, std::regex(R"(\[bot\] order \S+ SOL/USDT buy market)"), std::chrono::seconds(15)));
  const FakeState bought =
      wait_for_fake(fake, [&](const FakeState& state) { return !bot_orders(state, prefix, "FILLED").empty(); });
  INFO(fake.output());
  REQUIRE(bot_orders(bought, prefix, "FILLED").size() == 1);
  CHECK(bought.orders.size() == 1);  // nothing else on the account

  // (2) A limit BUY far below any 2024 SOL price rests on the fake.
  REQUIRE(post_alert(port, "SYMBOL=SOLUSDT;SIGNAL=BUY;ORDER_TYPE=LIMIT;PRICE=10;VOLUME=1;TAG=far"));
  const FakeState resting =
      wait_for_fake(fake, [&](const FakeState& state) { return !bot_orders(state, prefix, "NEW").empty(); });
  const auto open = bot_orders(resting, prefix, "NEW");
  REQUIRE(open.size() == 1);
  const std::string limit_id = open.front().substr(0, open.front().rfind(':'));

  // (3) CANCEL with its TAG: that order cancelled on the fake.
  REQUIRE(post_alert(port, "SYMBOL=SOLUSDT;SIGNAL=CANCEL;TAG=far"));
  const FakeState cancelled = wait_for_fake(fake, [&](const FakeState& state) {
    return std::find(state.orders.begin(), state.orders.end(), limit_id + ":CANCELED") != state.orders.end();
  });
  CHECK(std::find(cancelled.orders.begin(), cancelled.orders.end(), limit_id + ":CANCELED") != cancelled.orders.end());
  CHECK(wait_for_match(bot, std::regex(R"(cancelled buy order \S+ \(far\): CANCEL alert)"), std::chrono::seconds(10)));

  // (4) A malformed alert: logged with the value at fault, nothing new on the fake.
  REQUIRE(post_alert(port, "SYMBOL=SOLUSDT\nSIGNAL=HODL"));
  CHECK(bot.wait_for_output("not traded: SIGNAL: expected BUY, SELL or CANCEL, found \"HODL\"",
                            std::chrono::seconds(10)));
  const FakeState after = signal_and_read(fake, SIGUSR2, count_of(fake.output(), "{\"state\":"));
  REQUIRE(after.found);
  CHECK(after.orders_created == cancelled.orders_created);
  CHECK(after.orders == cancelled.orders);

  bot.kill(SIGTERM);
  CHECK(bot.wait() == 0);
  const std::string log = read_file(setup.log);
  INFO(log);
  CHECK(std::regex_search(log, std::regex(R"(\[bot\] order \S+ SOL/USDT buy market)")));
  CHECK(log.find(kKey) == std::string::npos);
  CHECK(log.find(kSecret) == std::string::npos);
  CHECK(bot.output().find(kKey) == std::string::npos);
  CHECK(bot.output().find(kSecret) == std::string::npos);
}
