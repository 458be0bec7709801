// The candle buffers of one exchange: one CandleBuffer per (symbol, time frame), created on the first
// candle, all with the same capacity (3000 by default, configurable). The exchange manager feeds it
// from the OHLCV channel; evaluators read contiguous columns from it.
#pragma once

#include <octobot/channel/standard/exchange_data.hpp>
#include <octobot/commons/time_frame.hpp>
#include <octobot/trading/candle_buffer.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace octobot::trading {

class CandleStore {
 public:
  // Throws std::invalid_argument for a zero capacity.
  explicit CandleStore(std::size_t capacity_per_buffer = CandleBuffer::kDefaultCapacity);

  void push(std::string_view symbol, commons::TimeFrame time_frame, const channel::Candle& candle);
  // With the candle's values as doubles already at hand (CandleBuffer::push).
  void push(std::string_view symbol, commons::TimeFrame time_frame, const channel::Candle& candle,
            const CandleValues& values);
  // The message's time frame is OctoBot's text ("1h"); throws std::invalid_argument naming it when
  // unknown. Out-of-order candles throw as in CandleBuffer::push.
  void push(const channel::OhlcvMessage& message);

  // nullptr until the first candle of that (symbol, time frame).
  [[nodiscard]] const CandleBuffer* find(std::string_view symbol, commons::TimeFrame time_frame) const;
  [[nodiscard]] std::size_t buffer_count() const noexcept { return buffers_.size(); }
  [[nodiscard]] std::size_t capacity_per_buffer() const noexcept { return capacity_; }

 private:
  std::size_t capacity_;
  [[nodiscard]] CandleBuffer& buffer(std::string_view symbol, commons::TimeFrame time_frame);

  std::map<std::pair<std::string, commons::TimeFrame>, CandleBuffer> buffers_;
};

}  // namespace octobot::trading
