#include <catch2/catch.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/trading/exchange_manager.hpp>

#include <vector>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
namespace channel = octobot::channel;
using channel::Side;
using octobot::commons::TimeFrame;

namespace {

// A synchronized exchange channel set "binance" in a private registry, as a backtest builds it.
struct Fixture {
  channel::SyncDriver driver;
  channel::ChannelRegistry registry;
  Fixture() { channel::create_exchange_channels(registry, "binance", channel::DeliveryMode::synchronized(driver)); }
};

Market eth_usdt() {
  Market market = btc_usdt();
  market.symbol = "ETH/USDT";
  market.base = "ETH";
  return market;
}

}  // namespace

TEST_CASE("the exchange manager needs its channel set and distinct markets", "[exchange_manager]") {
  channel::ChannelRegistry empty;
  CHECK_THROWS_AS(ExchangeManager({"binance"}, empty), channel::ChannelError);
  Fixture fixture;
  CHECK_THROWS_AS(ExchangeManager({""}, fixture.registry), std::invalid_argument);
  CHECK_THROWS_AS(ExchangeManager({"binance"}, fixture.registry, {btc_usdt(), btc_usdt()}), std::invalid_argument);
  ExchangeManager manager({"binance"}, fixture.registry, {btc_usdt(), eth_usdt()});
  CHECK(manager.symbols() == std::vector<std::string>{"BTC/USDT", "ETH/USDT"});
  CHECK(manager.market("ETH/USDT").base == "ETH");
  CHECK(manager.find_market("XRP/USDT") == nullptr);
  CHECK_THROWS_AS(manager.market("XRP/USDT"), std::invalid_argument);
  CHECK_FALSE(manager.has_gateway());
  CHECK_THROWS_AS(manager.gateway(), std::logic_error);
}

TEST_CASE("push_candle stores the candle before publishing it, a consumer reads the buffer from its callback",
          "[exchange_manager]") {
  Fixture fixture;
  ExchangeManager manager({"binance", 5}, fixture.registry, {btc_usdt()});
  std::vector<channel::OhlcvMessage> received;
  std::vector<std::size_t> sizes_seen;
  auto subscription = fixture.registry.get<channel::OhlcvChannel>("binance")->subscribe(
      [&](const channel::OhlcvMessage& message) {
        received.push_back(message);
        sizes_seen.push_back(manager.candles("BTC/USDT", TimeFrame::one_hour)->size());
      },
      channel::ConsumerOptions().with_filter({{"time_frame", "1h"}}));
  for (int i = 0; i < 7; ++i) {
    manager.push_candle("BTC/USDT", TimeFrame::one_hour, candle(i * 60, "100", "110", "90", "105"));
    fixture.driver.drain();
  }
  manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle(0, "100", "101", "99", "100"));  // filtered out
  fixture.driver.drain();

  REQUIRE(received.size() == 7);
  CHECK(received[0] == channel::OhlcvMessage{"BTC", "BTC/USDT", "1h", candle(0, "100", "110", "90", "105")});
  CHECK(sizes_seen == std::vector<std::size_t>{1, 2, 3, 4, 5, 5, 5});  // capacity 5
  CHECK(manager.candles().buffer_count() == 2);
  CHECK(manager.candles("BTC/USDT", TimeFrame::one_day) == nullptr);
  CHECK_THROWS_AS(manager.push_candle("XRP/USDT", TimeFrame::one_hour, candle(0, "1", "1", "1", "1")),
                  std::invalid_argument);
  CHECK_THROWS_AS(manager.push_candle("BTC/USDT", TimeFrame::one_hour, candle(0, "1", "1", "1", "1")),
                  std::invalid_argument);  // older than the latest 1h candle
}

