// The C view of a candle buffer that TA evaluators and trading modes receive: columns borrowed from
// the buffer (no copy), valid until the buffer's next push. The strings are borrowed too.
#pragma once

#include <octobot/abi.h>
#include <octobot/trading/candle_buffer.hpp>

namespace octobot::evaluators {

[[nodiscard]] inline ob_candles candles_view(const trading::CandleBuffer& buffer, const char* exchange,
                                             const char* symbol, const char* time_frame) noexcept {
  const auto times = buffer.open_times();
  return {OB_HEADER_INIT(ob_candles),
          exchange,
          symbol,
          time_frame,
          times.size(),
          times.data(),
          buffer.opens().data(),
          buffer.highs().data(),
          buffer.lows().data(),
          buffer.closes().data(),
          buffer.volumes().data()};
}

}  // namespace octobot::evaluators
