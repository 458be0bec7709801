#include <octobot/trading/candle_buffer.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace octobot::trading {

CandleBuffer::CandleBuffer(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw std::invalid_argument("a candle buffer needs a capacity of at least one candle");
  // Starting on the last slot makes the first push land on slot 0.
  last_slot_ = capacity - 1;
  open_times_.resize(2 * capacity);
  for (auto* column : {&opens_, &highs_, &lows_, &closes_, &volumes_}) column->resize(2 * capacity);
}

void CandleBuffer::push(const channel::Candle& candle) { push(candle, values_of(candle)); }

void CandleBuffer::push(const channel::Candle& candle, const CandleValues& values) {
  if (size_ > 0 && candle.open_time_ms <= latest_.open_time_ms) {
    if (candle.open_time_ms < latest_.open_time_ms) {
      throw std::invalid_argument(fmt::format("candle at {} ms is older than the latest one at {} ms",
                                              candle.open_time_ms, latest_.open_time_ms));
    }
    write(last_slot_, candle, values);  // the same candle, updated
    return;
  }
  last_slot_ = last_slot_ + 1 == capacity_ ? 0 : last_slot_ + 1;
  write(last_slot_, candle, values);
  if (size_ < capacity_) ++size_;
}

void CandleBuffer::write(std::size_t slot, const channel::Candle& candle, const CandleValues& values) {
  latest_ = candle;
  const std::size_t mirror = slot + capacity_;
  open_times_[slot] = open_times_[mirror] = candle.open_time_ms;
  opens_[slot] = opens_[mirror] = values.open;
  highs_[slot] = highs_[mirror] = values.high;
  lows_[slot] = lows_[mirror] = values.low;
  closes_[slot] = closes_[mirror] = values.close;
  volumes_[slot] = volumes_[mirror] = values.volume;
}

std::span<const std::int64_t> CandleBuffer::open_times(std::size_t count) const { return window(open_times_, count); }

}  // namespace octobot::trading
