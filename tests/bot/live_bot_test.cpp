// The live bot in paper mode, fed by TestExchange (tests/exchanges/test_connector) through the real
// ConnectorClient, running the bundled DailyTrading profile: candles in, orders out, the store written
// and flushed at stop; start failures reported; real trading through the LiveGateway.
#include <catch2/catch.hpp>
#include <octobot/bot/live_bot.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/exchanges/connector_client.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/trading_store.hpp>

#include <boost/asio/io_context.hpp>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "host_options.hpp"
#include "order_checks.hpp"
#include "temp_dir.hpp"

namespace {

using namespace octobot;
using Overrides = std::map<std::string, std::string, std::less<>>;

commons::Profile daily_trading() {
  return commons::load_profile(std::filesystem::path(OCTOBOT_SOURCE_DIR) / "profiles" / "daily_trading");
}

tentacles::TentacleHost& bundled_host() {
  static tentacles::TentacleHost host(octobot::testing::host_options(OCTOBOT_BUNDLED_TENTACLES, daily_trading()));
  static const bool loaded = (host.load(), true);
  (void)loaded;
  return host;
}

tentacles::TentacleHost& connector_host() {
  static tentacles::TentacleHost host([] {
    tentacles::HostOptions options;
    options.tentacles_root = OCTOBOT_EXCHANGES_TEST_TREE;
    options.probe = false;
    return options;
  }());
  static const bool loaded = (host.load(), true);
  (void)loaded;
  return host;
}

struct LiveRun {
  octobot::testing::TempDir dir;
  boost::asio::io_context io;
  tentacles::HostServices connector_services;
  std::unique_ptr<exchanges::ConnectorClient> client;
  std::unique_ptr<bot::LiveBot> bot;
  std::optional<std::optional<std::string>> started;  // set when on_live ran

  explicit LiveRun(std::map<std::string, std::string, std::less<>> connector_overrides,
                   commons::Profile profile = daily_trading(), bot::TradingKind kind = bot::TradingKind::paper,
                   std::filesystem::path resume_from = {}, tentacles::TentacleHost* host = nullptr,
                   std::filesystem::path journal_file = {}) {
    connector_overrides.emplace("record_file", "\"" + (dir / "calls.txt").string() + "\"");
    connector_services.set_config_overrides({{"TestExchange", connector_overrides}});
    client = std::make_unique<exchanges::ConnectorClient>(connector_host(), "binance", "TestExchange",
                                                          channel::make_executor(io), &connector_services);
    bot::LiveBotConfig config;
    config.profile = std::move(profile);
    config.kind = kind;
    config.history_candles = 100;
    config.store_file = dir / "paper.sqlite";
    config.resume_from = std::move(resume_from);
    config.journal_file = std::move(journal_file);
    bot = std::make_unique<bot::LiveBot>(host != nullptr ? *host : bundled_host(), *client, channel::make_executor(io),
                                         std::move(config));
  }

  template <typename Predicate>
  void run_until(Predicate done, std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      io.restart();
      io.run_for(std::chrono::milliseconds(20));
    }
  }
};

}  // namespace

TEST_CASE("live bot: the default profile paper-trades on the connector's candles and the store keeps it",
          "[bot][live]") {
  // 240 hourly steps of a 48 h sine: RSI and the moving averages swing both ways several times.
  LiveRun run(Overrides{{"live_steps", "240"}, {"step_interval_ms", "4"}});
  REQUIRE(run.bot->time_frames().size() == 3);  // SimpleStrategyEvaluator's 1h, 4h, 1d
  run.bot->start([&](std::optional<std::string> error) { run.started = error; });
  run.run_until([&] { return run.bot->stats().live_candles >= 240 + 60 + 10; });
  REQUIRE(run.started.has_value());
  CHECK_FALSE(run.started->has_value());
  bot::LiveBotStats stats = run.bot->stats();
  // 100 candles of each of 3 series warmed the buffers; 240 + 60 + 10 closed live candles followed.
  CHECK(stats.history_candles == 300);
  CHECK(stats.live_candles == 310);
  CHECK(stats.strategy_notes > 0);
  CHECK(stats.orders_created > 0);
  CHECK(stats.order_updates >= stats.orders_created);
  CHECK(stats.tentacle_errors == 0);
  // Bot time is the exchange's: the last closed candle's close.
  CHECK(stats.bot_time_ms == 1699920000000 + 240 * 3'600'000);
  // The order book is asked for once per symbol, with its ticker, on the shortest time frame; every
  // hourly step's book after the bot went live reached the OrderBook channel.
  int book_subscriptions = 0;
  int subscriptions = 0;
  {
    std::ifstream calls(run.dir / "calls.txt");
    for (std::string line; std::getline(calls, line);) {
      if (line.rfind("subscribe BTC/USDT ", 0) != 0) continue;
      ++subscriptions;
      if (line.find("subscribe BTC/USDT 1h streams=7") == 0) ++book_subscriptions;
    }
  }
  CHECK(subscriptions == 3);
  CHECK(book_subscriptions == 1);
  CHECK(stats.order_books > 0);  // books before the bot went live are not kept
  CHECK(stats.order_books <= 240);

  run.bot->stop();
  // Flushed at stop: another connection sees every order and the final snapshot.
  trading::TradingStore store((run.dir / "paper.sqlite").string());
  CHECK(store.load_orders().size() == stats.orders_created);
  const auto values = store.load_portfolio_values();
  REQUIRE_FALSE(values.empty());
  CHECK(values.back().time_ms == stats.bot_time_ms);
}

