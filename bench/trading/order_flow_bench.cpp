// The exchange manager's paths as a backtest drives them: candles pushed into the buffers (with and
// without a subscriber on the OHLCV channel), and orders created, filled and booked (directly on the
// simulated exchange, and through the exchange's channels with consumers subscribed). Each figure
// comes with a reference measured in the same program: the plain loop doing only the unavoidable
// work (a CandleStore push; the exact Decimal ledger arithmetic of one fill). One JSON line per figure.
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/trading/exchange_manager.hpp>

#include <bench_report.hpp>
#include <stdexcept>
#include <vector>

namespace {

using octobot::commons::Decimal;
using octobot::commons::TimeFrame;
namespace channel = octobot::channel;
namespace trading = octobot::trading;

Decimal dec(const char* text) { return Decimal::from_string(text); }

trading::Market bench_market() {
  trading::Market market;
  market.symbol = "BTC/USDT";
  market.base = "BTC";
  market.quote = "USDT";
  market.price_decimals = 2;
  market.amount_decimals = 5;
  market.min_amount = dec("0.0001");
  market.min_cost = dec("10");
  market.maker_fee = dec("0.001");
  market.taker_fee = dec("0.002");
  return market;
}

std::vector<channel::Candle> candle_pattern() {
  std::vector<channel::Candle> pattern(1024);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const Decimal price = dec("30000.25") + Decimal::from_integer(static_cast<std::int64_t>(i));
    pattern[i] = {0, price, price + dec("10"), price - dec("10"), price, dec("1.5")};
  }
  return pattern;
}

// Reference: the same candles straight into a CandleStore (a map lookup and a buffer push).
void bench_candle_store_reference() {
  constexpr std::int64_t kCandles = 3'000'000;
  const auto pattern = candle_pattern();
  trading::CandleStore store;
  const octobot::bench::Stopwatch watch;
  for (std::int64_t i = 0; i < kCandles; ++i) {
    auto candle = pattern[static_cast<std::size_t>(i) & 1023];
    candle.open_time_ms = i * 60'000;
    store.push("BTC/USDT", TimeFrame::one_minute, candle);
  }
  const double seconds = watch.seconds();
  octobot::bench::do_not_optimize(store.find("BTC/USDT", TimeFrame::one_minute)->closes(1)[0]);
  octobot::bench::report("trading.reference.candle_store_push", "candles/s", kCandles / seconds);
}

// ExchangeManager::push_candle on a synchronized channel set, drained every 100 candles (a time step).
// subscribers == 0: nobody listens, no message is built; 1: one consumer summing the closes exactly.
void bench_push_candle(int subscribers) {
  constexpr std::int64_t kCandles = 3'000'000;
  const auto pattern = candle_pattern();
  channel::SyncDriver driver;
  channel::ChannelRegistry registry;
  channel::create_exchange_channels(registry, "bench", channel::DeliveryMode::synchronized(driver));
  trading::ExchangeManager manager({"bench"}, registry, {bench_market()});
  Decimal sum;
  channel::Subscription subscription;
  if (subscribers > 0) {
    subscription = registry.get<channel::OhlcvChannel>("bench")->subscribe(
        [&sum](const channel::OhlcvMessage& message) { sum += message.candle.close; });
  }
  const octobot::bench::Stopwatch watch;
  for (std::int64_t i = 0; i < kCandles; ++i) {
    auto candle = pattern[static_cast<std::size_t>(i) & 1023];
    candle.open_time_ms = i * 60'000;
    manager.push_candle("BTC/USDT", TimeFrame::one_minute, candle);
    if (i % 100 == 99) driver.drain();
  }
  driver.drain();
  const double seconds = watch.seconds();
  octobot::bench::do_not_optimize(sum);
  octobot::bench::report(subscribers > 0 ? "trading.exchange_manager.push_candle.one_subscriber"
                                         : "trading.exchange_manager.push_candle.no_subscriber",
                         "candles/s", kCandles / seconds);
}

