// The ServiceFeed channel (a webhook alert) through the runner to the trading modes that listen
// (ABI 1.5 on_service_feed): the instance of the symbol the alert names, in the alert's or the
// market's form, and exchange-scope instances; an alert naming no symbol of the run is logged once;
// a mode built against ABI 1.4 loads, trades and is never called past its table.
#include <catch2/catch.hpp>
#include <octobot/channel/standard/service_feed.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <memory>
#include <string>
#include <vector>

#include "trading_modes_support.hpp"

using octobot::channel::ServiceFeedChannel;
using octobot::channel::ServiceFeedMessage;
using octobot::trading_modes::Account;
using octobot::trading_modes::TradingModeRunner;
using namespace trading_modes_test;

namespace {

ServiceFeedMessage alert(const std::string& symbol, const std::string& body = "SIGNAL=BUY") {
  ServiceFeedMessage message;
  message.service = "webhook";
  message.feed = "tv";
  message.symbol = symbol;
  message.action = "buy";
  message.body = body;
  return message;
}

// The bot's ServiceFeed channel, synchronized on the bench's driver like its other channels.
std::shared_ptr<octobot::channel::Channel<ServiceFeedChannel>> feed_channel(Exchange& bench) {
  return std::make_shared<octobot::channel::Channel<ServiceFeedChannel>>(
      "", octobot::channel::DeliveryMode::synchronized(bench.driver));
}

}  // namespace

TEST_CASE("runner: a service-feed message reaches the instance of the symbol it names, in either form",
          "[trading_modes][runner][service_feed]") {
  Exchange bench;
  Account account(bench.account());
  LogRecorder log;
  auto feed = feed_channel(bench);
  auto config = runner_config(bench, {{"AlertEchoMode", &account}}, {"BTC/USDT", "ETH/USDT"});
  config.service_feed = feed;
  TradingModeRunner runner(tentacle_host(), std::move(config));

  feed->send(alert("ETHUSDT"));
  bench.driver.drain();
  CHECK(runner.report().service_feed_messages == 1);
  CHECK(log.find("AlertEchoMode",
                 "heard webhook/tv symbol 'ETH/USDT' written 'ETHUSDT' action 'buy' on instance "
                 "'ETH/USDT'")
            .size() == 1);
  CHECK(log.find("AlertEchoMode", "on instance 'BTC/USDT'").empty());
  // The decision it submitted went through the TradingMode channel to the same instance's consumer.
  CHECK(runner.report().decisions_delivered == 1);
  CHECK(log.find("AlertEchoMode", R"(decision ETH/USDT data={"body":"SIGNAL=BUY"} on instance 'ETH/USDT')").size() ==
        1);

  feed->send(alert("btc-usdt"));
  feed->send(alert("BTC/USDT"));
  bench.driver.drain();
  CHECK(log.find("AlertEchoMode", "symbol 'BTC/USDT' written 'btc-usdt' action 'buy' on instance 'BTC/USDT'").size() ==
        1);
  CHECK(log.find("AlertEchoMode", "symbol 'BTC/USDT' written 'BTC/USDT' action 'buy' on instance 'BTC/USDT'").size() ==
        1);
  CHECK(log.find("AlertEchoMode", "heard ").size() == 3);
  CHECK(runner.report().errors == 0);
}

TEST_CASE("runner: an alert naming no symbol of the run is logged once, exchange-scope modes still hear it",
          "[trading_modes][runner][service_feed]") {
  Exchange bench;
  Account account(bench.account());
  Account basket_account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(),
                           runner_config(bench, {{"AlertEchoMode", &account}, {"AlertBasketMode", &basket_account}},
                                         {"BTC/USDT", "ETH/USDT"}));

  runner.on_service_feed(alert("DOGEUSDT"));
  const auto unrouted = log.find("TradingModeRunner", "webhook tv: expected a symbol of the run");
  REQUIRE(unrouted.size() == 1);  // once, not once per instance
  CHECK_THAT(unrouted[0], Catch::Contains("(BTC/USDT, ETH/USDT)"));
  CHECK_THAT(unrouted[0], Catch::Contains("found \"DOGEUSDT\""));
  CHECK(log.find("AlertEchoMode", "heard ").empty());
  CHECK(
      log.find("AlertBasketMode", "heard webhook/tv symbol '' written 'DOGEUSDT' action 'buy' on instance ''").size() ==
      1);

  runner.on_service_feed(alert(""));
  CHECK(log.find("TradingModeRunner", "found no symbol").size() == 1);
  CHECK(log.find("AlertBasketMode", "heard ").size() == 2);
  CHECK(runner.report().service_feed_messages == 2);
  CHECK(runner.report().service_feed_unrouted == 2);
}

TEST_CASE("runner: modes without the callback cost nothing, and a mode built against ABI 1.4 still trades",
          "[trading_modes][runner][service_feed]") {
  Exchange bench;
  Account old_account(bench.account());
  Account echo_account(bench.account());
  LogRecorder log;
  REQUIRE(tentacle_host().find_class("OldAbiMode") != nullptr);
  {
    Account dip_account(bench.account());
    TradingModeRunner deaf(tentacle_host(), runner_config(bench, {{"DipBuyerMode", &dip_account}}));
    deaf.on_service_feed(alert("DOGEUSDT"));
    CHECK(deaf.report().service_feed_messages == 0);
    CHECK(log.find("TradingModeRunner", "expected a symbol of the run").empty());  // nobody listens: nothing to say
  }
  TradingModeRunner runner(tentacle_host(),
                           runner_config(bench, {{"OldAbiMode", &old_account}, {"AlertEchoMode", &echo_account}}));
  runner.on_service_feed(alert("BTCUSDT"));  // the old table's garbage past its end would crash if called
  CHECK(runner.report().service_feed_messages == 1);
  CHECK(log.find("AlertEchoMode", "heard ").size() == 1);
  runner.on_strategy_signal("BTC/USDT", -0.5, 0, "SimpleStrategy");
  bench.driver.drain();
  CHECK(log.find("OldAbiMode", "old decision BTC/USDT on instance 'BTC/USDT'").size() == 1);
  CHECK(runner.report().errors == 0);
}
