// `octobot run` with its services, as a process over the bundled tentacles plus TestExchange: the web
// API (read-only views, auth refusals, restart and stop by POST) and the profile auto-update against
// a loopback origin the test serves (unchanged, malformed, changed -> restart, down).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>

#include "child_process.hpp"
#include "http_loopback.hpp"
#include "run_setup.hpp"

namespace {

namespace fs = std::filesystem;
using namespace octobot::testing::run;
using octobot::testing::http_request;

const std::string kToken = "T0ken-for-the-web-api-7c1d";
const std::string kKey = "KEYv4lue-9f8e7d6c5b4a";
const std::string kSecret = "SECRETv4lue-0a1b2c3d4e5f";

// The port of the n-th "web API on http://127.0.0.1:<port>/" line (1-based).
std::uint16_t web_port(const std::string& output, int nth = 1) {
  const std::regex line(R"(web API on http://127\.0\.0\.1:(\d+)/)");
  int seen = 0;
  for (auto it = std::sregex_iterator(output.begin(), output.end(), line); it != std::sregex_iterator(); ++it) {
    if (++seen == nth) return static_cast<std::uint16_t>(std::stoi((*it)[1].str()));
  }
  return 0;
}

bool wait_count(octobot::testing::ChildProcess& bot, const std::string& text, std::size_t count,
                std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (count_of(bot.output(), text) < count && std::chrono::steady_clock::now() < deadline) {
    (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(200));
  }
  return count_of(bot.output(), text) >= count;
}

}  // namespace

