#include "text_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace octobot::backtesting::report {

using commons::Decimal;
using commons::RoundingMode;

std::string format_number(double value) {
  if (value == 0) return "0";
  return fmt::format("{:.12g}", value);
}

std::string format_fixed(double value, int decimals) {
  std::string text = fmt::format("{:.{}f}", value, decimals);
  // "-0.00" reads as a loss that is not there.
  if (text.find_first_not_of("-0.") == std::string::npos && text.front() == '-') text.erase(0, 1);
  return text;
}

std::string format_percent(double fraction, bool with_sign) {
  std::string text = format_fixed(fraction * 100.0, 2);
  if (with_sign && text.front() != '-' && text != "0.00") text.insert(0, "+");
  return text + "%";
}

std::string format_money(Decimal value) {
  const Decimal magnitude = value.abs();
  const int decimals = magnitude >= Decimal::from_integer(1000) ? 2 : magnitude >= Decimal::from_integer(1) ? 4 : 8;
  std::string text = value.round_to_decimals(decimals, RoundingMode::half_even).to_string();
  auto point = text.find('.');
  if (point == std::string::npos) {
    text += ".";
    point = text.size() - 1;
  }
  while (text.size() - point - 1 < 2) text += '0';
  if (text == "-0.00") text = "0.00";
  return text;
}

namespace {

struct CivilTime {
  std::int64_t year;
  unsigned month, day, hour, minute, second;
};

// Howard Hinnant's days -> civil date, valid for every date of the proleptic Gregorian calendar.
CivilTime to_civil(std::int64_t time_ms) {
  const std::int64_t seconds = time_ms >= 0 ? time_ms / 1000 : (time_ms - 999) / 1000;
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const std::int64_t in_day = seconds - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2);
  return {year,
          month,
          day,
          static_cast<unsigned>(in_day / 3600),
          static_cast<unsigned>(in_day % 3600 / 60),
          static_cast<unsigned>(in_day % 60)};
}

}  // namespace

std::int64_t month_start_ms(std::int64_t year, unsigned month) {
  // Howard Hinnant's civil date -> days since the epoch.
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (era * 146097 + static_cast<std::int64_t>(doe) - 719468) * 86'400'000;
}

std::pair<std::int64_t, unsigned> year_month(std::int64_t time_ms) {
  const auto t = to_civil(time_ms);
  return {t.year, t.month};
}

std::string format_tick(double value, int decimals) {
  constexpr std::pair<double, const char*> kUnits[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
  for (const auto& [unit, suffix] : kUnits) {
    if (std::abs(value) >= unit) {
      auto text = fmt::format("{:.3f}", value / unit);
      text.erase(text.find_last_not_of('0') + 1);  // "1.500" -> "1.5", "300.000" -> "300."
      if (text.back() == '.') text.pop_back();
      return text + suffix;
    }
  }
  return format_fixed(value, decimals);
}

std::string format_utc(std::int64_t time_ms) {
  const auto t = to_civil(time_ms);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
}

std::string format_iso_utc(std::int64_t time_ms) {
  const auto t = to_civil(time_ms);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

std::string format_duration(std::int64_t ms) {
  const bool negative = ms < 0;
  const std::int64_t seconds = (negative ? -ms : ms) / 1000;
  const std::int64_t days = seconds / 86400;
  const std::int64_t hours = seconds % 86400 / 3600;
  const std::int64_t minutes = seconds % 3600 / 60;
  std::string text;
  if (days > 0) {
    text = fmt::format("{}d {:02}h {:02}m", days, hours, minutes);
  } else if (hours > 0) {
    text = fmt::format("{}h {:02}m", hours, minutes);
  } else if (minutes > 0) {
    text = fmt::format("{}m", minutes);
  } else {
    text = fmt::format("{}s", seconds);
  }
  return negative ? "-" + text : text;
}

}  // namespace octobot::backtesting::report
