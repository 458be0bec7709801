// Trading-mode tentacles driven through the real host: signals in, decisions over the TradingMode
// channel, orders on a simulated exchange fed hand-built candles, updates back to the mode.
#include <catch2/catch.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trading_modes_support.hpp"

using Catch::Matchers::Contains;
using octobot::commons::LogLevel;
using octobot::trading::Balance;
using octobot::trading::Order;
using octobot::trading::OrderType;
using octobot::trading_modes::Account;
using octobot::trading_modes::TradingModeRunner;
using namespace trading_modes_test;

namespace {

const Order& find_tagged(const Account& account, const std::string& tag) {
  for (const Order* order : account.open_orders()) {
    if (account.tag(order->id) == tag) return *order;
  }
  FAIL("no open order tagged " << tag);
  throw std::logic_error("unreachable");
}

// The simulated exchange, keeping the owner of every request it is given (what a live gateway
// journals with the order).
class OwnerRecordingGateway : public octobot::trading::OrderGateway {
 public:
  explicit OwnerRecordingGateway(octobot::trading::OrderGateway& exchange) : exchange_(exchange) {}
  std::vector<octobot::trading::OrderOwner> owners;

  const Order& create_order(const octobot::trading::OrderRequest& request,
                            octobot::trading::Portfolio* portfolio) override {
    owners.push_back(request.owner);
    return exchange_.create_order(request, portfolio);
  }
  std::vector<const Order*> create_order_group(octobot::trading::OrderGroupKind kind,
                                               const std::vector<octobot::trading::OrderRequest>& requests,
                                               octobot::trading::Portfolio* portfolio) override {
    for (const auto& request : requests) owners.push_back(request.owner);
    return exchange_.create_order_group(kind, requests, portfolio);
  }
  void chain(std::string_view parent_id, std::vector<octobot::trading::OrderRequest> requests,
             std::optional<octobot::trading::OrderGroupKind> group, octobot::trading::Portfolio* portfolio) override {
    exchange_.chain(parent_id, std::move(requests), group, portfolio);
  }
  bool cancel_order(std::string_view id) override { return exchange_.cancel_order(id); }
  [[nodiscard]] const Order* order(std::string_view id) const override { return exchange_.order(id); }
  [[nodiscard]] std::vector<const Order*> open_orders() const override { return exchange_.open_orders(); }
  [[nodiscard]] const octobot::trading::Market& market(std::string_view symbol) const override {
    return exchange_.market(symbol);
  }
  [[nodiscard]] octobot::trading::Portfolio& portfolio() noexcept override { return exchange_.portfolio(); }
  void set_fill_listener(octobot::trading::FillListener listener) override {
    exchange_.set_fill_listener(std::move(listener));
  }

 private:
  octobot::trading::OrderGateway& exchange_;
};

}  // namespace

