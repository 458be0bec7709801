#include <octobot/trading/candle_store.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace octobot::trading {

CandleStore::CandleStore(std::size_t capacity_per_buffer) : capacity_(capacity_per_buffer) {
  if (capacity_ == 0) throw std::invalid_argument("a candle store needs a capacity of at least one candle");
}

CandleBuffer& CandleStore::buffer(std::string_view symbol, commons::TimeFrame time_frame) {
  auto key = std::make_pair(std::string(symbol), time_frame);
  auto found = buffers_.find(key);
  if (found == buffers_.end()) found = buffers_.emplace(std::move(key), CandleBuffer(capacity_)).first;
  return found->second;
}

void CandleStore::push(std::string_view symbol, commons::TimeFrame time_frame, const channel::Candle& candle) {
  buffer(symbol, time_frame).push(candle);
}

void CandleStore::push(std::string_view symbol, commons::TimeFrame time_frame, const channel::Candle& candle,
                       const CandleValues& values) {
  buffer(symbol, time_frame).push(candle, values);
}

void CandleStore::push(const channel::OhlcvMessage& message) {
  const auto time_frame = commons::parse_time_frame(message.time_frame);
  if (!time_frame) {
    throw std::invalid_argument(
        fmt::format("candle of {} has an unknown time frame '{}'", message.symbol, message.time_frame));
  }
  push(message.symbol, *time_frame, message.candle);
}

const CandleBuffer* CandleStore::find(std::string_view symbol, commons::TimeFrame time_frame) const {
  const auto found = buffers_.find(std::make_pair(std::string(symbol), time_frame));
  return found == buffers_.end() ? nullptr : &found->second;
}

}  // namespace octobot::trading
