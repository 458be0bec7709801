// The simulated exchange releases final orders: a long run with many orders keeps a bounded number in
// memory (the open ones plus a window of recently closed ones), and what it releases never changes
// the money.
#include <catch2/catch.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
using octobot::channel::OrderType;
using octobot::channel::Side;

namespace {

// A 1-minute candle around `price` (whole USDT), one USDT either side.
Candle around(std::int64_t index, int price) {
  const std::string open = std::to_string(price);
  const std::string high = std::to_string(price + 1);
  const std::string low = std::to_string(price - 1);
  return Candle{index * 60'000, d(open.c_str()), d(high.c_str()), d(low.c_str()), d(open.c_str()), d("1000")};
}

}  // namespace

TEST_CASE("a long run with many orders keeps only the open ones and a bounded window of closed ones",
          "[order_retention]") {
  constexpr std::size_t kKept = 64;
  constexpr int kCandles = 5'000;
  Portfolio portfolio;
  portfolio.deposit("USDT", d("1000000"));
  portfolio.deposit("BTC", d("100"));
  SimulatedExchangeConfig config;
  config.closed_orders_kept = kKept;
  SimulatedExchange exchange({btc_usdt()}, portfolio, config);
  exchange.on_candle("BTC/USDT", around(0, 20000));

  std::vector<std::string> first_ids;
  std::string previous_limit;
  std::size_t most_retained = 0;
  for (int i = 1; i <= kCandles; ++i) {
    // Per candle: a market buy and sell (filled at once), a rejected order (below the minimum), a
    // far limit that the next candle cancels, and an exit pair whose stop fills two candles later.
    const Order& buy = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.01")));
    const Order& sell = exchange.create_order(OrderRequest::market("BTC/USDT", Side::sell, d("0.01")));
    const Order& rejected = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.00001")));
    REQUIRE(buy.state == OrderState::filled);
    REQUIRE(sell.state == OrderState::filled);
    REQUIRE(rejected.state == OrderState::rejected);
    if (!previous_limit.empty()) REQUIRE(exchange.cancel_order(previous_limit));
    previous_limit = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.2"), d("100"))).id;
    if (i % 2 == 1) {
      exchange.create_order_group(
          OrderGroupKind::one_cancels_the_other,
          {OrderRequest::limit("BTC/USDT", Side::sell, d("0.01"), d("90000")),
           OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d("0.01"), d("19000"))});
    }
    if (first_ids.empty()) first_ids = {buy.id, sell.id, rejected.id};
    // Every other candle dips through the stops of the open exit pairs.
    exchange.on_candle("BTC/USDT", i % 2 == 0 ? around(i, 18990) : around(i, 20000));
    most_retained = std::max(most_retained, exchange.retained_orders());
    // Orders closed on this candle are still readable until a later candle releases them.
    REQUIRE(exchange.retained_orders() <= exchange.open_orders().size() + kKept + 16);
  }
  CHECK(exchange.orders_created() > 20'000);
  CHECK(most_retained <= kKept + 16);
  // Long released: unknown to order(), as the OrderGateway contract allows.
  for (const std::string& id : first_ids) CHECK(exchange.order(id) == nullptr);
  CHECK(exchange.trades().size() <= kKept);
  CHECK(exchange.trade_count() == static_cast<std::uint64_t>(2 * kCandles + kCandles / 2));
  // Releasing changed no money: only the last far limit still holds funds.
  const std::vector<const Order*> open = exchange.open_orders();
  REQUIRE(open.size() == 1);
  CHECK(open.front()->id == previous_limit);
  CHECK(portfolio.balance("USDT").locked() == d("20"));  // 0.2 at 100
  CHECK(portfolio.balance("BTC").locked().is_zero());
}

TEST_CASE("a group member released while another stays open: the shared reservation is still released once",
          "[order_retention]") {
  Portfolio portfolio;
  portfolio.deposit("BTC", d("1"));
  portfolio.deposit("USDT", d("100000"));
  SimulatedExchangeConfig config;
  config.closed_orders_kept = 2;
  SimulatedExchange exchange({btc_usdt()}, portfolio, config);
  exchange.on_candle("BTC/USDT", around(0, 20000));
  // The take-profit expires alone at candle 2; the stop stays open with the shared 1 BTC lock.
  const auto pair = exchange.create_order_group(
      OrderGroupKind::one_cancels_the_other,
      {OrderRequest::limit("BTC/USDT", Side::sell, d("1"), d("90000")).expiring_at(2 * 60'000),
       OrderRequest::triggered("BTC/USDT", Side::sell, OrderType::stop_loss, d("1"), d("15000"))});
  const std::string take_profit = pair[0]->id;
  const std::string stop = pair[1]->id;
  for (int i = 1; i <= 20; ++i) {
    exchange.on_candle("BTC/USDT", around(i, 20000));
    // Other orders close, pushing the expired take-profit out of the window.
    (void)exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.001")));
  }
  CHECK(exchange.order(take_profit) == nullptr);
  REQUIRE(exchange.order(stop) != nullptr);
  CHECK(exchange.order(stop)->state == OrderState::open);
  CHECK(portfolio.balance("BTC").locked() == d("1"));
  // The stop fills: the group's reservation is spent, nothing stays locked.
  exchange.on_candle("BTC/USDT", around(21, 14000));
  CHECK(exchange.order(stop)->state == OrderState::filled);
  CHECK(portfolio.balance("BTC").locked().is_zero());
  CHECK(portfolio.balance("USDT").locked().is_zero());
}

TEST_CASE("an order closed during a time step is readable when its update is delivered after the step",
          "[order_retention]") {
  octobot::channel::ChannelRegistry registry;
  octobot::channel::SyncDriver driver;
  octobot::channel::create_exchange_channels(registry, "sim", octobot::channel::DeliveryMode::synchronized(driver));
  Portfolio portfolio;
  portfolio.deposit("USDT", d("100000"));
  SimulatedExchangeConfig config;
  config.closed_orders_kept = 0;  // the smallest window: released at the next candle
  SimulatedExchange exchange({btc_usdt()}, portfolio, config,
                             {registry.get<octobot::channel::OrdersChannel>("sim"), nullptr, nullptr});
  std::vector<std::string> read_back;
  auto subscription = registry.get<octobot::channel::OrdersChannel>("sim")->subscribe(
      [&](const octobot::channel::OrderMessage& message) {
        const Order* order = exchange.order(message.order_id);
        read_back.push_back(order == nullptr ? "released" : std::string(to_string(order->state)));
      });
  // Step 0: a candle, orders created by the bot's reaction to it, then the drain delivers.
  exchange.on_candle("BTC/USDT", around(0, 20000));
  const std::string market = exchange.create_order(OrderRequest::market("BTC/USDT", Side::buy, d("0.01"))).id;
  const std::string limit = exchange.create_order(OrderRequest::limit("BTC/USDT", Side::buy, d("0.01"), d("19999"))).id;
  driver.drain();
  CHECK(read_back == std::vector<std::string>{"filled", "open"});
  // Step 1: the candle releases the market order (closed in an earlier step) and fills the limit.
  exchange.on_candle("BTC/USDT", around(1, 19990));
  CHECK(exchange.order(market) == nullptr);
  driver.drain();
  CHECK(read_back == std::vector<std::string>{"filled", "open", "filled"});
  // Step 2: nothing closed is kept.
  exchange.on_candle("BTC/USDT", around(2, 19990));
  CHECK(exchange.order(limit) == nullptr);
  CHECK(exchange.retained_orders() == 0);
}