TEST_CASE("runner: each request reaches the gateway with the instance that placed it and its tag",
          "[trading_modes][runner]") {
  using octobot::trading::OrderOwner;
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  OwnerRecordingGateway gateway(bench.exchange);
  Account account({&gateway, nullptr, "USDT", bench.prices()});
  // An account no runner drives sends its requests without an owner.
  bench.closes["ETH/USDT"] = d("50");
  (void)account.create(
      {octobot::trading::OrderRequest::limit("ETH/USDT", octobot::channel::Side::buy, d("1"), d("40")), "by-hand"});
  REQUIRE(gateway.owners.size() == 1);
  CHECK(gateway.owners[0].empty());

  TradingModeRunner runner(tentacle_host(), runner_config(bench, {{"LimitDipBuyerMode", &account}}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  runner.on_strategy_signal("BTC/USDT", -1.0, bench.now_ms);
  bench.driver.drain();
  REQUIRE(gateway.owners.size() == 2);
  CHECK(gateway.owners[1] == OrderOwner{"LimitDipBuyerMode", "BTC/USDT", "entry"});
  // The entry fills: its chained exits, a group, are created as the mode's, each with its own tag.
  bench.candle("BTC/USDT", 1, "100", "102.5", "99.5", "100.5");
  REQUIRE(gateway.owners.size() == 4);
  CHECK(gateway.owners[2] == OrderOwner{"LimitDipBuyerMode", "BTC/USDT", "take-profit"});
  CHECK(gateway.owners[3] == OrderOwner{"LimitDipBuyerMode", "BTC/USDT", "stop-loss"});
  CHECK(runner.report().errors == 0);
}

TEST_CASE("runner: a dip buys 10% at market and the chained balanced exit takes profit", "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(), runner_config(bench, {{"DipBuyerMode", &account}}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");

  runner.on_strategy_signal("BTC/USDT", -0.8, bench.now_ms, "SimpleStrategy");
  // The producer's decision waits on the channel until the step's drain.
  CHECK(runner.report().decisions_submitted == 1);
  CHECK(runner.report().decisions_delivered == 0);
  CHECK(bench.exchange.open_orders().empty());
  bench.driver.drain();
  CHECK(runner.report().decisions_delivered == 1);
  CHECK(log.find("DipBuyerMode", R"(decision BTC/USDT data={"why":"dip"})").size() == 1);

  // 10% of 1000 USDT at 100 is 1 BTC; the 0.2 % taker fee leaves 0.998 BTC, all of it in the exit.
  CHECK(bench.portfolio.balance("USDT") == Balance{d("900"), d("900")});
  CHECK(bench.portfolio.balance("BTC") == Balance{d("0.998"), d("0")});
  REQUIRE(account.open_orders().size() == 2);
  const Order& take_profit = find_tagged(account, "take-profit");
  CHECK(take_profit.type == OrderType::limit);
  CHECK(take_profit.side == octobot::channel::Side::sell);
  CHECK(take_profit.amount == d("0.998"));
  CHECK(take_profit.price == d("102"));
  const Order& stop_loss = find_tagged(account, "stop-loss");
  CHECK(stop_loss.type == OrderType::stop_loss);
  CHECK(stop_loss.amount == d("0.998"));
  CHECK(stop_loss.trigger_price == d("98"));
  CHECK(log.find("DipBuyerMode", "update entry filled filled=1").size() == 1);
  CHECK(log.find("DipBuyerMode", "update take-profit open").size() == 1);
  CHECK(log.find("DipBuyerMode", "update stop-loss open").size() == 1);

  // The next candle reaches 102: the take-profit fills (0.1 % maker fee in USDT), the stop-loss goes.
  bench.candle("BTC/USDT", 1, "100", "102.5", "99.5", "102");
  CHECK(account.open_orders().empty());
  CHECK(bench.portfolio.balance("USDT") == Balance{d("1001.694204"), d("1001.694204")});
  CHECK(bench.portfolio.balance("BTC") == Balance{d("0"), d("0")});
  CHECK(log.find("DipBuyerMode", "update take-profit filled filled=0.998").size() == 1);
  CHECK(log.find("DipBuyerMode", "update stop-loss cancelled").size() == 1);
  CHECK(runner.report().errors == 0);
}

TEST_CASE("runner: the strategy's description reaches the producer (ABI 1.2)", "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(), runner_config(bench, {{"DipBuyerMode", &account}}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  runner.on_strategy_signal("BTC/USDT", -0.2, bench.now_ms, "DipAnalyserStrategyEvaluator",
                            "price_weight=2 volume_weight=3");
  CHECK(log.find("DipBuyerMode", "signal from DipAnalyserStrategyEvaluator description=price_weight=2 volume_weight=3")
            .size() == 1);
  // Texts past the runner's 64-character stack copy reach the mode whole, from a view that is not
  // NUL-terminated where it ends.
  const std::string long_text =
      "price_weight=2 volume_weight=3 reversal confirmed after a long fall of several hours in a row|tail";
  const std::string_view long_description = std::string_view(long_text).substr(0, long_text.size() - 5);
  runner.on_strategy_signal("BTC/USDT", -0.2, bench.now_ms, "DipAnalyserStrategyEvaluator", long_description);
  CHECK(
      log.find("DipBuyerMode", "signal from DipAnalyserStrategyEvaluator description=" + std::string(long_description))
          .size() == 1);
  CHECK(log.find("DipBuyerMode", "|tail").empty());
  // No description: the mode sees an empty one (and logs nothing).
  runner.on_strategy_signal("BTC/USDT", -0.2, bench.now_ms, "SimpleStrategy");
  CHECK(log.find("DipBuyerMode", "signal from SimpleStrategy").empty());
  CHECK(runner.report().signals == 3);
}