TEST_CASE("octobot run: the web API shows the bot, refuses what it must, restarts and stops it by POST",
          "[cli][run][web]") {
  RunSetup setup;
  setup.config_set("exchanges.testexchange.live_steps", "100000");
  setup.config_set("exchanges.testexchange.step_interval_ms", "10");
  setup.config_set("exchanges.testexchange.api-key", kKey);
  setup.config_set("exchanges.testexchange.api-secret", kSecret);
  setup.config_set("interfaces.web.enabled", "true");
  setup.config_set("interfaces.web.port", "0");
  setup.config_set("interfaces.web.token", kToken);
  octobot::testing::ChildProcess bot(setup.run_arguments());
  REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops, SIGHUP restarts", std::chrono::seconds(60)));
  const std::uint16_t port = web_port(bot.output());
  REQUIRE(port != 0);
  std::string every_body;

  auto status = http_request(port, "GET", "/api/v1/status");
  every_body += status.body;
  CHECK(status.status == 200);
  CHECK(status.headers["Content-Type"] == "application/json");
  CHECK(status.body.find(R"("profile":{"id":"test_daily","name":"DailyTrading"})") != std::string::npos);
  CHECK(status.body.find(R"("exchange":"testexchange","trading":"paper","connected":true)") != std::string::npos);
  CHECK(status.body.find(R"("symbols":["BTC/USDT"],"time_frames":["1h","4h","1d"])") != std::string::npos);
  CHECK(status.body.find(R"("counters":{"history_candles":600,)") != std::string::npos);
  CHECK(std::regex_search(status.body, std::regex(R"("uptime_seconds":\d+)")));

  const auto portfolio = http_request(port, "GET", "/api/v1/portfolio");
  every_body += portfolio.body;
  CHECK(portfolio.status == 200);
  CHECK(std::regex_search(portfolio.body, std::regex(R"("USDT":\{"total":"[0-9.]+","available":"[0-9.]+")")));
  CHECK(portfolio.body.find(R"("BTC":{"total":)") != std::string::npos);

  const auto orders = http_request(port, "GET", "/api/v1/orders");
  every_body += orders.body;
  CHECK(orders.status == 200);
  CHECK(orders.body.rfind(R"({"orders":[)", 0) == 0);

  // The mode trades on the live candles: fills reach /trades, newest first, as many as asked.
  std::string trades;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (trades.find("\"trade_id\"") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    trades = http_request(port, "GET", "/api/v1/trades?limit=1").body;
    if (trades.find("\"trade_id\"") == std::string::npos) {
      (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(300));
    }
  }
  every_body += trades;
  CHECK(std::regex_search(
      trades,
      std::regex(
          R"re(^\{"trades":\[\{"trade_id":"[^"]+","order_id":"[^"]+","symbol":"BTC/USDT","side":"(buy|sell)","price":"[0-9.]+")re")));
  CHECK(count_of(trades, "\"trade_id\"") == 1);
  CHECK(http_request(port, "GET", "/api/v1/trades?limit=0").status == 400);

  // Errors: JSON, with the known routes for a 404.
  const auto missing = http_request(port, "GET", "/api/v1/nope");
  CHECK(missing.status == 404);
  CHECK(missing.body.find(R"("error":"no route /api/v1/nope","routes":["GET /api/v1/status")") != std::string::npos);
  auto wrong_method = http_request(port, "POST", "/api/v1/status", kToken);
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.headers["Allow"] == "GET");
  CHECK(http_request(port, "GET", "/api/v1/restart").status == 405);
  auto anonymous = http_request(port, "POST", "/api/v1/restart");
  CHECK(anonymous.status == 401);
  CHECK(anonymous.headers["WWW-Authenticate"] == "Bearer");
  CHECK(http_request(port, "POST", "/api/v1/stop", "wrong-token").status == 401);
  CHECK(count_of(bot.output(), "restart 1") == 0);

  // The webhook service feed: a TradingView-style alert published on the ServiceFeed channel (the
  // status counts what its consumer received); the token as a bearer or in the URL, never without.
  const std::string alert = R"({"ticker": "BTCUSDT", "action": "buy", "price": 101.5})";
  CHECK(http_request(port, "POST", "/api/v1/webhook/tv", {}, alert).status == 401);
  const auto published = http_request(port, "POST", "/api/v1/webhook/tv", kToken, alert);
  CHECK(published.status == 202);
  CHECK(published.body == R"({"result":"published","feed":"tv"})");
  CHECK(http_request(port, "POST", "/api/v1/webhook/tv?token=" + kToken, {}, "plain text alert").status == 202);
  CHECK(http_request(port, "POST", "/api/v1/webhook/bad%2Fname", kToken, alert).status == 404);
  CHECK(bot.wait_for_output("webhook tv: alert published on the ServiceFeed channel (symbol BTCUSDT, action buy)",
                            std::chrono::seconds(5)));
  CHECK(bot.wait_for_output("webhook tv: alert published on the ServiceFeed channel (symbol -, action -)",
                            std::chrono::seconds(5)));
  std::string counted;
  for (int attempt = 0; attempt < 50 && counted.find(R"("service_feed_messages":2)") == std::string::npos; ++attempt) {
    counted = http_request(port, "GET", "/api/v1/status").body;
  }
  CHECK(counted.find(R"("service_feed_messages":2)") != std::string::npos);

  // Nothing secret in any answer.
  CHECK(every_body.find(kKey) == std::string::npos);
  CHECK(every_body.find(kSecret) == std::string::npos);
  CHECK(every_body.find(kToken) == std::string::npos);

  // POST restart: answered, then the same in-process restart as SIGHUP, the web API back on a new port.
  const auto restart = http_request(port, "POST", "/api/v1/restart", kToken);
  CHECK(restart.status == 202);
  CHECK(restart.body == R"({"result":"restarting"})");
  REQUIRE(bot.wait_for_output("restart 1", std::chrono::seconds(30)));
  REQUIRE(wait_count(bot, "running: SIGTERM", 2, std::chrono::seconds(60)));
  const std::uint16_t second_port = web_port(bot.output(), 2);
  REQUIRE(second_port != 0);
  CHECK(http_request(second_port, "GET", "/api/v1/status").status == 200);

  const auto stop = http_request(second_port, "POST", "/api/v1/stop", kToken);
  CHECK(stop.status == 202);
  CHECK(bot.wait() == 0);
  const std::string log = read_file(setup.log);
  CHECK(log.find("POST /api/v1/restart: restarting (config.json and the profile are read again)") != std::string::npos);
  CHECK(log.find("POST /api/v1/stop: stopping gracefully") != std::string::npos);
  CHECK(count_of(log, "stopped: ") == 2);
  CHECK(log.find(kToken) == std::string::npos);
}

