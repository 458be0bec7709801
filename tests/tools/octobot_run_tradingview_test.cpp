// `octobot run` with the bundled tradingview_signals profile (on TestExchange, paper): TradingView alerts
// POSTed to the web API's webhook reach TradingViewSignalsTradingMode through the ServiceFeed channel
// and the trading-mode runner. A BUY makes a paper market order, a limit BUY rests, a CANCEL with its
// TAG cancels it, and a bad alert trades nothing and says why.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "child_process.hpp"
#include "http_loopback.hpp"
#include "run_setup.hpp"
#include "tradingview_profile.hpp"

namespace {

namespace fs = std::filesystem;
using namespace octobot::testing::run;
using octobot::testing::http_request;

const std::string kToken = "T0ken-for-the-tradingview-webhook-41";

std::string open_orders(std::uint16_t port) { return http_request(port, "GET", "/api/v1/orders").body; }

}  // namespace

TEST_CASE("octobot run: TradingView alerts on the webhook trade through TradingViewSignalsTradingMode",
          "[cli][run][web][tradingview]") {
  RunSetup setup;
  add_tradingview_profile(setup);
  setup.config_set("exchanges.testexchange.live_steps", "100000");
  setup.config_set("exchanges.testexchange.step_interval_ms", "10");
  setup.config_set("interfaces.web.enabled", "true");
  setup.config_set("interfaces.web.port", "0");
  setup.config_set("interfaces.web.token", kToken);
  std::vector<std::string> arguments = setup.run_arguments();
  arguments[3] = "test_tv";
  octobot::testing::ChildProcess bot(arguments);
  REQUIRE(bot.wait_for_output("running: SIGTERM or SIGINT stops, SIGHUP restarts", std::chrono::seconds(60)));
  const std::uint16_t port = web_port(bot.output());
  REQUIRE(port != 0);

  // BUY at market, TradingView's ticker form: routed to the BTC/USDT instance, filled on paper.
  const std::string buy = "EXCHANGE=testexchange\nSYMBOL=BTCUSDT\nSIGNAL=BUY\nVOLUME=100q\nTAG=tv-e2e";
  CHECK(http_request(port, "POST", "/api/v1/webhook/tv", kToken, buy).status == 202);
  CHECK(bot.wait_for_output("webhook tv: alert published on the ServiceFeed channel (symbol BTCUSDT, action BUY)",
                            std::chrono::seconds(10)));
  CHECK(wait_for_match(bot,
                       std::regex(R"(TradingViewSignalsTradingMode.*order \S+ created: buy market 0\.\d+ BTC/USDT)"),
                       std::chrono::seconds(10)));
  std::string trades;
  for (int attempt = 0; attempt < 50 && trades.find("\"side\":\"buy\"") == std::string::npos; ++attempt) {
    trades = http_request(port, "GET", "/api/v1/trades?limit=5").body;
    if (trades.find("\"side\":\"buy\"") == std::string::npos) {
      (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(100));
    }
  }
  CHECK(trades.find(R"("symbol":"BTC/USDT","side":"buy")") != std::string::npos);

  // A limit BUY far below the price (80 to 120 on TestExchange) rests; CANCEL with its TAG cancels it.
  const std::string limit = "SYMBOL=BTC/USDT;SIGNAL=BUY;ORDER_TYPE=LIMIT;PRICE=50;VOLUME=1;TAG=rest";
  CHECK(http_request(port, "POST", "/api/v1/webhook/tv", kToken, limit).status == 202);
  std::string orders;
  for (int attempt = 0; attempt < 50 && orders.find(R"("price":"50")") == std::string::npos; ++attempt) {
    orders = open_orders(port);
    if (orders.find(R"("price":"50")") == std::string::npos) {
      (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(100));
    }
  }
  CHECK(orders.find(R"("side":"buy","type":"limit","state":"open")") != std::string::npos);
  CHECK(orders.find(R"("price":"50")") != std::string::npos);

  CHECK(http_request(port, "POST", "/api/v1/webhook/tv", kToken, "SYMBOL=BTCUSDT\nSIGNAL=CANCEL\nTAG=rest").status ==
        202);
  CHECK(wait_for_match(bot, std::regex(R"(cancelled buy order \S+ \(rest\): CANCEL alert)"), std::chrono::seconds(10)));
  for (int attempt = 0; attempt < 50 && open_orders(port).find(R"("price":"50")") != std::string::npos; ++attempt) {
    (void)bot.wait_for_output("<not printed>", std::chrono::milliseconds(100));
  }
  CHECK(open_orders(port).find(R"("price":"50")") == std::string::npos);

  // A bad alert: logged with the key and value at fault, nothing traded.
  CHECK(http_request(port, "POST", "/api/v1/webhook/tv", kToken, "SYMBOL=BTCUSDT\nSIGNAL=HODL").status == 202);
  CHECK(bot.wait_for_output("not traded: SIGNAL: expected BUY, SELL or CANCEL, found \"HODL\"",
                            std::chrono::seconds(10)));
  // An alert for a symbol the run does not trade: the runner says what it expected.
  CHECK(http_request(port, "POST", "/api/v1/webhook/tv", kToken, "SYMBOL=ETHUSDT\nSIGNAL=BUY").status == 202);
  CHECK(bot.wait_for_output("expected a symbol of the run (BTC/USDT)", std::chrono::seconds(10)));

  CHECK(http_request(port, "POST", "/api/v1/stop", kToken).status == 202);
  CHECK(bot.wait() == 0);
}