TEST_CASE("live bot: a connector failure at start is reported, and the bot stops", "[bot][live]") {
  LiveRun run(Overrides{{"live_steps", "5"}, {"fail_candles", "true"}});
  run.bot->start([&](std::optional<std::string> error) { run.started = error; });
  run.run_until([&] { return run.started.has_value(); });
  REQUIRE(run.started.has_value());
  REQUIRE(run.started->has_value());
  CHECK(run.started->value().find("history failed: TestExchange: connection refused (scripted)") != std::string::npos);
  CHECK(run.bot->stats().live_candles == 0);
}

TEST_CASE("live bot: a symbol the exchange does not list is refused by name", "[bot][live]") {
  commons::Profile profile = daily_trading();
  profile.currencies = {{"Ether", true, {"ETH/USDT"}}};
  LiveRun run(Overrides{}, profile);
  run.bot->start([&](std::optional<std::string> error) { run.started = error; });
  run.run_until([&] { return run.started.has_value(); });
  REQUIRE(run.started.has_value());
  REQUIRE(run.started->has_value());
  CHECK(**run.started == "the profile trades ETH/USDT but binance has no such market");
}

TEST_CASE("live bot: real trading sends the mode's orders to the exchange through the live gateway", "[bot][live]") {
  commons::Profile profile = daily_trading();
  profile.trader_enabled = true;
  CHECK(bot::trading_kind(profile) == bot::TradingKind::real);
  CHECK(bot::trading_kind(daily_trading()) == bot::TradingKind::paper);
  LiveRun run(Overrides{{"live_steps", "240"}, {"step_interval_ms", "4"}}, profile, bot::TradingKind::real);
  run.bot->start([&](std::optional<std::string> error) { run.started = error; });
  run.run_until([&] { return run.bot->stats().live_candles >= 310; });
  REQUIRE(run.started.has_value());
  CHECK_FALSE(run.started->has_value());
  const bot::LiveBotStats stats = run.bot->stats();
  CHECK(stats.live_candles == 310);
  CHECK(stats.orders_created > 0);
  run.bot->stop();
  // The journal was reconciled (balances, open orders) before anything traded, and each order the
  // modes created reached the connector under the gateway's client order id.
  std::ifstream calls(run.dir / "calls.txt");
  std::string line;
  std::size_t created = 0;
  std::size_t first_create = 0, first_balances = 0, index = 0;
  while (std::getline(calls, line)) {
    ++index;
    if (line.rfind("create_order ob", 0) == 0 && created++ == 0) first_create = index;
    if (line.rfind("balances", 0) == 0 && first_balances == 0) first_balances = index;
  }
  // Stop-loss orders are held by the gateway (emulated) and orders that do not fit are refused locally:
  // neither reaches the exchange.
  CHECK(created > 0);
  CHECK(created <= stats.orders_created);
  CHECK(first_balances > 0);
  CHECK(first_balances < first_create);
  CHECK(std::filesystem::exists(run.dir / "orders-journal.sqlite"));
  // The snapshots are the account's: the gateway's balances, which reconciliation took from the
  // exchange (TestExchange: USDT 1000, BTC 1), not the exchange manager's (empty in real trading).
  const trading::TradingStore store((run.dir / "paper.sqlite").string());
  const auto history = store.load_portfolio_history();
  REQUIRE_FALSE(history.empty());
  std::map<std::string, trading::Balance> first;
  for (const auto& row : history) {
    if (row.time_ms == history.front().time_ms && row.portfolio == "main") first[row.asset] = row.balance;
  }
  CHECK(first["USDT"].total == commons::Decimal::from_integer(1000));
  CHECK(first["BTC"].total == commons::Decimal::from_integer(1));
}

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

// The account's balances of the last snapshot of a store, with its time.
std::pair<std::int64_t, std::map<std::string, trading::Balance>> last_snapshot(const std::filesystem::path& file) {
  const trading::TradingStore store(file.string());
  std::pair<std::int64_t, std::map<std::string, trading::Balance>> last{0, {}};
  for (const auto& row : store.load_portfolio_history()) {
    if (row.portfolio != "main") continue;
    if (row.time_ms > last.first) last = {row.time_ms, {}};
    last.second[row.asset] = row.balance;
  }
  return last;
}

}  // namespace

