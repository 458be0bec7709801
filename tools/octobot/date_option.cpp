#include "date_option.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace octobot::app {

std::int64_t parse_date_option(const std::string& option, const std::string& text) {
  const auto fail = [&]() -> std::int64_t {
    throw std::runtime_error(option + ": expected YYYY-MM-DD[ HH:MM[:SS]] (UTC) or Unix milliseconds, found '" + text +
                             "'");
  };
  if (text.empty()) return fail();
  bool digits = true;
  for (const char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (digits && text.size() > 8) return std::stoll(text);
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &consumed) != 3) return fail();
  if (static_cast<std::size_t>(consumed) < text.size()) {
    const char separator = text[static_cast<std::size_t>(consumed)];
    if (separator != ' ' && separator != 'T') return fail();
    int more = 0;
    const char* rest = text.c_str() + consumed + 1;
    const int fields = std::sscanf(rest, "%2d:%2d%n:%2d%n", &tm.tm_hour, &tm.tm_min, &more, &tm.tm_sec, &more);
    if (fields < 2 || rest[more] != '\0') return fail();
  }
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return fail();
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

std::string format_utc(std::int64_t time_ms) {
  const auto seconds = static_cast<std::time_t>(time_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  (void)std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace octobot::app
