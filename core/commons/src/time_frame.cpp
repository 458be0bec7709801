#include <octobot/commons/time_frame.hpp>

#include <array>

namespace octobot::commons {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;
// 1970-01-01 was a Thursday: Monday boundaries sit 4 days after the epoch, modulo a week.
constexpr std::int64_t kFirstMondayMs = 4 * kMsPerDay;

struct Name {
  TimeFrame time_frame;
  std::string_view text;
};

constexpr std::array<Name, 16> kNames = {{
    {TimeFrame::one_minute, "1m"},
    {TimeFrame::three_minutes, "3m"},
    {TimeFrame::five_minutes, "5m"},
    {TimeFrame::fifteen_minutes, "15m"},
    {TimeFrame::thirty_minutes, "30m"},
    {TimeFrame::one_hour, "1h"},
    {TimeFrame::two_hours, "2h"},
    {TimeFrame::three_hours, "3h"},
    {TimeFrame::four_hours, "4h"},
    {TimeFrame::six_hours, "6h"},
    {TimeFrame::eight_hours, "8h"},
    {TimeFrame::twelve_hours, "12h"},
    {TimeFrame::one_day, "1d"},
    {TimeFrame::three_days, "3d"},
    {TimeFrame::one_week, "1w"},
    {TimeFrame::one_month, "1M"},
}};

constexpr std::array<TimeFrame, 16> make_all() {
  std::array<TimeFrame, 16> all{};
  for (std::size_t i = 0; i < kNames.size(); ++i) all[i] = kNames[i].time_frame;
  return all;
}
constexpr std::array<TimeFrame, 16> kAll = make_all();

// Rounds toward -infinity (integer division truncates toward zero, which is wrong before 1970).
constexpr std::int64_t floor_divide(std::int64_t value, std::int64_t divisor) {
  const std::int64_t quotient = value / divisor;
  return (value % divisor < 0) ? quotient - 1 : quotient;
}

// Howard Hinnant's civil-calendar algorithms (proleptic Gregorian, days since 1970-01-01), in 64 bits so
// no year limit applies within the documented time range.
struct YearMonth {
  std::int64_t year;
  std::int64_t month;  // 1..12
};

constexpr YearMonth year_month_from_days(std::int64_t days) {
  const std::int64_t shifted = days + 719'468;  // days since 0000-03-01
  const std::int64_t era = floor_divide(shifted, 146'097);
  const std::int64_t day_of_era = shifted - era * 146'097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
  const std::int64_t month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month};
}

constexpr std::int64_t days_from_year_month(YearMonth date) {  // the first day of that month
  const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_divide(year, 400);
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;
  const std::int64_t day_of_year = (153 * month_from_march + 2) / 5;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146'097 + day_of_era - 719'468;
}

std::int64_t month_start_ms(std::int64_t time_ms) {
  const YearMonth month = year_month_from_days(floor_divide(time_ms, kMsPerDay));
  return days_from_year_month(month) * kMsPerDay;
}

std::int64_t next_month_start_ms(std::int64_t time_ms) {
  YearMonth month = year_month_from_days(floor_divide(time_ms, kMsPerDay));
  month = month.month == 12 ? YearMonth{month.year + 1, 1} : YearMonth{month.year, month.month + 1};
  return days_from_year_month(month) * kMsPerDay;
}

}  // namespace

std::span<const TimeFrame> all_time_frames() noexcept { return kAll; }

std::optional<TimeFrame> parse_time_frame(std::string_view text) noexcept {
  for (const auto& name : kNames) {
    if (name.text == text) return name.time_frame;
  }
  return std::nullopt;
}

std::string_view to_string(TimeFrame time_frame) noexcept {
  const auto index = static_cast<std::size_t>(time_frame);
  return index < kNames.size() ? kNames[index].text : std::string_view("?");
}

std::int64_t floor_to_time_frame(std::int64_t time_ms, TimeFrame time_frame) noexcept {
  switch (time_frame) {
    case TimeFrame::one_month:
      return month_start_ms(time_ms);
    case TimeFrame::one_week: {
      const std::int64_t week = duration_ms(TimeFrame::one_week);
      return floor_divide(time_ms - kFirstMondayMs, week) * week + kFirstMondayMs;
    }
    default: {
      const std::int64_t length = duration_ms(time_frame);
      return floor_divide(time_ms, length) * length;
    }
  }
}

std::int64_t candle_close_time(std::int64_t time_ms, TimeFrame time_frame) noexcept {
  if (time_frame == TimeFrame::one_month) return next_month_start_ms(time_ms);
  return floor_to_time_frame(time_ms, time_frame) + duration_ms(time_frame);
}

bool is_candle_close(std::int64_t time_ms, TimeFrame time_frame) noexcept {
  return floor_to_time_frame(time_ms, time_frame) == time_ms;
}

}  // namespace octobot::commons
