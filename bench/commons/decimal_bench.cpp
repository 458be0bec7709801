// What exactness costs: Decimal add/mul/div/from_string/to_string per second next to the same operation
// on double and on int64, plus the ratios (how many times slower Decimal is). One JSON line per figure,
// e.g. {"bench":"commons.decimal.mul","unit":"op/s","value":41000000}.
#include <octobot/commons/decimal.hpp>

#include <array>
#include <charconv>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "bench_report.hpp"

namespace {

using octobot::bench::do_not_optimize;
using octobot::bench::report;
using octobot::bench::Stopwatch;
using octobot::commons::Decimal;

constexpr std::size_t kOperands = 4096;  // fits in L1/L2: measures arithmetic, not memory
constexpr double kSecondsPerFigure = 0.3;

// Runs `operation(i)` over the operand indices until kSecondsPerFigure has passed; returns ops/s.
template <typename Operation>
double ops_per_second(Operation&& operation) {
  for (std::size_t i = 0; i < kOperands; ++i) operation(i);  // warm-up: caches, branch predictors
  std::size_t operations = 0;
  const Stopwatch watch;
  do {
    for (std::size_t i = 0; i < kOperands; ++i) operation(i);
    operations += kOperands;
  } while (watch.seconds() < kSecondsPerFigure);
  return static_cast<double>(operations) / watch.seconds();
}

// Realistic trading operands: prices with 2 to 8 decimals up to 100000, amounts with 8 decimals up to
// 1000, the same numbers in all three representations (int64 holds them in units of 10^-8).
struct Operands {
  std::vector<Decimal> prices, amounts;
  std::vector<double> price_doubles, amount_doubles;
  std::vector<std::int64_t> price_units, amount_units;
  std::vector<std::string> price_texts, price_unit_texts;
};

Operands make_operands() {
  std::mt19937_64 random(99);
  Operands operands;
  for (std::size_t i = 0; i < kOperands; ++i) {
    const std::int64_t price_units = 1'000'000 + static_cast<std::int64_t>(random() % 10'000'000'000'000ULL);
    const std::int64_t amount_units = 1 + static_cast<std::int64_t>(random() % 100'000'000'000ULL);
    operands.price_units.push_back(price_units);
    operands.amount_units.push_back(amount_units);
    operands.prices.push_back(Decimal::from_raw(static_cast<Decimal::Raw>(price_units) * 10'000'000'000LL));
    operands.amounts.push_back(Decimal::from_raw(static_cast<Decimal::Raw>(amount_units) * 10'000'000'000LL));
    operands.price_doubles.push_back(operands.prices.back().to_double());
    operands.amount_doubles.push_back(operands.amounts.back().to_double());
    operands.price_texts.push_back(operands.prices.back().to_string());
    operands.price_unit_texts.push_back(std::to_string(price_units));
  }
  return operands;
}

void report_trio(const std::string& operation, double decimal, double floating, double integer) {
  report("commons.decimal." + operation, "op/s", decimal);
  report("commons.double." + operation, "op/s", floating);
  report("commons.int64." + operation, "op/s", integer);
  report("commons.decimal." + operation + ".slowdown_vs_double", "x", floating / decimal);
  report("commons.decimal." + operation + ".slowdown_vs_int64", "x", integer / decimal);
}

}  // namespace

int main() {
  const Operands o = make_operands();

  report_trio("add", ops_per_second([&](std::size_t i) { do_not_optimize(o.prices[i] + o.amounts[i]); }),
              ops_per_second([&](std::size_t i) { do_not_optimize(o.price_doubles[i] + o.amount_doubles[i]); }),
              ops_per_second([&](std::size_t i) { do_not_optimize(o.price_units[i] + o.amount_units[i]); }));

  report_trio("mul", ops_per_second([&](std::size_t i) { do_not_optimize(o.prices[i] * o.amounts[i]); }),
              ops_per_second([&](std::size_t i) { do_not_optimize(o.price_doubles[i] * o.amount_doubles[i]); }),
              ops_per_second([&](std::size_t i) { do_not_optimize(o.price_units[i] * o.amount_units[i]); }));

  report_trio("div", ops_per_second([&](std::size_t i) { do_not_optimize(o.prices[i] / o.amounts[i]); }),
              ops_per_second([&](std::size_t i) { do_not_optimize(o.price_doubles[i] / o.amount_doubles[i]); }),
              ops_per_second([&](std::size_t i) { do_not_optimize(o.price_units[i] / o.amount_units[i]); }));

  report_trio("from_string",
              ops_per_second([&](std::size_t i) { do_not_optimize(Decimal::from_string(o.price_texts[i])); }),
              ops_per_second([&](std::size_t i) {
                double value = 0;
                std::from_chars(o.price_texts[i].data(), o.price_texts[i].data() + o.price_texts[i].size(), value);
                do_not_optimize(value);
              }),
              ops_per_second([&](std::size_t i) {
                std::int64_t value = 0;
                const std::string& text = o.price_unit_texts[i];
                std::from_chars(text.data(), text.data() + text.size(), value);
                do_not_optimize(value);
              }));

  // All three build a std::string, as Decimal::to_string does.
  report_trio("to_string", ops_per_second([&](std::size_t i) { do_not_optimize(o.prices[i].to_string()); }),
              ops_per_second([&](std::size_t i) {
                std::array<char, 32> buffer{};
                const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), o.price_doubles[i]).ptr;
                do_not_optimize(std::string(buffer.data(), end));
              }),
              ops_per_second([&](std::size_t i) { do_not_optimize(std::to_string(o.price_units[i])); }));
  return 0;
}
