// OctoBot's candle time frames, and the UTC boundaries on which their candles open and close.
// Boundaries follow the exchanges: intraday and daily candles are aligned on the Unix epoch, weekly
// candles open on Monday 00:00 UTC, monthly candles on the first day of the calendar month 00:00 UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace octobot::commons {

// Declared from shortest to longest, so the built-in <, <=, ... order time frames by duration.
enum class TimeFrame : std::uint8_t {
  one_minute,       // "1m"
  three_minutes,    // "3m"
  five_minutes,     // "5m"
  fifteen_minutes,  // "15m"
  thirty_minutes,   // "30m"
  one_hour,         // "1h"
  two_hours,        // "2h"
  three_hours,      // "3h"
  four_hours,       // "4h"
  six_hours,        // "6h"
  eight_hours,      // "8h"
  twelve_hours,     // "12h"
  one_day,          // "1d"
  three_days,       // "3d"
  one_week,         // "1w"
  one_month,        // "1M"
};

// Every time frame, shortest first.
[[nodiscard]] std::span<const TimeFrame> all_time_frames() noexcept;

// OctoBot's names, case-sensitive ("1m" is a minute, "1M" a month). std::nullopt for anything else.
[[nodiscard]] std::optional<TimeFrame> parse_time_frame(std::string_view text) noexcept;
[[nodiscard]] std::string_view to_string(TimeFrame time_frame) noexcept;

// The nominal length, as OctoBot's TimeFramesMinutes: one_month counts 30 days (43200 minutes). Use it
// for freshness windows and buffer sizes; a real monthly candle lasts 28 to 31 days (candle_close_time).
[[nodiscard]] constexpr std::int64_t duration_minutes(TimeFrame time_frame) noexcept {
  switch (time_frame) {
    case TimeFrame::one_minute:
      return 1;
    case TimeFrame::three_minutes:
      return 3;
    case TimeFrame::five_minutes:
      return 5;
    case TimeFrame::fifteen_minutes:
      return 15;
    case TimeFrame::thirty_minutes:
      return 30;
    case TimeFrame::one_hour:
      return 60;
    case TimeFrame::two_hours:
      return 120;
    case TimeFrame::three_hours:
      return 180;
    case TimeFrame::four_hours:
      return 240;
    case TimeFrame::six_hours:
      return 360;
    case TimeFrame::eight_hours:
      return 480;
    case TimeFrame::twelve_hours:
      return 720;
    case TimeFrame::one_day:
      return 1440;
    case TimeFrame::three_days:
      return 4320;
    case TimeFrame::one_week:
      return 10080;
    case TimeFrame::one_month:
      return 43200;
  }
  return 0;
}
[[nodiscard]] constexpr std::int64_t duration_ms(TimeFrame time_frame) noexcept {
  return duration_minutes(time_frame) * 60'000;
}

// Times are Unix milliseconds (UTC). Valid for |time_ms| < 2^62 (some 146 million years).

// The open time of the candle that contains `time_ms` (a boundary maps to itself).
[[nodiscard]] std::int64_t floor_to_time_frame(std::int64_t time_ms, TimeFrame time_frame) noexcept;

// The close time of the candle that contains `time_ms`, which is also the next candle's open time.
// For one_month this is the first day of the next calendar month, not open + 30 days.
[[nodiscard]] std::int64_t candle_close_time(std::int64_t time_ms, TimeFrame time_frame) noexcept;

// True when a `time_frame` candle closes at `time_ms` (equivalently, one opens there). A backtest that
// steps on its smallest time frame calls this with each step's time to close every higher time frame
// on that time frame's own boundary: e.g. at Monday 00:00 UTC the 1d and 1w candles close, at the 1st
// of the month 00:00 UTC the 1M candle closes, and a 3d candle closes every third day from the epoch.
[[nodiscard]] bool is_candle_close(std::int64_t time_ms, TimeFrame time_frame) noexcept;

}  // namespace octobot::commons