TEST_CASE("runner: a rally cancels the mode's open orders", "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(), runner_config(bench, {{"DipBuyerMode", &account}}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  runner.on_strategy_signal("BTC/USDT", -0.6, bench.now_ms);
  bench.driver.drain();
  REQUIRE(account.open_orders().size() == 2);

  runner.on_strategy_signal("BTC/USDT", 0.7, bench.now_ms);
  bench.driver.drain();
  CHECK(account.open_orders().empty());
  CHECK(bench.portfolio.balance("BTC") == Balance{d("0.998"), d("0.998")});  // the exit's reservation is back
  CHECK(bench.portfolio.balance("USDT") == Balance{d("900"), d("900")});
  CHECK(log.find("DipBuyerMode", "update take-profit cancelled").size() == 1);
  CHECK(log.find("DipBuyerMode", "update stop-loss cancelled").size() == 1);
  // A later candle through both former prices fills nothing.
  bench.candle("BTC/USDT", 1, "100", "105", "95", "100");
  CHECK(bench.portfolio.balance("BTC") == Balance{d("0.998"), d("0.998")});
}

TEST_CASE("runner: a limit entry's chained exit appears when the entry fills", "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(), runner_config(bench, {{"LimitDipBuyerMode", &account}}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  runner.on_strategy_signal("BTC/USDT", -1.0, bench.now_ms);
  bench.driver.drain();
  REQUIRE(account.open_orders().size() == 1);
  CHECK(account.tag(account.open_orders()[0]->id) == "entry");
  CHECK(bench.portfolio.balance("USDT") == Balance{d("1000"), d("900")});

  // The entry fills at 100 with the 0.1 % maker fee in BTC; the exit is created on that update and
  // cannot fill on the entry's own candle.
  bench.candle("BTC/USDT", 1, "100", "102.5", "99.5", "100.5");
  CHECK(bench.portfolio.balance("BTC") == Balance{d("0.999"), d("0")});
  REQUIRE(account.open_orders().size() == 2);
  CHECK(find_tagged(account, "take-profit").amount == d("0.999"));
  CHECK(find_tagged(account, "take-profit").price == d("102"));
  CHECK(find_tagged(account, "stop-loss").trigger_price == d("98"));

  bench.candle("BTC/USDT", 2, "100.5", "102.5", "100", "102");
  CHECK(account.open_orders().empty());
  // 900 + 0.999 * 102 * (1 - 0.001)
  CHECK(bench.portfolio.balance("USDT") == Balance{d("1001.796102"), d("1001.796102")});
  CHECK(runner.report().errors == 0);
}

TEST_CASE("runner: one instance per symbol, or one for the exchange", "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  Account basket_account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(
      tentacle_host(),
      runner_config(bench, {{"DipBuyerMode", &account}, {"BasketMode", &basket_account}}, {"BTC/USDT", "ETH/USDT"}));
  const auto instances = runner.instances();
  REQUIRE(instances.size() == 3);
  CHECK((instances[0].class_name == "DipBuyerMode" && instances[0].symbol == "BTC/USDT"));
  CHECK((instances[1].class_name == "DipBuyerMode" && instances[1].symbol == "ETH/USDT"));
  CHECK((instances[2].class_name == "BasketMode" && instances[2].symbol.empty()));
  CHECK(instances[2].scope == OB_SCOPE_EXCHANGE);

  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
  bench.candle("ETH/USDT", 0, "50", "51", "49", "50");
  runner.on_strategy_signal("ETH/USDT", -0.9, bench.now_ms);
  runner.on_strategy_signal("BTC/USDT", 0.1, bench.now_ms);
  bench.driver.drain();
  CHECK(runner.report().signals == 4);  // each symbol's DipBuyerMode + the basket, twice
  CHECK(log.find("BasketMode", "basket decision ETH/USDT on instance symbol ''").size() == 1);
  CHECK(log.find("BasketMode", "basket decision BTC/USDT on instance symbol ''").size() == 1);
  // Only the ETH instance traded: 100 USDT for 2 ETH at 50.
  REQUIRE(account.open_orders().size() == 2);
  for (const Order* order : account.open_orders()) CHECK(order->symbol == "ETH/USDT");
  CHECK(bench.portfolio.balance("ETH").total == d("1.996"));
  CHECK(basket_account.open_orders().empty());
}

