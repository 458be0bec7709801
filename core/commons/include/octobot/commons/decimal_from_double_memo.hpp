// DecimalFromDoubleMemo: Decimal::from_double for a stream of doubles that repeat, remembered.
// A backtest converts five doubles per candle from its data file, and most of them were seen a
// moment ago: a candle opens at the previous close, highs and lows sit on the previous open or close,
// prices and volumes sit on a tick grid. from_double (the shortest decimal that reads back) costs
// ~10 ns of 128-bit arithmetic; a hit here is one load and one compare.
//
// A direct-mapped table keyed by the double's bit pattern: exact (the key is the whole value, so a
// hit returns what from_double returned for those very bits, -0.0 and 0.0 apart), bounded (4 KiB),
// and a miss only replaces its slot. Not thread-safe: one memo per thread or per run.
#pragma once

#include <octobot/commons/decimal.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

namespace octobot::commons {

class DecimalFromDoubleMemo {
 public:
  // Decimal::from_double(value): the same value, or the same exception (std::invalid_argument for
  // NaN and infinities), which leaves the table unchanged.
  [[nodiscard]] Decimal operator()(double value) {
    const auto bits = std::bit_cast<std::uint64_t>(value);
    Entry& entry = entries_[slot(bits)];
    if (entry.bits != bits) {
      entry.value = Decimal::from_double(value);  // may throw: then nothing below runs
      entry.bits = bits;
    }
    return entry.value;
  }

 private:
  static constexpr int kSlotBits = 7;
  // Fibonacci hashing: round prices differ only in their high mantissa bits, so the slot comes from
  // the product's top bits, which every input bit reaches.
  static std::size_t slot(std::uint64_t bits) noexcept {
    return static_cast<std::size_t>((bits * 0x9E3779B97F4A7C15ULL) >> (64 - kSlotBits));
  }
  // Every slot starts as the true pair 0.0 -> 0, so no slot needs an "empty" mark.
  struct Entry {
    std::uint64_t bits = 0;
    Decimal value;
  };
  std::array<Entry, std::size_t{1} << kSlotBits> entries_{};
};

}  // namespace octobot::commons
