// Trading core throughput. Prints one JSON object per figure (see bench_report.hpp).
#include <octobot/trading/amount.hpp>
#include <octobot/trading/candle_buffer.hpp>

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

}  // namespace

int main() {
  bench_amount_parse();
  bench_candle_push();
  return 0;
}
