// Two trading modes on two sub-portfolios of one exchange, interleaving orders candle after candle:
// each mode's slice is spent only by its own orders, and its balances always equal a ledger of its
// own fills.
#include <catch2/catch.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/trading/exchange_manager.hpp>

#include <map>
#include <random>
#include <string>

#include "simulated_exchange_support.hpp"

using namespace octobot::trading;
using namespace trading_test;
namespace channel = octobot::channel;
using channel::Side;
using octobot::commons::TimeFrame;

namespace {

// One mode: reacts to each candle with a random market or limit order on its own sub-portfolio, and
// keeps the ledger of its fills from the Trades channel.
struct Mode {
  Mode(ExchangeManager& exchange, Portfolio& slice, std::uint64_t seed)
      : manager(exchange),
        portfolio(slice),
        rng(seed),
        usdt(slice.balance("USDT").total),
        btc(slice.balance("BTC").total) {}

  void on_candle(const channel::OhlcvMessage& message) {
    const bool buy = std::uniform_int_distribution<int>(0, 1)(rng) == 0;
    const Decimal amount = Decimal::from_integer(std::uniform_int_distribution<int>(1, 300)(rng)) / d("10000");
    const OrderRequest request = std::uniform_int_distribution<int>(0, 2)(rng) == 0
                                     ? OrderRequest::market(message.symbol, buy ? Side::buy : Side::sell, amount)
                                     : OrderRequest::limit(message.symbol, buy ? Side::buy : Side::sell, amount,
                                                           message.candle.close + (buy ? d("-50") : d("50")));
    const Order& order = manager.gateway().create_order(request, &portfolio);
    ids.emplace(order.id, true);
    if (order.state == OrderState::rejected) ++rejected;
  }
  void on_trade(const channel::TradeMessage& trade) {
    if (!ids.contains(trade.order_id)) return;  // the other mode's
    ++fills;
    if (trade.side == Side::buy) {
      bought += trade.amount;
      usdt -= trade.amount * trade.price;
      btc += trade.amount - trade.fee;
    } else {
      btc -= trade.amount;
      usdt += trade.amount * trade.price - trade.fee;
    }
  }

  ExchangeManager& manager;
  Portfolio& portfolio;
  std::mt19937_64 rng;
  Decimal usdt, btc;
  Decimal bought;  // base bought, from the Trades channel (the exchange keeps only its latest trades)
  std::map<std::string, bool> ids;
  int fills = 0;
  int rejected = 0;
};

}  // namespace

TEST_CASE("two modes on two sub-portfolios of one exchange never touch each other's funds",
          "[sub_portfolio][exchange_manager]") {
  channel::SyncDriver driver;
  channel::ChannelRegistry registry;
  channel::create_exchange_channels(registry, "binance", channel::DeliveryMode::synchronized(driver));
  ExchangeManager manager({"binance"}, registry, {btc_usdt()});
  Portfolio& account = manager.portfolio();
  account.deposit("USDT", d("10000"));
  account.deposit("BTC", d("1"));
  Portfolio& grid = account.create_sub_portfolio("grid", {{"USDT", d("3000")}, {"BTC", d("0.1")}});
  Portfolio& dca = account.create_sub_portfolio("dca", {{"USDT", d("2000")}, {"BTC", d("0.05")}});
  manager.start_simulation({{d("0.001"), d("0.5")}, TimeFrame::one_minute});

  Mode grid_mode(manager, grid, 1);
  Mode dca_mode(manager, dca, 2);
  auto ohlcv = registry.get<channel::OhlcvChannel>("binance");
  auto trades = registry.get<channel::TradesChannel>("binance");
  // Subscription order decides who orders first on each candle; they alternate within one drain.
  auto s1 = ohlcv->subscribe([&](const channel::OhlcvMessage& m) { grid_mode.on_candle(m); });
  auto s2 = ohlcv->subscribe([&](const channel::OhlcvMessage& m) { dca_mode.on_candle(m); });
  auto s3 = trades->subscribe([&](const channel::TradeMessage& t) {
    grid_mode.on_trade(t);
    dca_mode.on_trade(t);
  });

  std::mt19937_64 prices(7);
  for (int i = 0; i < 2000; ++i) {
    const Decimal close = Decimal::from_integer(std::uniform_int_distribution<int>(19'000, 21'000)(prices));
    manager.push_candle("BTC/USDT", TimeFrame::one_minute,
                        Candle{i * 60'000, close, close + d("80"), close - d("80"), close, d("0.2")});
    driver.drain();
    // Neither slice ever goes beyond itself; the account's own funds are never touched.
    REQUIRE(account.balance("USDT").total - account.allocated("USDT") == d("5000"));
    REQUIRE(account.balance("BTC").total - account.allocated("BTC") == d("0.85"));
  }
  for (const Order* open : manager.gateway().open_orders()) manager.gateway().cancel_order(open->id);
  driver.drain();

  for (Mode* mode : {&grid_mode, &dca_mode}) {
    INFO(mode->portfolio.name());
    CHECK(mode->fills > 100);
    CHECK(mode->portfolio.balance("USDT") == Balance{mode->usdt, mode->usdt});
    CHECK(mode->portfolio.balance("BTC") == Balance{mode->btc, mode->btc});
    // PnL is per sub-portfolio: each tracker saw exactly its own mode's fills.
    const SymbolPnl* pnl = manager.pnl(&mode->portfolio).find("BTC/USDT");
    REQUIRE(pnl != nullptr);
    CHECK(pnl->bought == mode->bought);
  }
  CHECK(grid_mode.rejected + dca_mode.rejected > 0);  // the slices were tight enough to refuse orders
  CHECK(manager.pnl().find("BTC/USDT") == nullptr);   // nothing traded on the account itself
  CHECK(account.balance("USDT").total == d("5000") + grid.balance("USDT").total + dca.balance("USDT").total);
  CHECK(account.balance("BTC").total == d("0.85") + grid.balance("BTC").total + dca.balance("BTC").total);
}
