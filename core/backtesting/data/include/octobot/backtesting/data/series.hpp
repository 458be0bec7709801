// What a data file holds: series of candles, one per (exchange, symbol, time frame).
#pragma once

#include <octobot/commons/time_frame.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace octobot::backtesting::data {

struct SeriesKey {
  std::string exchange;  // lower case, as OctoBot names exchanges ("binance", "bitstamp")
  std::string symbol;    // BASE/QUOTE, e.g. "BTC/USD"
  commons::TimeFrame time_frame = commons::TimeFrame::one_hour;
};

struct SeriesInfo {
  std::int64_t id = 0;
  std::string exchange;
  std::string symbol;
  std::string base;
  std::string quote;
  commons::TimeFrame time_frame = commons::TimeFrame::one_hour;
  std::int64_t first_open_time_ms = 0;  // Unix ms UTC; 0 with no candle
  std::int64_t last_open_time_ms = 0;
  std::int64_t candle_count = 0;
};

// The base and quote of "BASE/QUOTE" (OctoBot's symbols may carry a settlement suffix, "BTC/USDT:USDT",
// which stays in the quote). Throws std::invalid_argument naming what was found for anything else.
struct BaseQuote {
  std::string base;
  std::string quote;
};
[[nodiscard]] BaseQuote split_symbol(std::string_view symbol);

// The instant a live bot sees the candle: its close, which is the next candle's open. For 1M this is
// the first day of the next calendar month, otherwise open + the time frame's duration.
[[nodiscard]] inline std::int64_t close_time_ms(std::int64_t open_time_ms, commons::TimeFrame time_frame) noexcept {
  return time_frame == commons::TimeFrame::one_month ? commons::candle_close_time(open_time_ms, time_frame)
                                                     : open_time_ms + commons::duration_ms(time_frame);
}

}  // namespace octobot::backtesting::data