TEST_CASE("ticker, order book and recent trades are kept per symbol and published", "[exchange_manager]") {
  Fixture fixture;
  ExchangeManager manager({"binance", 3000, 3}, fixture.registry, {btc_usdt(), eth_usdt()});
  std::vector<channel::TickerMessage> tickers;
  std::vector<channel::OrderBookMessage> books;
  std::vector<channel::RecentTradesMessage> trade_batches;
  auto t = fixture.registry.get<channel::TickerChannel>("binance")->subscribe(
      [&](const channel::TickerMessage& m) { tickers.push_back(m); });
  auto b = fixture.registry.get<channel::OrderBookChannel>("binance")->subscribe(
      [&](const channel::OrderBookMessage& m) { books.push_back(m); });
  auto r = fixture.registry.get<channel::RecentTradesChannel>("binance")->subscribe(
      [&](const channel::RecentTradesMessage& m) { trade_batches.push_back(m); });

  CHECK(manager.ticker("BTC/USDT") == nullptr);
  CHECK_FALSE(manager.last_price("BTC/USDT").has_value());
  manager.update_ticker({"", "BTC/USDT", 1'000, d("19999"), d("20001"), d("20000"), d("1234.5")});
  manager.update_order_book({"", "ETH/USDT", 1'000, {{d("1500"), d("2")}}, {{d("1501"), d("3")}}});
  std::vector<channel::PublicTrade> trades;
  for (int i = 1; i <= 5; ++i) {
    trades.push_back({std::to_string(i), i * 100, Side::buy, d("20000") + Decimal::from_integer(i), d("0.1")});
  }
  manager.add_recent_trades("BTC/USDT", trades);
  fixture.driver.drain();

  REQUIRE(manager.ticker("BTC/USDT") != nullptr);
  CHECK(manager.ticker("BTC/USDT")->cryptocurrency == "BTC");  // filled in from the market
  CHECK(manager.order_book("ETH/USDT")->asks.front().amount == d("3"));
  CHECK(manager.order_book("BTC/USDT") == nullptr);
  REQUIRE(manager.recent_trades("BTC/USDT").size() == 3);  // the latest 3 kept
  CHECK(manager.recent_trades("BTC/USDT").front().id == "3");
  CHECK(manager.recent_trades("ETH/USDT").empty());
  REQUIRE(tickers.size() == 1);
  CHECK(tickers[0].last == d("20000"));
  REQUIRE(books.size() == 1);
  CHECK(books[0].cryptocurrency == "ETH");
  REQUIRE(trade_batches.size() == 1);
  CHECK(trade_batches[0].trades.size() == 5);  // the batch as it came

  // Last price: the newer of the ticker and the latest candle.
  CHECK(manager.last_price("BTC/USDT") == d("20000"));
  manager.push_candle("BTC/USDT", TimeFrame::one_minute,
                      Candle{60'000, d("20000"), d("20100"), d("19900"), d("20050"), d("1")});
  CHECK(manager.last_price("BTC/USDT") == d("20050"));
  manager.push_candle("ETH/USDT", TimeFrame::one_minute,
                      Candle{60'000, d("1500"), d("1500"), d("1500"), d("1500"), d("1")});
  const auto prices = manager.prices_in("USDT");
  CHECK(prices ==
        std::map<std::string, Decimal, std::less<>>{{"BTC", d("20050")}, {"ETH", d("1500")}, {"USDT", d("1")}});
  CHECK_THROWS_AS(manager.update_ticker({"", "XRP/USDT", 0, {}, {}, {}, {}}), std::invalid_argument);
}

TEST_CASE("simulated run: orders a strategy places on candle t fill from t+1, balances and PnL follow",
          "[exchange_manager][look_ahead][pnl]") {
  Fixture fixture;
  ExchangeManager manager({"binance"}, fixture.registry, {btc_usdt()});
  manager.portfolio().deposit("USDT", d("10000"));
  SimulatedExchange& simulated = manager.start_simulation({{}, TimeFrame::one_minute});
  CHECK(&manager.gateway() == &simulated);
  CHECK(manager.simulated_exchange() == &simulated);
  CHECK_THROWS_AS(manager.start_simulation(), std::logic_error);

  std::vector<channel::BalanceMessage> balances;
  auto balance_sub = fixture.registry.get<channel::BalanceChannel>("binance")->subscribe(
      [&](const channel::BalanceMessage& m) { balances.push_back(m); });
  manager.publish_balances();
  fixture.driver.drain();
  REQUIRE(balances.size() == 1);
  CHECK(balances[0] == channel::BalanceMessage{"USDT", d("10000"), d("10000")});
  balances.clear();

  // The strategy: on the first candle, a limit buy at that candle's low (it crossed it already).
  const Order* entry = nullptr;
  auto strategy = fixture.registry.get<channel::OhlcvChannel>("binance")->subscribe(
      [&](const channel::OhlcvMessage& m) {
        if (entry == nullptr) {
          entry = &manager.gateway().create_order(OrderRequest::limit(m.symbol, Side::buy, d("0.1"), m.candle.low));
        }
      },
      channel::ConsumerOptions().with_filter({{"time_frame", "1m"}}));
  manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle(0, "20000", "20000", "19000", "19500"));
  fixture.driver.drain();
  REQUIRE(entry != nullptr);
  CHECK(entry->state == OrderState::open);
  // A 1h candle does not drive fills (the fill time frame is 1m): it may share the 1m candle's time.
  manager.push_candle("BTC/USDT", TimeFrame::one_hour, candle(0, "20000", "20000", "18000", "19500"));
  CHECK(entry->state == OrderState::open);
  manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle(1, "19500", "19600", "19100", "19200"));
  CHECK(entry->state == OrderState::open);
  manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle(2, "19200", "19300", "18900", "19100"));
  CHECK(entry->state == OrderState::filled);
  CHECK(entry->filled_cost == d("1900"));
  // A fill-time-frame candle cannot be replaced once orders filled on it; nothing changes.
  CHECK_THROWS_AS(manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle(2, "1", "1", "1", "1")),
                  std::invalid_argument);
  CHECK(manager.candles("BTC/USDT", TimeFrame::one_minute)->latest() == candle(2, "19200", "19300", "18900", "19100"));

  // PnL of the account: 0.0999 BTC held (maker fee 0.0001) for 1900 USDT.
  const SymbolPnl* pnl = manager.pnl().find("BTC/USDT");
  REQUIRE(pnl != nullptr);
  CHECK(pnl->position == d("0.0999"));
  CHECK(pnl->cost == d("1900"));
  CHECK(manager.unrealised_pnl("BTC/USDT") == d("0.0999") * d("19100") - d("1900"));
  const Order& exit = manager.gateway().create_order(OrderRequest::market("BTC/USDT", Side::sell, d("0.0999")));
  CHECK(exit.state == OrderState::filled);
  CHECK(pnl->position.is_zero());
  CHECK(pnl->realised == d("0.0999") * d("19100") - exit.fees - d("1900"));
  CHECK(manager.unrealised_pnl("BTC/USDT").is_zero());

  // Balance messages after every change: the reservation, the fill (both assets), the exit (both).
  fixture.driver.drain();
  std::vector<std::string> currencies;
  for (const auto& message : balances) currencies.push_back(message.currency);
  CHECK(currencies == std::vector<std::string>{"USDT", "BTC", "USDT", "BTC", "BTC", "USDT"});
  CHECK(balances.back() == channel::BalanceMessage{"USDT", manager.portfolio().balance("USDT").total,
                                                   manager.portfolio().balance("USDT").available});
}

TEST_CASE("when simulating, the order book the manager keeps is the one market orders fill against",
          "[exchange_manager][order_book]") {
  Fixture fixture;
  ExchangeManager manager({"binance"}, fixture.registry, {btc_usdt()});
  manager.portfolio().deposit("USDT", d("10000"));
  manager.start_simulation({{}, TimeFrame::one_minute});
  manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle(0, "20000", "20000", "19000", "19500"));
  manager.update_order_book(
      {"", "BTC/USDT", 30'000, {{d("19490"), d("1")}}, {{d("19510"), d("0.05")}, {d("19520"), d("1")}}});
  const Order& buy = manager.gateway().create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.1")));
  CHECK(buy.state == OrderState::filled);
  CHECK(buy.filled_cost == d("1951.5"));  // 0.05 * 19510 + 0.05 * 19520, not 0.1 * 19500
}