// Reference: the exact arithmetic of one taker fill booked in a plain loop (cost, fee, two balances),
// with no order object, no checks and no history.
void bench_fill_arithmetic_reference() {
  constexpr int kFills = 1'000'000;
  const Decimal price = dec("20010.5");
  const Decimal amount = dec("0.01");
  const Decimal fee_rate = dec("0.002");
  Decimal usdt = Decimal::from_integer(1'000'000);
  Decimal btc = Decimal::from_integer(10);
  const octobot::bench::Stopwatch watch;
  for (int i = 0; i < kFills; ++i) {
    const Decimal cost = amount * price;
    if (i % 2 == 0) {
      usdt -= cost;
      btc += amount - amount * fee_rate;
    } else {
      btc -= amount;
      usdt += cost - cost * fee_rate;
    }
  }
  const double seconds = watch.seconds();
  octobot::bench::do_not_optimize(usdt);
  octobot::bench::do_not_optimize(btc);
  octobot::bench::report("trading.reference.fill_arithmetic", "fills/s", kFills / seconds);
}

// One market order created, filled and booked (portfolio, PnL, trade history). through_channels:
// via ExchangeManager with consumers subscribed to Orders, Trades and Balance, drained after each
// order (every message is delivered); otherwise straight on a SimulatedExchange with no channel.
void bench_order_flow(bool through_channels) {
  constexpr int kOrders = 200'000;
  channel::SyncDriver driver;
  channel::ChannelRegistry registry;
  channel::create_exchange_channels(registry, "bench", channel::DeliveryMode::synchronized(driver));
  trading::ExchangeManager manager({"bench"}, registry, {bench_market()});
  manager.portfolio().deposit("USDT", Decimal::from_integer(1'000'000));
  manager.portfolio().deposit("BTC", Decimal::from_integer(10));
  std::size_t delivered = 0;
  std::vector<channel::Subscription> subscriptions;
  trading::OrderGateway* gateway = nullptr;
  std::unique_ptr<trading::SimulatedExchange> direct;
  if (through_channels) {
    gateway = &manager.start_simulation({{dec("0.0005"), Decimal{}}, TimeFrame::one_minute});
    subscriptions.push_back(registry.get<channel::OrdersChannel>("bench")->subscribe(
        [&delivered](const channel::OrderMessage&) { ++delivered; }));
    subscriptions.push_back(registry.get<channel::TradesChannel>("bench")->subscribe(
        [&delivered](const channel::TradeMessage&) { ++delivered; }));
    subscriptions.push_back(registry.get<channel::BalanceChannel>("bench")->subscribe(
        [&delivered](const channel::BalanceMessage&) { ++delivered; }));
    const Decimal price = dec("20000.5");
    manager.push_candle("BTC/USDT", TimeFrame::one_minute, {0, price, price, price, price, dec("100")});
  } else {
    direct =
        std::make_unique<trading::SimulatedExchange>(std::vector<trading::Market>{bench_market()}, manager.portfolio(),
                                                     trading::SimulatedExchangeConfig{dec("0.0005"), Decimal{}});
    const Decimal price = dec("20000.5");
    direct->on_candle("BTC/USDT", {0, price, price, price, price, dec("100")});
    gateway = direct.get();
  }
  const Decimal amount = dec("0.01");
  const octobot::bench::Stopwatch watch;
  for (int i = 0; i < kOrders; ++i) {
    const auto side = i % 2 == 0 ? channel::Side::buy : channel::Side::sell;
    const trading::Order& order = gateway->create_order(trading::OrderRequest::market("BTC/USDT", side, amount));
    if (order.state != trading::OrderState::filled)
      throw std::runtime_error("bench: order not filled: " + order.reason);
    if (through_channels) driver.drain();
  }
  const double seconds = watch.seconds();
  if (through_channels) {
    // Per order: 1 order message, 1 trade, 3 balance messages (reservation, base, quote).
    if (delivered != static_cast<std::size_t>(kOrders) * 5) throw std::runtime_error("bench: messages lost");
    octobot::bench::report("trading.order_flow.through_channels_one_consumer_each", "orders/s", kOrders / seconds);
  } else {
    octobot::bench::report("trading.order_flow.simulated_exchange_direct", "orders/s", kOrders / seconds);
  }
}

}  // namespace

int main() {
  bench_candle_store_reference();
  bench_push_candle(0);
  bench_push_candle(1);
  bench_fill_arithmetic_reference();
  bench_order_flow(false);
  bench_order_flow(true);
  return 0;
}
