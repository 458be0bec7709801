// The renderers' shared text helpers (an internal header of the package: src/text_format.hpp).
#include "text_format.hpp"

#include <catch2/catch.hpp>
#include <octobot/commons/decimal.hpp>

using namespace octobot::backtesting::report;
using octobot::commons::Decimal;

TEST_CASE("numbers, money, times and durations have one text each", "[report][text_format]") {
  CHECK(format_number(0.1 + 0.2) == "0.3");  // 12 significant digits hide binary noise
  CHECK(format_number(-0.0) == "0");
  CHECK(format_percent(0.12345, true) == "+12.35%");
  CHECK(format_percent(-0.00001) == "0.00%");  // never "-0.00%"
  CHECK(format_money(Decimal::from_string("1234.5678")) == "1234.57");
  CHECK(format_money(Decimal::from_string("12.3")) == "12.30");
  CHECK(format_money(Decimal::from_string("0.000000123")) == "0.00000012");
  CHECK(format_utc(0) == "1970-01-01 00:00");
  CHECK(format_iso_utc(1'709'164'800'000) == "2024-02-29T00:00:00Z");  // a leap day
  CHECK(format_utc(-60'000) == "1969-12-31 23:59");
  CHECK(format_duration(3 * 86'400'000 + 4 * 3'600'000 + 5 * 60'000) == "3d 04h 05m");
  CHECK(format_duration(45 * 60'000) == "45m");
  CHECK(format_duration(12'000) == "12s");
  CHECK(format_tick(300'000'000, 0) == "300M");
  CHECK(format_tick(1'500, 0) == "1.5k");
  CHECK(format_tick(12.5, 1) == "12.5");
  CHECK(month_start_ms(2024, 3) == 1'709'251'200'000);  // 2024-03-01
  CHECK(month_start_ms(1970, 1) == 0);
  CHECK(year_month(1'709'251'200'000 - 1) == std::pair<std::int64_t, unsigned>{2024, 2});
}
