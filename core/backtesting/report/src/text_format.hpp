// Deterministic text for numbers, times and durations, shared by the three renderers: the same value
// always gives the same characters (no locale, no current time).
#pragma once

#include <octobot/commons/decimal.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace octobot::backtesting::report {

// 12 significant digits ("0.0123456789012"); 0 for -0. The value must be finite.
[[nodiscard]] std::string format_number(double value);
// 100 * fraction with 2 decimals and a sign when asked: "+12.34%".
[[nodiscard]] std::string format_percent(double fraction, bool with_sign = false);
// Fixed decimals: "1.50".
[[nodiscard]] std::string format_fixed(double value, int decimals);
// Money for people: 2 decimals from 1000, 4 from 1, 8 below (half-even), trailing zeros kept to 2.
[[nodiscard]] std::string format_money(commons::Decimal value);
// "2024-01-31 13:05" (UTC).
[[nodiscard]] std::string format_utc(std::int64_t time_ms);
// "2024-01-31T13:05:00Z" (UTC), for JSON.
[[nodiscard]] std::string format_iso_utc(std::int64_t time_ms);
// Axis ticks: "950", "12.5", "1.2k", "300M" (k, M, B, T above 1000), at most `decimals` decimals.
[[nodiscard]] std::string format_tick(double value, int decimals);
// The first instant of a UTC calendar month (month 1..12; any year).
[[nodiscard]] std::int64_t month_start_ms(std::int64_t year, unsigned month);
// The UTC calendar year and month (1..12) of an instant.
[[nodiscard]] std::pair<std::int64_t, unsigned> year_month(std::int64_t time_ms);
// "3d 04h 05m", "45m", "12s".
[[nodiscard]] std::string format_duration(std::int64_t ms);

}  // namespace octobot::backtesting::report