TEST_CASE("live bot: a paper session continues the previous one: its portfolio and open orders", "[bot][live]") {
  // Session 1 trades on 240 hourly candles and stops with orders open.
  std::filesystem::path first_store;
  octobot::testing::TempDir keep;
  std::int64_t end_ms = 0;
  {
    LiveRun first(Overrides{{"live_steps", "240"}, {"step_interval_ms", "4"}});
    first.bot->start([&](std::optional<std::string> error) { first.started = error; });
    first.run_until([&] { return first.bot->stats().live_candles >= 310; });
    REQUIRE(first.bot->stats().orders_created > 0);
    end_ms = first.bot->stats().bot_time_ms;
    first.bot.reset();  // closes the store: its file holds everything (no WAL beside it)
    first_store = keep / "first.sqlite";
    std::filesystem::copy_file(first.dir / "paper.sqlite", first_store);
  }
  const auto [saved_ms, saved] = last_snapshot(first_store);
  CHECK(saved_ms == end_ms);
  const auto open_orders = trading::TradingStore(first_store.string()).load_open_orders();
  REQUIRE_FALSE(open_orders.empty());  // a limit order rests: what session 2 must restore
  const commons::Profile profile = daily_trading();
  CHECK(saved.at("USDT").total != commons::Decimal::from_string(profile.starting_portfolio.at("USDT")));

  // Session 2 starts where the exchange is now (its history ends at session 1's last candle), resuming.
  std::string log;
  const auto previous_level = commons::log_level();
  commons::set_log_level(commons::LogLevel::info);
  const auto previous_sink =
      commons::set_log_sink([&log](const commons::LogRecord& record) { log += std::string(record.message) + "\n"; });
  LiveRun second(Overrides{{"live_steps", "1"}, {"history_start_ms", std::to_string(end_ms)}}, profile,
                 bot::TradingKind::paper, first_store);
  second.bot->start([&](std::optional<std::string> error) { second.started = error; });
  second.run_until([&] { return second.started.has_value(); });
  REQUIRE(second.started.has_value());
  CHECK_FALSE(second.started->has_value());
  // Each open order comes back, but for a group member sharing its group's funds (groups are not
  // saved: it is cancelled, see below).
  const std::uint64_t restored = second.bot->stats().orders_restored;
  CHECK(restored >= 1);
  CHECK(restored + count_of(log, "shared its group's reserved funds") == open_orders.size());
  // Each one restored goes back to DailyTradingMode, which created it (its owner and tag were saved
  // with the checkpoint): the mode can cancel it when its state flips instead of trading beside it.
  const auto owners = trading::TradingStore(first_store.string()).load_order_links().owners;
  CHECK(owners.size() == open_orders.size());
  for (const auto& owner : owners) {
    CHECK(owner.mode == "DailyTradingMode");
    CHECK(owner.mode_symbol == open_orders.front().symbol);
  }
  CHECK(second.bot->stats().orders_adopted == restored);
  CHECK(log.find("belongs to no trading mode") == std::string::npos);
  second.bot->stop();
  commons::set_log_sink(previous_sink);
  commons::set_log_level(previous_level);
  // Its first snapshot (at its start, before any live candle) is exactly session 1's last: totals and
  // reservations, so the restored orders hold the same funds and nothing was applied twice.
  const trading::TradingStore store((second.dir / "paper.sqlite").string());
  const auto history = store.load_portfolio_history();
  REQUIRE_FALSE(history.empty());
  std::map<std::string, trading::Balance> start;
  for (const auto& row : history) {
    if (row.time_ms == history.front().time_ms && row.portfolio == "main") start[row.asset] = row.balance;
  }
  CHECK(history.front().time_ms == end_ms);
  // (The mode may place an order on its first evaluation at that same time: reservations can differ.)
  for (const auto& [asset, balance] : saved) {
    INFO(asset << " saved " << balance.total << ", restored " << start[asset].total);
    CHECK(start[asset].total == balance.total);
  }
  // At the restore itself the restored orders hold exactly the snapshot's reserved funds.
  CHECK(log.find("paper trading continues the previous session (" + first_store.string() + ")") != std::string::npos);
  CHECK(log.find("restored " + std::to_string(restored) + " open orders of the previous session, ") !=
        std::string::npos);
  INFO(log);
  CHECK(log.find("reservations differ") == std::string::npos);
  // The restored orders are in the new store, still open, under their ids; new ones never reuse an id.
  std::set<std::string> restored_ids;
  for (const auto& order : open_orders) restored_ids.insert(order.id);
  std::set<std::string> first_ids;
  for (const auto& order : trading::TradingStore(first_store.string()).load_orders()) first_ids.insert(order.id);
  std::set<std::string> second_ids;
  for (const auto& order : store.load_orders()) {
    second_ids.insert(order.id);
    if (!restored_ids.contains(order.id)) CHECK_FALSE(first_ids.contains(order.id));
  }
  for (const auto& id : restored_ids) CHECK(second_ids.contains(id));  // open, or cancelled as said
}

namespace {

// The bundled tentacles plus LinkedOrdersMode (tests/bot/tentacles/linked_orders_mode), with the
// DailyTrading profile's evaluators and strategy and that mode instead of DailyTradingMode.
struct LinkedOrdersHost {
  octobot::testing::TempDir tree;
  octobot::testing::TempDir profile_dir;
  commons::Profile profile;
  std::unique_ptr<tentacles::TentacleHost> host;

  LinkedOrdersHost() {
    namespace fs = std::filesystem;
    fs::copy(OCTOBOT_BUNDLED_TENTACLES, tree.path(), fs::copy_options::recursive);
    fs::copy(fs::path(OCTOBOT_LINKED_ORDERS_TREE), tree.path(),
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    fs::copy(fs::path(OCTOBOT_SOURCE_DIR) / "profiles" / "daily_trading", profile_dir.path(),
             fs::copy_options::recursive);
    profile_dir.write("tentacles_config.json", R"({"tentacle_activation": {
        "Evaluator": {"DoubleMovingAverageTrendEvaluator": true, "RSIMomentumEvaluator": true,
                      "SimpleStrategyEvaluator": true},
        "Trading": {"LinkedOrdersMode": true}}})");
    profile = commons::load_profile(profile_dir.path());
    host = std::make_unique<tentacles::TentacleHost>(octobot::testing::host_options(tree.path(), profile));
    host->load();
  }
};

LinkedOrdersHost& linked_orders_host() {
  static LinkedOrdersHost linked;
  return linked;
}

constexpr std::int64_t kTestExchangeStartMs = 1699920000000;
constexpr std::int64_t kHourMs = 3'600'000;

// Runs until the bot time reaches `end_ms` (the connector's last step), then stops the bot.
void run_to(LiveRun& run, std::int64_t end_ms) {
  run.bot->start([&](std::optional<std::string> error) { run.started = error; });
  run.run_until([&] { return run.bot->stats().bot_time_ms >= end_ms; }, std::chrono::seconds(60));
  REQUIRE(run.started.has_value());
  REQUIRE_FALSE(run.started->has_value());
  REQUIRE(run.bot->stats().bot_time_ms == end_ms);
  run.bot->stop();
}

}  // namespace

