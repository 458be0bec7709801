// The connector's decimal text (decimal_text.cpp): normalize, which every price and quantity of every
// candle, ticker and book level passes through on the stream thread (a depth5 frame has 20 of them),
// in ns per value, over Binance's fixed-width decimals. Reference in the same program: the same values
// through the exact 128-bit arithmetic's parse and format (add(x, "0")), normalize's former path.
#include <array>
#include <string_view>

#include "bench_report.hpp"
#include "decimal_text.hpp"

using octobot::bench::ns_per_call;
using octobot::bench::report;

namespace {

constexpr int kRounds = 200'000;
// A kline's, a ticker's and a book level's values as Binance writes them.
constexpr std::array<std::string_view, 8> kValues = {"67012.45000000", "67100.00000000", "66950.12000000",
                                                     "67050.99000000", "12.34567000",    "0.00150000",
                                                     "1.00000000",     "0.00000000"};

}  // namespace

void run_decimal_bench() {
  namespace connector = octobot::binance::connector;
  report("exchange_binance.decimal.normalize", "ns/value",
         ns_per_call(kRounds, kValues, [](std::string_view v) { return connector::normalize(v); }));
  report("exchange_binance.decimal.normalize_via_arithmetic", "ns/value",
         ns_per_call(kRounds, kValues, [](std::string_view v) { return connector::add(v, "0"); }));
}
