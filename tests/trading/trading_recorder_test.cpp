// A run recorded to SQLite as it goes, read back, and its open orders restored into a new exchange.
#include <catch2/catch.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/trading/trading_recorder.hpp>

#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "order_checks.hpp"
#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
namespace channel = octobot::channel;
using channel::OrderType;
using channel::Side;
using octobot::commons::TimeFrame;

namespace {

struct TempFile {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("octobot-recorder-test-" + std::to_string(::getpid()) + ".sqlite");
  TempFile() { std::filesystem::remove(path); }
  ~TempFile() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("a run is recorded as it goes, read back exactly, and its open orders restored",
          "[trading_store][recorder]") {
  TempFile file;
  std::vector<std::string> open_ids;
  std::map<std::string, Decimal> own_locked;
  {
    channel::SyncDriver driver;
    channel::ChannelRegistry registry;
    channel::create_exchange_channels(registry, "binance", channel::DeliveryMode::synchronized(driver));
    ExchangeManager manager({"binance"}, registry, {btc_usdt()});
    manager.portfolio().deposit("USDT", d("10000"));
    manager.portfolio().deposit("BTC", d("0.5"));
    Portfolio& mode = manager.portfolio().create_sub_portfolio("mode", {{"USDT", d("1000")}});
    SimulatedExchange& exchange = manager.start_simulation({{d("0.001"), Decimal{}}, TimeFrame::one_minute});
    TradingStore store(file.path.string());
    TradingRecorder recorder(store, manager, "USDT");

    manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle(0, "20000", "20000", "20000", "20000"));
    recorder.record_portfolio(0);
    exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.0123")));
    exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.01"), d("19000.37")), &mode);
    exchange.create_order(OrderRequest::limit("BTC/USDT", Side::sell, d("0.2"), d("21000")).expiring_at(3'600'000));
    exchange.create_order(OrderRequest::trailing_stop_limit("BTC/USDT", Side::sell, d("0.1"), d("2.5"), d("0.5")));
    exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.00001"), d("19000")));  // rejected
    exchange.create_order_group(
        OrderGroupKind::one_cancels_the_other,
        {OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d("0.05"), d("18000")),
         OrderRequest::limit("BTC/USDT", Side::sell, d("0.05"), d("25000"))});
    manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle(1, "20000", "20500", "18990", "20400"));
    driver.drain();
    recorder.record_portfolio(60'000);

    CHECK(recorder.trades_saved() == exchange.trades().size());
    CHECK(recorder.orders_saved() >= 8);
    // Everything the exchange knows is in the database, field for field, money to the last unit.
    const std::vector<Order> saved = store.load_orders();
    REQUIRE(saved.size() == 7);
    for (const Order& order : saved) {
      const Order* live = exchange.order(order.id);
      REQUIRE(live != nullptr);
      octobot::testing::check_same_order(order, *live);
    }
    CHECK(store.load_trades() == std::vector(exchange.trades().begin(), exchange.trades().end()));
    const std::vector<Order> open = store.load_open_orders();
    for (const Order* order : exchange.open_orders()) open_ids.push_back(order->id);
    REQUIRE(open.size() == open_ids.size());
    for (std::size_t i = 0; i < open.size(); ++i) CHECK(open[i].id == open_ids[i]);
    // Portfolio history: per-asset rows of the account and the sub-portfolio, and their values.
    const auto values = store.load_portfolio_values();
    REQUIRE(values.size() == 4);                                           // (main, mode) x (0, 60000)
    CHECK(values[0] == PortfolioValueRow{0, "main", "USDT", d("20000")});  // 10000 + 0.5 * 20000
    CHECK(values[3].portfolio == "mode");
    CHECK(values[3].value == mode.value_in("USDT", manager.prices_in("USDT")));
    for (const auto& [asset, balance] : manager.portfolio().balances()) {
      own_locked[asset] = manager.portfolio().own_locked(asset);
    }
  }

  // A new run reloads: the account's last saved balances, then the open orders on top.
  TradingStore store(file.path.string());
  Portfolio portfolio;
  for (const PortfolioSnapshotRow& row : store.load_portfolio_history()) {
    if (row.time_ms == 60'000 && row.portfolio == "main") portfolio.deposit(row.asset, row.balance.total);
  }
  SimulatedExchange exchange({btc_usdt()}, portfolio);
  exchange.on_candle("BTC/USDT", candle(1, "20000", "20500", "18990", "20400"));
  for (const Order& order : store.load_open_orders()) exchange.restore_order(order);
  CHECK(exchange.open_orders().size() == open_ids.size());
  // The restored orders lock what they locked, except that the two members of the one-cancels-the-
  // other group come back alone and reserve 0.05 BTC each instead of sharing one reservation.
  CHECK(own_locked.at("BTC") == d("0.35"));
  CHECK(portfolio.balance("BTC").locked() == d("0.4"));
  CHECK(portfolio.balance("USDT").locked() == own_locked.at("USDT"));
  CHECK_THROWS_AS(exchange.restore_order(store.load_open_orders().back()), std::invalid_argument);  // duplicate
  CHECK_THROWS_AS(exchange.restore_order(store.load_orders().front()), std::invalid_argument);      // filled
  // The restored limit sell at 21000 fills on a later candle; new ids do not collide with restored ones.
  exchange.on_candle("BTC/USDT", candle(2, "20400", "21100", "20300", "21000"));
  bool limit_filled = false;
  for (const Order& order : store.load_orders()) {
    const Order* restored = exchange.order(order.id);
    if (restored != nullptr && restored->type == OrderType::limit && restored->side == Side::sell &&
        restored->price == d("21000")) {
      limit_filled = restored->state == OrderState::filled;
    }
  }
  CHECK(limit_filled);
  const Order& fresh = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.001"), d("15000")));
  CHECK(store.load_orders().back().id < fresh.id);
  CHECK(exchange.order(fresh.id) == &fresh);
}