TEST_CASE("live bot: a paper session resumed with an order group and a chain open ends as one that never stopped",
          "[bot][live]") {
  LinkedOrdersHost& linked = linked_orders_host();
  // The mode reacts to its order updates and candles one delivery later on the bot loop, while the
  // connector's feed moves on at its own pace: steps slower than 2 ms leave the loop time to catch
  // up on a loaded machine, so that both sessions react on the same candles.
  const std::string kReactiveStepMs = "15";
  const std::int64_t stop_ms = kTestExchangeStartMs + 240 * kHourMs;  // 5 periods of the 48 h sine
  const std::int64_t end_ms = kTestExchangeStartMs + 300 * kHourMs;

  // The uninterrupted session: 300 hourly steps.
  LiveRun twin(Overrides{{"live_steps", "300"}, {"step_interval_ms", kReactiveStepMs}}, linked.profile,
               bot::TradingKind::paper, {}, linked.host.get());
  run_to(twin, end_ms);
  const trading::TradingStore twin_store((twin.dir / "paper.sqlite").string());
  const auto twin_orders = twin_store.load_orders();
  // LinkedOrdersMode's orders at 234 h: the group (take-profit sim-1, stop sim-2), the entry sim-3 and
  // the resting buy sim-4. The take-profit filled and cancelled its stop, and the mode, told of that
  // fill, placed sim-5; at 250 h it cancelled the resting order it found among its open orders and
  // placed sim-6 instead; the entry filled and created its chained exits (sim-7, sim-8), whose
  // take-profit filled (the mode then placed sim-9) and cancelled their stop.
  REQUIRE(twin_orders.size() == 9);
  const std::vector<trading::OrderState> twin_states{
      trading::OrderState::filled,    trading::OrderState::cancelled, trading::OrderState::filled,
      trading::OrderState::cancelled, trading::OrderState::open,      trading::OrderState::open,
      trading::OrderState::filled,    trading::OrderState::cancelled, trading::OrderState::open};
  for (std::size_t i = 0; i < twin_orders.size(); ++i) {
    INFO(twin_orders[i].id);
    CHECK(twin_orders[i].state == twin_states[i]);
  }
  // The orders left open belong to LinkedOrdersMode on BTC/USDT with the tags it gave them.
  const trading::OrderLinks twin_links = twin_store.load_order_links();
  const std::vector<trading::OrderOwnerLink> twin_owners{{"sim-5", "LinkedOrdersMode", "BTC/USDT", "after-take-profit"},
                                                         {"sim-6", "LinkedOrdersMode", "BTC/USDT", "resting-moved"},
                                                         {"sim-9", "LinkedOrdersMode", "BTC/USDT", "after-exit"}};
  CHECK(twin_links.owners == twin_owners);
  // Every fill after 240 h: what the resumed session must do itself.
  const auto twin_trades = twin_store.load_trades();
  REQUIRE(twin_trades.size() == 3);
  for (const auto& trade : twin_trades) CHECK(trade.timestamp_ms >= stop_ms);

  // Session 1 stops at 240 h with the group and the entry open, the exits chained to the entry.
  octobot::testing::TempDir keep;
  const auto first_store = keep / "first.sqlite";
  {
    LiveRun first(Overrides{{"live_steps", "240"}, {"step_interval_ms", kReactiveStepMs}}, linked.profile,
                  bot::TradingKind::paper, {}, linked.host.get());
    run_to(first, stop_ms);
    first.bot.reset();
    std::filesystem::copy_file(first.dir / "paper.sqlite", first_store);
  }
  {
    const trading::TradingStore saved(first_store.string());
    CHECK(saved.load_open_orders().size() == 4);
    const trading::OrderLinks links = saved.load_order_links();
    const std::vector<trading::OrderOwnerLink> owners{{"sim-1", "LinkedOrdersMode", "BTC/USDT", "group-take-profit"},
                                                      {"sim-2", "LinkedOrdersMode", "BTC/USDT", "group-stop"},
                                                      {"sim-3", "LinkedOrdersMode", "BTC/USDT", "entry"},
                                                      {"sim-4", "LinkedOrdersMode", "BTC/USDT", "resting"}};
    CHECK(links.owners == owners);
    REQUIRE(links.groups.size() == 1);
    CHECK(links.groups[0].order_ids == std::vector<std::string>{"sim-1", "sim-2"});
    CHECK(links.groups[0].reserved == commons::Decimal::from_string("0.5"));
    REQUIRE(links.chains.size() == 1);
    CHECK(links.chains[0].parent_id == "sim-3");
    CHECK(links.chains[0].requests.size() == 2);
    CHECK(links.chains[0].tags == std::vector<std::string>{"exit-take-profit", "exit-stop"});
  }

  // Session 2 resumes it for the last 60 steps (TestExchange's sine is periodic: the same candles).
  std::string log;
  const auto previous_level = commons::log_level();
  commons::set_log_level(commons::LogLevel::info);
  const auto previous_sink =
      commons::set_log_sink([&log](const commons::LogRecord& record) { log += std::string(record.message) + "\n"; });
  LiveRun second(
      Overrides{
          {"live_steps", "60"}, {"step_interval_ms", kReactiveStepMs}, {"history_start_ms", std::to_string(stop_ms)}},
      linked.profile, bot::TradingKind::paper, first_store, linked.host.get());
  run_to(second, end_ms);
  commons::set_log_sink(previous_sink);
  commons::set_log_level(previous_level);
  INFO(log);
  const bot::LiveBotStats stats = second.bot->stats();
  CHECK(stats.orders_restored == 4);
  CHECK(stats.groups_restored == 1);
  CHECK(stats.chains_restored == 1);
  // Each back with LinkedOrdersMode, which then hears of their fills, finds them among its open orders
  // and cancels one of them, as in the session that never stopped.
  CHECK(stats.orders_adopted == 4);
  CHECK(log.find("restored 4 open orders of the previous session, 1 order groups, 1 pending chains\n") !=
        std::string::npos);
  CHECK(log.find("belongs to no trading mode") == std::string::npos);
  CHECK(log.find("not restored") == std::string::npos);
  CHECK(log.find("shared its group's reserved funds") == std::string::npos);

  // The same orders, fills and final portfolio as the session that never stopped, exactly.
  const trading::TradingStore second_store((second.dir / "paper.sqlite").string());
  const auto second_orders = second_store.load_orders();
  REQUIRE(second_orders.size() == twin_orders.size());
  for (std::size_t i = 0; i < twin_orders.size(); ++i)
    octobot::testing::check_same_order(second_orders[i], twin_orders[i]);
  const auto second_trades = second_store.load_trades();
  REQUIRE(second_trades.size() == twin_trades.size());
  for (std::size_t i = 0; i < twin_trades.size(); ++i) {
    CHECK(second_trades[i].order_id == twin_trades[i].order_id);
    CHECK(second_trades[i].price == twin_trades[i].price);
    CHECK(second_trades[i].amount == twin_trades[i].amount);
    CHECK(second_trades[i].fee == twin_trades[i].fee);
    CHECK(second_trades[i].timestamp_ms == twin_trades[i].timestamp_ms);
  }
  const auto [twin_ms, twin_final] = last_snapshot(twin.dir / "paper.sqlite");
  const auto [second_ms, second_final] = last_snapshot(second.dir / "paper.sqlite");
  CHECK(twin_ms == end_ms);
  CHECK(second_ms == end_ms);
  CHECK(second_final == twin_final);
  // The same orders left open, owned by the same mode with the same tags (the chain's exits were the
  // mode's: their fill reached it).
  const trading::OrderLinks second_links = second_store.load_order_links();
  CHECK(second_links.groups.empty());
  CHECK(second_links.chains.empty());
  CHECK(second_links.owners == twin_owners);

  // The same store as an older version wrote it (no link tables) still resumes, with a warning: the
  // group's stop comes back alone and is cancelled (the snapshot reserved its funds once), no chain.
  const auto old_store = keep / "old.sqlite";
  std::filesystem::copy_file(first_store, old_store);
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(old_store.string().c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "DROP TABLE order_groups; DROP TABLE chained_orders; DROP TABLE order_owners;", nullptr,
                       nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  std::string old_log;
  commons::set_log_level(commons::LogLevel::info);
  const auto sink = commons::set_log_sink(
      [&old_log](const commons::LogRecord& record) { old_log += std::string(record.message) + "\n"; });
  LiveRun third(
      Overrides{{"live_steps", "1"}, {"step_interval_ms", "2"}, {"history_start_ms", std::to_string(stop_ms)}},
      linked.profile, bot::TradingKind::paper, old_store, linked.host.get());
  run_to(third, stop_ms + kHourMs);
  commons::set_log_sink(sink);
  commons::set_log_level(previous_level);
  INFO(old_log);
  CHECK(old_log.find(old_store.string() + " was written before order groups and chains were saved") !=
        std::string::npos);
  CHECK(old_log.find("order sim-2 of the previous session cancelled: it shared its group's reserved funds") !=
        std::string::npos);
  CHECK(old_log.find(old_store.string() + " was written before the owners of open orders were saved") !=
        std::string::npos);
  CHECK(third.bot->stats().orders_restored == 3);
  CHECK(third.bot->stats().groups_restored == 0);
  CHECK(third.bot->stats().chains_restored == 0);
  CHECK(third.bot->stats().orders_adopted == 0);

  // A saved owner that does not run any more (another profile, a mode deactivated): its order comes
  // back belonging to no mode, named in a warning; the others are adopted.
  const auto gone_store = keep / "gone.sqlite";
  std::filesystem::copy_file(first_store, gone_store);
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(gone_store.string().c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE order_owners SET mode = 'GoneMode' WHERE order_id = 'sim-4';", nullptr, nullptr,
                       nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  std::string gone_log;
  commons::set_log_level(commons::LogLevel::info);
  const auto gone_sink = commons::set_log_sink(
      [&gone_log](const commons::LogRecord& record) { gone_log += std::string(record.message) + "\n"; });
  LiveRun fourth(
      Overrides{{"live_steps", "1"}, {"step_interval_ms", "2"}, {"history_start_ms", std::to_string(stop_ms)}},
      linked.profile, bot::TradingKind::paper, gone_store, linked.host.get());
  run_to(fourth, stop_ms + kHourMs);
  commons::set_log_sink(gone_sink);
  commons::set_log_level(previous_level);
  INFO(gone_log);
  CHECK(gone_log.find("order sim-4 of the previous session belongs to no trading mode: its mode GoneMode on BTC/USDT "
                      "does not run in this session") != std::string::npos);
  CHECK(fourth.bot->stats().orders_restored == 4);
  CHECK(fourth.bot->stats().orders_adopted == 3);

  // Resumed two days later (one period of the sine: the same prices): the candles replayed before the
  // modes exist fill the take-profit (cancelling its stop) and the entry. Those closed orders are not
  // given back (their updates went out before the modes subscribed), each named; the resting buy is.
  std::string late_log;
  commons::set_log_level(commons::LogLevel::info);
  const auto late_sink = commons::set_log_sink(
      [&late_log](const commons::LogRecord& record) { late_log += std::string(record.message) + "\n"; });
  LiveRun fifth(
      Overrides{
          {"live_steps", "1"}, {"step_interval_ms", "2"}, {"history_start_ms", std::to_string(stop_ms + 48 * kHourMs)}},
      linked.profile, bot::TradingKind::paper, first_store, linked.host.get());
  run_to(fifth, stop_ms + 49 * kHourMs);
  commons::set_log_sink(late_sink);
  commons::set_log_level(previous_level);
  INFO(late_log);
  for (const char* id : {"sim-1", "sim-2", "sim-3"}) {
    CHECK(late_log.find(std::string("order ") + id +
                        " of the previous session closed before the trading modes started: its mode is not told") !=
          std::string::npos);
  }
  CHECK(fifth.bot->stats().orders_restored == 4);
  CHECK(fifth.bot->stats().orders_adopted == 1);
}

TEST_CASE("live bot: latest_paper_state and latest_real_state pick the newest store of their kind holding a snapshot",
          "[bot][live]") {
  octobot::testing::TempDir dir;
  CHECK_FALSE(bot::latest_paper_state(dir / "none").has_value());
  const auto make = [&](const std::string& name, bool snapshot) {
    trading::TradingStore store((dir / name).string());
    trading::Portfolio portfolio("main");
    portfolio.deposit("USDT", commons::Decimal::from_integer(5));
    if (snapshot) store.save_portfolio(1, portfolio);
  };
  make("paper-20260101T000000.000Z-10-1.sqlite", true);
  make("paper-20260102T000000.000Z-10-1.sqlite", true);
  make("paper-20260103T000000.000Z-10-1.sqlite", false);  // killed before its first checkpoint
  make("real-20260104T000000.000Z-10-1.sqlite", true);
  CHECK(bot::latest_paper_state(dir.path()) == dir / "paper-20260102T000000.000Z-10-1.sqlite");
  CHECK(bot::latest_paper_state(dir.path(), dir / "paper-20260102T000000.000Z-10-1.sqlite") ==
        dir / "paper-20260101T000000.000Z-10-1.sqlite");
  // Real sessions' stores alike (where a real session finds the owners of the orders left open).
  CHECK(bot::latest_real_state(dir.path()) == dir / "real-20260104T000000.000Z-10-1.sqlite");
  CHECK_FALSE(bot::latest_real_state(dir.path(), dir / "real-20260104T000000.000Z-10-1.sqlite").has_value());
}

namespace {

// The lines of a LiveRun's TestExchange record (calls.txt) starting with `prefix`.
std::vector<std::string> calls_starting_with(const LiveRun& run, const std::string& prefix) {
  std::vector<std::string> found;
  std::ifstream calls(run.dir / "calls.txt");
  for (std::string line; std::getline(calls, line);) {
    if (line.rfind(prefix, 0) == 0) found.push_back(line);
  }
  return found;
}

std::string quoted(const std::filesystem::path& path) { return "\"" + path.string() + "\""; }

// The log's messages (info and above), one a line, while it lives.
struct LogCapture {
  std::string text;
  commons::LogLevel previous_level = commons::log_level();
  commons::LogSink previous_sink;

  LogCapture() {
    commons::set_log_level(commons::LogLevel::info);
    previous_sink =
        commons::set_log_sink([this](const commons::LogRecord& record) { text += std::string(record.message) + "\n"; });
  }
  ~LogCapture() {
    commons::set_log_sink(previous_sink);
    commons::set_log_level(previous_level);
  }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
};

// Runs `run` until the bot time reaches `end_ms` and the exchange recorded `creates` order creations
// and the call `cancel` (unless empty): calls made on the connector's thread after the bot asked, so
// not yet there when the bot time is. Then stops the bot.
void run_until_calls(LiveRun& run, std::int64_t end_ms, std::size_t creates, const std::string& cancel = {}) {
  run.bot->start([&](std::optional<std::string> error) { run.started = error; });
  run.run_until(
      [&] {
        return run.bot->stats().bot_time_ms >= end_ms &&
               (cancel.empty() || !calls_starting_with(run, cancel).empty()) &&
               calls_starting_with(run, "create_order ob").size() >= creates;
      },
      std::chrono::seconds(60));
  REQUIRE(run.started.has_value());
  REQUIRE_FALSE(run.started->has_value());
  run.bot->stop();
}

const trading::OrderOwnerLink* owner_tagged(const std::vector<trading::OrderOwnerLink>& owners,
                                            const std::string& tag) {
  for (const auto& owner : owners) {
    if (owner.tag == tag) return &owner;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("live bot: a real session restarted gives the orders still open back to the mode that placed them",
          "[bot][live]") {
  LinkedOrdersHost& linked = linked_orders_host();
  commons::Profile profile = linked.profile;
  profile.trader_enabled = true;
  const std::string kReactiveStepMs = "15";
  const std::int64_t stop_ms = kTestExchangeStartMs + 240 * kHourMs;
  const std::int64_t end_ms = stop_ms + 15 * kHourMs;  // past 250 h, when the mode moves its resting order
  // What outlives a session: the exchange's orders (TestExchange's orders_file), the journal, the store.
  octobot::testing::TempDir keep;
  const auto exchange_orders = keep / "exchange-orders.bin";
  const auto journal = keep / "orders-journal.sqlite";
  const auto first_store = keep / "real-1.sqlite";

  // Session 1 places, at 234 h, the group (take-profit sent, stop held by the gateway), the entry with
  // its exits chained and the resting buy; TestExchange fills nothing: all four are open at 240 h.
  {
    LiveRun first(
        Overrides{
            {"live_steps", "240"}, {"step_interval_ms", kReactiveStepMs}, {"orders_file", quoted(exchange_orders)}},
        profile, bot::TradingKind::real, {}, linked.host.get(), journal);
    run_until_calls(first, stop_ms, 3);
    CHECK(calls_starting_with(first, "create_order ob").size() == 3);
    first.bot.reset();
    std::filesystem::copy_file(first.dir / "paper.sqlite", first_store);
  }
  const trading::OrderLinks saved = trading::TradingStore(first_store.string()).load_order_links();
  REQUIRE(saved.owners.size() == 4);
  for (const auto& owner : saved.owners) {
    CHECK(owner.mode == "LinkedOrdersMode");
    CHECK(owner.mode_symbol == "BTC/USDT");
  }
  const trading::OrderOwnerLink* resting = owner_tagged(saved.owners, "resting");
  const trading::OrderOwnerLink* entry = owner_tagged(saved.owners, "entry");
  REQUIRE(resting != nullptr);
  REQUIRE(entry != nullptr);
  REQUIRE(owner_tagged(saved.owners, "group-take-profit") != nullptr);
  REQUIRE(owner_tagged(saved.owners, "group-stop") != nullptr);
  REQUIRE(saved.chains.size() == 1);
  CHECK(saved.chains[0].parent_id == entry->order_id);
  CHECK(saved.chains[0].tags == std::vector<std::string>{"exit-take-profit", "exit-stop"});
  CHECK(saved.groups.empty());  // real trading's groups are the journal's
  // Kept for the later sessions: the journal and the exchange as session 1 left them.
  const auto first_journal = keep / "first-journal.sqlite";
  const auto first_exchange_orders = keep / "first-exchange-orders.bin";
  std::filesystem::copy_file(journal, first_journal);
  std::filesystem::copy_file(exchange_orders, first_exchange_orders);

  // Session 2, on the same journal and exchange, continues from session 1's store: once reconciled,
  // the four orders are LinkedOrdersMode's again, with their tags, and the exits chained to the entry
  // are its account's. At 250 h the mode finds its resting order among its own, cancels it and places
  // one replacement: nothing beside it, nothing placed twice.
  auto capture = std::make_unique<LogCapture>();
  LiveRun second(Overrides{{"live_steps", "15"},
                           {"step_interval_ms", kReactiveStepMs},
                           {"history_start_ms", std::to_string(stop_ms)},
                           {"orders_file", quoted(exchange_orders)}},
                 profile, bot::TradingKind::real, first_store, linked.host.get(), journal);
  const std::string cancel_resting = "cancel_order BTC/USDT " + resting->order_id + " ";
  run_until_calls(second, end_ms, 1, cancel_resting);
  const std::string log = std::move(capture->text);
  capture.reset();
  INFO(log);
  const bot::LiveBotStats stats = second.bot->stats();
  CHECK(stats.orders_adopted == 4);
  CHECK(stats.chains_adopted == 1);
  CHECK(log.find("reconciled 4 journal orders with binance: 3 open, 0 filled, 0 cancelled") != std::string::npos);
  CHECK(log.find("4 open orders of the previous session adopted by their trading modes, 1 pending chains back "
                 "with them") != std::string::npos);
  CHECK(log.find("belongs to no trading mode") == std::string::npos);
  CHECK(calls_starting_with(second, cancel_resting).size() == 1);
  const auto created = calls_starting_with(second, "create_order ob");
  REQUIRE(created.size() == 1);  // the replacement only
  CHECK(created[0].find(" amount=0.1") != std::string::npos);
  // What session 2 leaves for the next: the same orders, owners and tags, the resting one replaced, and
  // the chain still pending on the entry.
  const trading::OrderLinks second_links =
      trading::TradingStore((second.dir / "paper.sqlite").string()).load_order_links();
  INFO("session 2 owners: " << second_links.owners.size());
  CHECK(second_links.owners.size() == 4);
  for (const char* tag : {"group-take-profit", "group-stop", "entry"}) {
    INFO(tag);
    const trading::OrderOwnerLink* before = owner_tagged(saved.owners, tag);
    const trading::OrderOwnerLink* after = owner_tagged(second_links.owners, tag);
    REQUIRE(after != nullptr);
    CHECK(*after == *before);
  }
  CHECK(owner_tagged(second_links.owners, "resting") == nullptr);
  const trading::OrderOwnerLink* moved = owner_tagged(second_links.owners, "resting-moved");
  REQUIRE(moved != nullptr);
  CHECK(moved->mode == "LinkedOrdersMode");
  CHECK(second_links.chains == saved.chains);

  // Restarted instead from session 1's journal while the exchange cancelled the resting order with no
  // bot running (session 2's exchange): the reconcile closes it, the mode adopts it with the three
  // others and is told it was cancelled; at 250 h it has no resting order to move.
  capture = std::make_unique<LogCapture>();
  const auto third_journal = keep / "third-journal.sqlite";
  std::filesystem::copy_file(first_journal, third_journal);
  LiveRun third(Overrides{{"live_steps", "15"},
                          {"step_interval_ms", kReactiveStepMs},
                          {"history_start_ms", std::to_string(stop_ms)},
                          {"orders_file", quoted(exchange_orders)}},
                profile, bot::TradingKind::real, first_store, linked.host.get(), third_journal);
  run_to(third, end_ms);
  const std::string late_log = std::move(capture->text);
  capture.reset();
  INFO(late_log);
  CHECK(late_log.find("order " + resting->order_id +
                      " of the previous session canceled while no bot ran: its trading mode is told now") !=
        std::string::npos);
  CHECK(third.bot->stats().orders_adopted == 3);
  CHECK(third.bot->stats().closed_orders_told == 1);
  CHECK(third.bot->stats().chains_adopted == 1);
  CHECK(calls_starting_with(third, "create_order ob").empty());
  CHECK(calls_starting_with(third, "cancel_order").empty());
  CHECK(owner_tagged(trading::TradingStore((third.dir / "paper.sqlite").string()).load_order_links().owners,
                     "resting") == nullptr);

  // Restarted from session 1's state after the group's take-profit and the entry filled with no bot
  // running (the account then holds 1.5 BTC): the reconcile applies both fills and cancels the group's
  // stop; the mode adopts the three closed orders and is told of each: the entry's chained exits are
  // placed at once, its, and the take-profit's fill makes it place its after-take-profit buy, as it
  // would have live. Its resting order is adopted and moved at 250 h.
  const auto* take_profit = owner_tagged(saved.owners, "group-take-profit");
  std::filesystem::copy_file(first_exchange_orders, exchange_orders, std::filesystem::copy_options::overwrite_existing);
  const auto fourth_journal = keep / "fourth-journal.sqlite";
  std::filesystem::copy_file(first_journal, fourth_journal);
  capture = std::make_unique<LogCapture>();
  LiveRun fourth(Overrides{{"live_steps", "15"},
                           {"step_interval_ms", kReactiveStepMs},
                           {"history_start_ms", std::to_string(stop_ms)},
                           {"orders_file", quoted(exchange_orders)},
                           {"fill_orders", "\"" + take_profit->order_id + "," + entry->order_id + "\""},
                           {"btc_balance", "\"1.5\""}},
                 profile, bot::TradingKind::real, first_store, linked.host.get(), fourth_journal);
  run_until_calls(fourth, end_ms, 3, cancel_resting);
  const std::string filled_log = std::move(capture->text);
  capture.reset();
  INFO(filled_log);
  CHECK(fourth.bot->stats().orders_adopted == 1);
  CHECK(fourth.bot->stats().closed_orders_told == 3);
  CHECK(fourth.bot->stats().chains_adopted == 1);
  for (const auto* order : {take_profit, entry}) {
    CHECK(filled_log.find("order " + order->order_id +
                          " of the previous session filled while no bot ran: its trading mode is told now") !=
          std::string::npos);
  }
  CHECK(filled_log.find("belongs to no trading mode") == std::string::npos);
  CHECK(filled_log.find("dropped") == std::string::npos);
  // Sent: the exit's take-profit (its stop is held by the gateway), the after-take-profit buy and the
  // resting order's replacement.
  CHECK(calls_starting_with(fourth, "create_order ob").size() == 3);
  std::set<std::string> open_tags;
  const trading::OrderLinks fourth_links =
      trading::TradingStore((fourth.dir / "paper.sqlite").string()).load_order_links();
  for (const auto& owner : fourth_links.owners) {
    CHECK(owner.mode == "LinkedOrdersMode");
    open_tags.insert(owner.tag);
  }
  CHECK(open_tags == std::set<std::string>{"exit-take-profit", "exit-stop", "after-take-profit", "resting-moved"});
  CHECK(fourth_links.chains.empty());

  // Restarted from session 1's journal and exchange with no store of it, as after a crash before
  // the checkpoint that follows the orders' creation: the owners journaled with the orders give all
  // four back to LinkedOrdersMode with their tags, and at 250 h it moves its resting order. The
  // chain pending on the entry was in the store only: it is not back.
  std::filesystem::copy_file(first_exchange_orders, exchange_orders, std::filesystem::copy_options::overwrite_existing);
  const auto fifth_journal = keep / "fifth-journal.sqlite";
  std::filesystem::copy_file(first_journal, fifth_journal);
  capture = std::make_unique<LogCapture>();
  LiveRun fifth(Overrides{{"live_steps", "15"},
                          {"step_interval_ms", kReactiveStepMs},
                          {"history_start_ms", std::to_string(stop_ms)},
                          {"orders_file", quoted(exchange_orders)}},
                profile, bot::TradingKind::real, {}, linked.host.get(), fifth_journal);
  run_until_calls(fifth, end_ms, 1, cancel_resting);
  const std::string storeless_log = std::move(capture->text);
  capture.reset();
  INFO(storeless_log);
  CHECK(storeless_log.find("the owners of 4 orders of the previous session taken from the order journal") !=
        std::string::npos);
  CHECK(storeless_log.find("belong to no trading mode") == std::string::npos);
  CHECK(storeless_log.find("belongs to no trading mode") == std::string::npos);
  CHECK(fifth.bot->stats().orders_adopted == 4);
  CHECK(fifth.bot->stats().chains_adopted == 0);
  CHECK(calls_starting_with(fifth, cancel_resting).size() == 1);
  const auto replaced = calls_starting_with(fifth, "create_order ob");
  REQUIRE(replaced.size() == 1);  // the resting order's replacement only
  CHECK(replaced[0].find(" amount=0.1") != std::string::npos);
  const trading::OrderLinks fifth_links =
      trading::TradingStore((fifth.dir / "paper.sqlite").string()).load_order_links();
  for (const char* tag : {"group-take-profit", "group-stop", "entry"}) {
    INFO(tag);
    const trading::OrderOwnerLink* after = owner_tagged(fifth_links.owners, tag);
    REQUIRE(after != nullptr);
    CHECK(*after == *owner_tagged(saved.owners, tag));
  }
  CHECK(owner_tagged(fifth_links.owners, "resting-moved") != nullptr);
}
