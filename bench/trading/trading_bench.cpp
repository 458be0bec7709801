// Trading core throughput. Prints one JSON object per figure (see bench_report.hpp).
#include <octobot/trading/amount.hpp>

#include <bench_report.hpp>

namespace {

void bench_amount_parse() {
  constexpr int kIterations = 1'000'000;
  const octobot::bench::Stopwatch watch;
  for (int i = 0; i < kIterations; ++i) {
    const auto spec = octobot::trading::parse_amount(i % 2 == 0 ? "12.5t%" : "100q");
    octobot::bench::do_not_optimize(spec.value);
  }
  octobot::bench::report("trading.amount.parse", "parse/s", kIterations / watch.seconds());
}

}  // namespace

int main() {
  bench_amount_parse();
  return 0;
}
