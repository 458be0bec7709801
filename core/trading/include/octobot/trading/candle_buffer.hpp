// The latest candles of one (symbol, time frame), for indicators: a circular buffer (3000 candles by
// default, OctoBot's size) stored by column so that an indicator reads the closes as one contiguous
// span of doubles without copying.
//
// Why double-length storage: every value is written twice, at slot p and p + capacity. The latest n
// values are then always contiguous, at [p + 1 + capacity - n, p + 1 + capacity), however the ring
// has wrapped; the price is one extra store per value on push and twice the memory (about 235 KB per
// buffer of 3000).
//
// Columns are double: indicators compute in double (docs/decimal.md). The exact latest candle is
// kept too, for whoever needs the exact price (the simulated exchange receives candles directly).
#pragma once

#include <octobot/channel/standard/exchange_data.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace octobot::trading {

// A candle's prices and volume as doubles: what the columns hold. A backtest reads them from its data
// file and hands them over as they are, so the columns need not convert the exact candle back.
struct CandleValues {
  double open = 0;
  double high = 0;
  double low = 0;
  double close = 0;
  double volume = 0;
};

// The candle's own values as doubles (each the nearest to the exact value): for callers that do not
// have them at hand already.
[[nodiscard]] inline CandleValues values_of(const channel::Candle& candle) noexcept {
  return {candle.open.to_double(), candle.high.to_double(), candle.low.to_double(), candle.close.to_double(),
          candle.volume.to_double()};
}

class CandleBuffer {
 public:
  static constexpr std::size_t kDefaultCapacity = 3000;

  // Throws std::invalid_argument for a zero capacity.
  explicit CandleBuffer(std::size_t capacity = kDefaultCapacity);

  // Appends a closed candle, or replaces the latest one when it has the same open time (a candle that
  // was still in progress). Throws std::invalid_argument for a candle older than the latest: data
  // arriving out of order is a bug upstream, not something to hide.
  void push(const channel::Candle& candle);
  // The same, with the columns' values given: `values` must be the candle's own prices and volume
  // (each the double nearest to the exact value, as Decimal::to_double gives).
  void push(const channel::Candle& candle, const CandleValues& values);

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  // Precondition: !empty().
  [[nodiscard]] const channel::Candle& latest() const noexcept { return latest_; }

  // The latest `count` values of a column, oldest first; count is clamped to size(). The spans stay
  // valid until the next push.
  [[nodiscard]] std::span<const std::int64_t> open_times(std::size_t count = SIZE_MAX) const;
  [[nodiscard]] std::span<const double> opens(std::size_t count = SIZE_MAX) const { return window(opens_, count); }
  [[nodiscard]] std::span<const double> highs(std::size_t count = SIZE_MAX) const { return window(highs_, count); }
  [[nodiscard]] std::span<const double> lows(std::size_t count = SIZE_MAX) const { return window(lows_, count); }
  [[nodiscard]] std::span<const double> closes(std::size_t count = SIZE_MAX) const { return window(closes_, count); }
  [[nodiscard]] std::span<const double> volumes(std::size_t count = SIZE_MAX) const { return window(volumes_, count); }

 private:
  template <typename T>
  [[nodiscard]] std::span<const T> window(const std::vector<T>& column, std::size_t count) const {
    const std::size_t n = count < size_ ? count : size_;
    return {column.data() + last_slot_ + 1 + capacity_ - n, n};
  }
  void write(std::size_t slot, const channel::Candle& candle, const CandleValues& values);

  std::size_t capacity_;
  std::size_t size_ = 0;
  std::size_t last_slot_ = 0;  // slot of the latest candle, in [0, capacity)
  channel::Candle latest_;
  std::vector<std::int64_t> open_times_;
  std::vector<double> opens_, highs_, lows_, closes_, volumes_;
};

}  // namespace octobot::trading
