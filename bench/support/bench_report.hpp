// Shared by the benchmark programs: a monotonic stopwatch and the one-JSON-object-per-figure
// output format, e.g. {"bench":"channel.sync.1to1","unit":"msg/s","value":41000000}.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <iterator>
#include <string_view>

namespace octobot::bench {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// Prints one figure as a JSON line and flushes, so a partial run still leaves its figures.
inline void report(std::string_view bench, std::string_view unit, double value) {
  fmt::print("{{\"bench\":\"{}\",\"unit\":\"{}\",\"value\":{}}}\n", bench, unit, value);
  std::fflush(stdout);
}

// Keeps the optimiser from deleting a computation whose result is otherwise unused.
template <typename T>
inline void do_not_optimize(const T& value) {
  asm volatile("" : : "r,m"(value) : "memory");
}

// Nanoseconds per call of `call` on each of `items`, over `rounds` passes through them: for a hot
// function timed in a loop, its result kept from the optimiser.
template <typename Items, typename Call>
double ns_per_call(int rounds, const Items& items, Call&& call) {
  const Stopwatch watch;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& item : items) do_not_optimize(call(item));
  }
  return watch.seconds() * 1e9 / (static_cast<double>(rounds) * static_cast<double>(std::size(items)));
}

}  // namespace octobot::bench