TEST_CASE("runner: an exception in a tentacle is logged with its class, counted, and the run goes on",
          "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account throwing(bench.account());
  Account dip(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(),
                           runner_config(bench, {{"ThrowingMode", &throwing}, {"DipBuyerMode", &dip}}));
  bench.candle("BTC/USDT", 0, "100", "101", "99", "100");

  runner.on_strategy_signal("BTC/USDT", 0.8, bench.now_ms);  // the producer throws
  bench.driver.drain();
  REQUIRE(runner.report().errors == 1);
  CHECK(runner.report().failures[0].class_name == "ThrowingMode");
  CHECK(runner.report().failures[0].callback == "on_strategy_signal");
  CHECK(runner.report().failures[0].symbol == "BTC/USDT");
  CHECK_THAT(runner.report().failures[0].message, Contains("producer boom on BTC/USDT"));
  const auto producer_lines = log.find("ThrowingMode", "producer boom on BTC/USDT");
  REQUIRE(producer_lines.size() == 1);
  CHECK_THAT(producer_lines[0], Contains("on_strategy_signal on BTC/USDT failed"));

  runner.on_strategy_signal("BTC/USDT", -0.8, bench.now_ms);  // this time the consumer throws
  bench.driver.drain();
  CHECK(runner.report().errors == 2);
  CHECK(runner.report().errors_by_class.at("ThrowingMode") == 2);
  CHECK(runner.report().failures[1].callback == "on_decision");
  bool logged_as_error = false;
  for (const auto& line : log.lines()) {
    if (line.source == "ThrowingMode" && line.message.find("consumer boom") != std::string::npos) {
      logged_as_error = line.level == LogLevel::error;
    }
  }
  CHECK(logged_as_error);
  // The other mode traded as if nothing happened.
  CHECK(dip.open_orders().size() == 2);
  CHECK(runner.report().errors_by_class.count("DipBuyerMode") == 0);
}

TEST_CASE("runner: configurations that cannot run are refused up front", "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  auto& host = tentacle_host();
  CHECK_THROWS_WITH(TradingModeRunner(host, runner_config(bench, {{"NoSuchMode", &account}})),
                    Contains("NoSuchMode is not loaded"));
  CHECK_THROWS_WITH(
      TradingModeRunner(host, runner_config(bench, {{"DipBuyerMode", &account}, {"DipBuyerMode", &account}})),
      Contains("listed twice"));
  CHECK_THROWS_WITH(TradingModeRunner(host, runner_config(bench, {{"DipBuyerMode", nullptr}})),
                    Contains("has no account"));
  auto no_channel = runner_config(bench, {{"DipBuyerMode", &account}});
  no_channel.decisions = nullptr;
  CHECK_THROWS_WITH(TradingModeRunner(host, no_channel), Contains("TradingMode channel"));

  TradingModeRunner runner(host, runner_config(bench, {{"DipBuyerMode", &account}}));
  CHECK_THROWS_WITH(runner.on_strategy_signal("BTC/USDT", 1.5, 0), Contains("[-1, 1]"));
  CHECK_THROWS_WITH(runner.on_strategy_signal("XRP/USDT", 0.0, 0), Contains("XRP/USDT is not traded"));
}

TEST_CASE("runner: the caller's host services keep theirs and lose orders/1 with the runner",
          "[trading_modes][runner]") {
  Exchange bench;
  bench.portfolio.deposit("USDT", d("1000"));
  Account account(bench.account());
  octobot::tentacles::HostServices services([&bench] { return bench.now_ms; });
  const int matrix_table = 0;  // any registered table: the runner must leave it alone
  services.register_service(OB_SERVICE_MATRIX_V1, &matrix_table);
  const ob_host* host = services.host();
  {
    auto config = runner_config(bench, {{"DipBuyerMode", &account}});
    config.host_services = &services;
    TradingModeRunner runner(tentacle_host(), config);
    CHECK(runner.host() == host);
    CHECK(host->get_service(host, OB_SERVICE_ORDERS_V1) != nullptr);
    CHECK(host->get_service(host, OB_SERVICE_PORTFOLIO_V1) != nullptr);
    bench.candle("BTC/USDT", 0, "100", "101", "99", "100");
    runner.on_strategy_signal("BTC/USDT", -0.8, bench.now_ms);
    bench.driver.drain();
    CHECK(account.open_orders().size() == 2);  // the instance reached orders/1 through the caller's host
  }
  CHECK(host->get_service(host, OB_SERVICE_ORDERS_V1) == nullptr);
  CHECK(host->get_service(host, OB_SERVICE_PORTFOLIO_V1) == nullptr);
  CHECK(host->get_service(host, OB_SERVICE_MATRIX_V1) == &matrix_table);
}

