// Trading core throughput. Prints one JSON object per figure (see bench_report.hpp).
#include <octobot/trading/amount.hpp>
#include <octobot/trading/candle_buffer.hpp>
#include <octobot/trading/simulated_exchange.hpp>

#include <bench_report.hpp>

namespace {

using octobot::commons::Decimal;

void bench_amount_parse() {
  constexpr int kIterations = 1'000'000;
  const octobot::bench::Stopwatch watch;
  for (int i = 0; i < kIterations; ++i) {
    const auto spec = octobot::trading::parse_amount(i % 2 == 0 ? "12.5t%" : "100q");
    octobot::bench::do_not_optimize(spec.value);
  }
  octobot::bench::report("trading.amount.parse", "parse/s", kIterations / watch.seconds());
}

// Pushes 10 million distinct candles through one 3000-candle buffer (it wraps thousands of times);
// the cost includes the Decimal -> double conversion of five columns.
void bench_candle_push() {
  constexpr std::int64_t kCandles = 10'000'000;
  std::vector<octobot::channel::Candle> pattern(1024);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const Decimal price = Decimal::from_string("30000.25") + Decimal::from_integer(static_cast<std::int64_t>(i));
    pattern[i] = {0, price, price, price, price, Decimal::from_string("1.5")};
  }
  octobot::trading::CandleBuffer buffer;
  const octobot::bench::Stopwatch watch;
  for (std::int64_t i = 0; i < kCandles; ++i) {
    auto candle = pattern[static_cast<std::size_t>(i) & 1023];
    candle.open_time_ms = i * 60'000;
    buffer.push(candle);
  }
  const double seconds = watch.seconds();
  octobot::bench::do_not_optimize(buffer.closes(1)[0]);
  octobot::bench::report("trading.candle_buffer.push", "candles/s", kCandles / seconds);
}

octobot::trading::Market bench_market() {
  octobot::trading::Market market;
  market.symbol = "BTC/USDT";
  market.base = "BTC";
  market.quote = "USDT";
  market.price_decimals = 2;
  market.amount_decimals = 5;
  market.min_amount = Decimal::from_string("0.0001");
  market.min_cost = Decimal::from_string("10");
  market.maker_fee = Decimal::from_string("0.001");
  market.taker_fee = Decimal::from_string("0.002");
  return market;
}

// One market order = create, checks, reservation, fill at the slipped price, fee, portfolio update,
// trade record. Buys and sells alternate so the balances stay in range. The exchange keeps every
// order and trade (history), so this includes that bookkeeping.
void bench_market_orders() {
  using namespace octobot::trading;
  constexpr int kOrders = 200'000;
  Portfolio portfolio;
  portfolio.deposit("USDT", Decimal::from_integer(1'000'000));
  portfolio.deposit("BTC", Decimal::from_integer(10));
  SimulatedExchange exchange({bench_market()}, portfolio, {Decimal::from_string("0.0005"), Decimal{}});
  const Decimal price = Decimal::from_string("20000.5");
  exchange.on_candle("BTC/USDT", {0, price, price, price, price, Decimal::from_integer(100)});
  const Decimal amount = Decimal::from_string("0.01");
  const octobot::bench::Stopwatch watch;
  for (int i = 0; i < kOrders; ++i) {
    const Side side = i % 2 == 0 ? Side::buy : Side::sell;
    const Order& order = exchange.create_order(OrderRequest::market("BTC/USDT", side, amount));
    if (order.state != OrderState::filled) throw std::runtime_error("bench: market order not filled: " + order.reason);
  }
  octobot::bench::report("trading.simulated_exchange.market_order_fill", "orders/s", kOrders / watch.seconds());
}

// A limit order created, then filled by the next candle crossing its price: the backtesting path.
void bench_limit_orders() {
  using namespace octobot::trading;
  constexpr int kOrders = 200'000;
  Portfolio portfolio;
  portfolio.deposit("USDT", Decimal::from_integer(1'000'000));
  portfolio.deposit("BTC", Decimal::from_integer(10));
  SimulatedExchange exchange({bench_market()}, portfolio);
  const Decimal high = Decimal::from_string("20100");
  const Decimal low = Decimal::from_string("19900");
  const Decimal mid = Decimal::from_integer(20000);
  const Decimal amount = Decimal::from_string("0.01");
  exchange.on_candle("BTC/USDT", {0, mid, mid, mid, mid, Decimal::from_integer(100)});
  const octobot::bench::Stopwatch watch;
  for (int i = 0; i < kOrders; ++i) {
    const Side side = i % 2 == 0 ? Side::buy : Side::sell;
    const Order& order =
        exchange.create_order(OrderRequest::limit("BTC/USDT", side, amount, side == Side::buy ? low : high));
    exchange.on_candle("BTC/USDT", {(i + 1) * 60'000LL, mid, high, low, mid, Decimal::from_integer(100)});
    if (order.state != OrderState::filled) throw std::runtime_error("bench: limit order not filled");
  }
  octobot::bench::report("trading.simulated_exchange.limit_order_candle_fill", "orders/s", kOrders / watch.seconds());
}

}  // namespace

int main() {
  bench_amount_parse();
  bench_candle_push();
  bench_market_orders();
  bench_limit_orders();
  return 0;
}
