// The live bot in paper mode, fed by TestExchange (tests/exchanges/test_connector) through the real
// ConnectorClient, running the bundled DailyTrading profile: candles in, orders out, the store written
// and flushed at stop; start failures reported; real trading through the LiveGateway.
#include <catch2/catch.hpp>
#include <octobot/bot/live_bot.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/exchanges/connector_client.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/trading_store.hpp>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <fstream>
#include <thread>

#include "host_options.hpp"
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
                   commons::Profile profile = daily_trading(), bot::TradingKind kind = bot::TradingKind::paper) {
    connector_overrides.emplace("record_file", "\"" + (dir / "calls.txt").string() + "\"");
    connector_services.set_config_overrides({{"TestExchange", connector_overrides}});
    client = std::make_unique<exchanges::ConnectorClient>(connector_host(), "binance", "TestExchange",
                                                          channel::make_executor(io), &connector_services);
    bot::LiveBotConfig config;
    config.profile = std::move(profile);
    config.kind = kind;
    config.history_candles = 100;
    config.store_file = dir / "paper.sqlite";
    bot = std::make_unique<bot::LiveBot>(bundled_host(), *client, channel::make_executor(io), std::move(config));
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
}