TEST_CASE("runner: a run's own host serves the run's clock", "[trading_modes][runner]") {
  Exchange bench;
  Account account(bench.account());
  TradingModeRunner runner(tentacle_host(), runner_config(bench, {{"DipBuyerMode", &account}}));
  const auto* time = static_cast<const ob_time_service_v1*>(runner.host()->get_service(runner.host(), "time/1"));
  REQUIRE(time != nullptr);
  bench.now_ms = 1'700'000'000'000;
  CHECK(time->now_ms(time->context) == 1'700'000'000'000);
}

TEST_CASE("runner: the same inputs give the same order updates", "[trading_modes][runner]") {
  const auto run = [] {
    Exchange bench;
    bench.portfolio.deposit("USDT", d("1000"));
    Account limit(bench.account());
    Account market(bench.account());
    std::vector<octobot::channel::OrderMessage> updates;
    TradingModeRunner runner(tentacle_host(),
                             runner_config(bench, {{"LimitDipBuyerMode", &limit}, {"DipBuyerMode", &market}}));
    const auto recorder =
        bench.orders->subscribe([&](const octobot::channel::OrderMessage& m) { updates.push_back(m); });
    const char* closes[] = {"100", "97", "99", "103", "96", "101"};
    for (int i = 0; i < 6; ++i) {
      bench.candle("BTC/USDT", i, closes[i], "104", "95.5", closes[i]);
      runner.on_strategy_signal("BTC/USDT", i % 3 == 0 ? -0.9 : (i % 3 == 1 ? 0.0 : 0.9), bench.now_ms);
      bench.driver.drain();
    }
    return updates;
  };
  const auto first = run();
  CHECK(first.size() > 10);
  CHECK(first == run());
}

TEST_CASE("runner: candles reach the producers trading their symbol", "[trading_modes][runner]") {
  Exchange bench;
  Account account(bench.account());
  Account basket_account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(
      tentacle_host(),
      runner_config(bench, {{"DipBuyerMode", &account}, {"BasketMode", &basket_account}}, {"BTC/USDT", "ETH/USDT"}));
  const std::int64_t times[] = {0, 60'000};
  const double opens[] = {100, 101};
  const double highs[] = {102, 103};
  const double lows[] = {99, 100};
  const double closes[] = {101, 102.5};
  const double volumes[] = {10, 12};
  const ob_candles candles{
      OB_HEADER_INIT(ob_candles), "binance", "ETH/USDT", "1m", 2, times, opens, highs, lows, closes, volumes};
  runner.on_candle(candles);
  // The ETH instance of DipBuyerMode (a no-op on_candle) and the basket; not the BTC instance.
  CHECK(runner.report().candles == 2);
  CHECK(log.find("BasketMode", "basket candle ETH/USDT count=2 last close=102.5").size() == 1);
  CHECK(runner.report().errors == 0);

  ob_candles unknown = candles;
  unknown.symbol = "XRP/USDT";
  CHECK_THROWS_WITH(runner.on_candle(unknown), Contains("XRP/USDT is not traded"));
}

TEST_CASE("runner: a decision for a symbol the instance does not trade is refused", "[trading_modes][runner]") {
  Exchange bench;
  Account account(bench.account());
  LogRecorder log;
  TradingModeRunner runner(tentacle_host(),
                           runner_config(bench, {{"StraySymbolMode", &account}}, {"BTC/USDT", "ETH/USDT"}));
  runner.on_strategy_signal("BTC/USDT", -0.5, 0);
  runner.on_strategy_signal("ETH/USDT", -0.5, 0);
  bench.driver.drain();
  // The ETH instance's own decision went through; the BTC instance's was refused inside its callback.
  CHECK(runner.report().decisions_submitted == 1);
  CHECK(log.find("StraySymbolMode", "stray decision ETH/USDT on ETH/USDT").size() == 1);
  CHECK(log.find("StraySymbolMode", "stray decision").size() == 1);
  REQUIRE(runner.report().errors == 1);
  CHECK(runner.report().failures[0].symbol == "BTC/USDT");
  CHECK_THAT(runner.report().failures[0].message,
             Contains("symbol: an instance created for BTC/USDT decides for BTC/USDT only, found \"ETH/USDT\""));
}