TEST_CASE("octobot run: the web API refuses to listen beyond loopback without a token", "[cli][run][web]") {
  RunSetup setup;
  setup.config_set("interfaces.web.enabled", "true");
  setup.config_set("interfaces.web.bind", "0.0.0.0");
  setup.config_set("interfaces.web.port", "0");
  const auto run = shell_run(setup.octobot("run --profile test_daily --for 5") + " 2>&1");
  CHECK(run.status == 1);
  CHECK(run.output.find("interfaces.web.bind is 0.0.0.0, not loopback, and interfaces.web.token is not set") !=
        std::string::npos);
}

TEST_CASE("octobot run: an auto-updated profile follows its origin: refused when malformed, restarted when changed",
          "[cli][run][profile_update]") {
  RunSetup setup;
  setup.config_set("exchanges.testexchange.live_steps", "100000");
  setup.config_set("exchanges.testexchange.step_interval_ms", "20");
  setup.config_set("profile_auto_update.interval_seconds", "1");
  octobot::testing::LoopbackServer origin;
  const fs::path profile_file = setup.user / "profiles" / "test_daily" / "profile.json";
  const std::string followed =
      std::regex_replace(read_file(profile_file), std::regex(R"("profile": \{)"),
                         R"("profile": {"auto_update": true, "origin_url": ")" + origin.url() + R"(",)");
  REQUIRE(followed != read_file(profile_file));
  std::ofstream(profile_file) << followed;
  origin.set(followed);

  octobot::testing::ChildProcess bot(setup.run_arguments());
  REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops, SIGHUP restarts", std::chrono::seconds(60)));
  CHECK(bot.output().find("DailyTrading follows " + origin.url() + ": checked now and every 1 s") != std::string::npos);
  // Unchanged: polled, nothing happens.
  const int polled = origin.requests();
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (origin.requests() < polled + 2 && std::chrono::steady_clock::now() < until) {
    (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(200));
  }
  CHECK(origin.requests() >= polled + 2);
  CHECK(count_of(bot.output(), "restart 1") == 0);

  // Malformed: refused, said clearly, the bot keeps running, the file as it was.
  origin.set(std::regex_replace(followed, std::regex(R"("risk": 0.5)"), R"("risk": "high")"));
  REQUIRE(bot.wait_for_output(
      "refused the version of DailyTrading from " + origin.url() + ": profile.json: at /config/trading/risk",
      std::chrono::seconds(30)));
  CHECK(count_of(bot.output(), "restart 1") == 0);
  CHECK(read_file(profile_file) == followed);

  // Changed: installed (previous kept), then the graceful restart on the new profile.
  const std::string renamed =
      std::regex_replace(followed, std::regex(R"("name": "DailyTrading")"), R"("name": "DailyTrading v2")");
  origin.set(renamed);
  REQUIRE(bot.wait_for_output("restart 1", std::chrono::seconds(30)));
  REQUIRE(bot.wait_for_output("starting DailyTrading v2 on testexchange", std::chrono::seconds(60)));
  CHECK(read_file(profile_file) == renamed);
  CHECK(read_file(profile_file.parent_path() / ".previous" / "profile.json") == followed);

  // The origin goes away: a warning, the bot runs on.
  origin.stop();
  REQUIRE(bot.wait_for_output("WARNING [profile-update] cannot fetch " + origin.url(), std::chrono::seconds(30)));
  CHECK(count_of(bot.output(), "restart 2") == 0);
  bot.kill(SIGTERM);
  CHECK(bot.wait() == 0);
  const std::string log = read_file(setup.log);
  CHECK(log.find("installed a new version of DailyTrading from " + origin.url() + " (profile.json;") !=
        std::string::npos);
}
