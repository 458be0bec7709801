// Time frames: names, ordering, durations and UTC candle boundaries (checked against std::chrono's
// calendar, an independent implementation).
#include <catch2/catch.hpp>
#include <octobot/commons/time_frame.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using octobot::commons::TimeFrame;
namespace commons = octobot::commons;
namespace chrono = std::chrono;

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

std::int64_t utc_ms(int year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0,
                    int millisecond = 0) {
  const chrono::sys_days date = chrono::year(year) / chrono::month(month) / chrono::day(day);
  return date.time_since_epoch().count() * kDay + hour * kHour + minute * kMinute + second * 1000 + millisecond;
}

}  // namespace

TEST_CASE("Time frames parse and print OctoBot's names", "[time_frame]") {
  const std::vector<std::string> names = {"1m", "3m", "5m", "15m", "30m", "1h", "2h", "3h",
                                          "4h", "6h", "8h", "12h", "1d",  "3d", "1w", "1M"};
  REQUIRE(commons::all_time_frames().size() == names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const TimeFrame time_frame = commons::all_time_frames()[i];
    CHECK(commons::to_string(time_frame) == names[i]);
    CHECK(commons::parse_time_frame(names[i]) == time_frame);
  }
  CHECK(commons::parse_time_frame("1m") == TimeFrame::one_minute);
  CHECK(commons::parse_time_frame("1M") == TimeFrame::one_month);
  for (const char* bad : {"", "1", "2m", "1H", "1D", "60m", " 1m", "1m ", "1mo", "1y", "m"}) {
    INFO("text: \"" << bad << "\"");
    CHECK_FALSE(commons::parse_time_frame(bad).has_value());
  }
}

TEST_CASE("Time frames are ordered shortest first and carry OctoBot's durations", "[time_frame]") {
  const auto all = commons::all_time_frames();
  for (std::size_t i = 1; i < all.size(); ++i) {
    CHECK(all[i - 1] < all[i]);
    CHECK(commons::duration_ms(all[i - 1]) < commons::duration_ms(all[i]));
  }
  CHECK(TimeFrame::one_minute < TimeFrame::one_month);
  CHECK(commons::duration_ms(TimeFrame::one_minute) == kMinute);
  CHECK(commons::duration_ms(TimeFrame::four_hours) == 4 * kHour);
  CHECK(commons::duration_ms(TimeFrame::three_days) == 3 * kDay);
  CHECK(commons::duration_ms(TimeFrame::one_week) == 7 * kDay);
  CHECK(commons::duration_minutes(TimeFrame::one_month) == 43'200);  // OctoBot's TimeFramesMinutes: 30 days
  CHECK(commons::duration_ms(TimeFrame::one_month) == 30 * kDay);
  static_assert(commons::duration_ms(TimeFrame::twelve_hours) == 12 * kHour);
}

TEST_CASE("Candles open on exchange boundaries in UTC", "[time_frame]") {
  const std::int64_t wednesday = utc_ms(2024, 1, 3, 13, 37, 12, 345);  // 2024-01-01 is a Monday
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::one_minute) == utc_ms(2024, 1, 3, 13, 37));
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::fifteen_minutes) == utc_ms(2024, 1, 3, 13, 30));
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::one_hour) == utc_ms(2024, 1, 3, 13));
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::four_hours) == utc_ms(2024, 1, 3, 12));
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::twelve_hours) == utc_ms(2024, 1, 3, 12));
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::one_day) == utc_ms(2024, 1, 3));
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::three_days) == utc_ms(2024, 1, 3));  // day 19725 = 3 * 6575
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::one_week) == utc_ms(2024, 1, 1));
  CHECK(commons::floor_to_time_frame(wednesday, TimeFrame::one_month) == utc_ms(2024, 1, 1));

  CHECK(commons::floor_to_time_frame(utc_ms(2024, 2, 29, 23, 59, 59, 999), TimeFrame::one_month) == utc_ms(2024, 2, 1));
  CHECK(commons::candle_close_time(utc_ms(2024, 2, 29, 23, 59, 59, 999), TimeFrame::one_month) == utc_ms(2024, 3, 1));
  CHECK(commons::candle_close_time(utc_ms(2023, 12, 31, 12), TimeFrame::one_month) == utc_ms(2024, 1, 1));
  CHECK(commons::candle_close_time(utc_ms(2024, 1, 7, 23), TimeFrame::one_week) == utc_ms(2024, 1, 8));
  CHECK(commons::candle_close_time(utc_ms(2024, 1, 8), TimeFrame::one_week) == utc_ms(2024, 1, 15));
  CHECK(commons::candle_close_time(wednesday, TimeFrame::one_hour) == utc_ms(2024, 1, 3, 14));

  // Before 1970 the floor still goes down, not toward zero.
  CHECK(commons::floor_to_time_frame(-1, TimeFrame::one_minute) == -kMinute);
  CHECK(commons::floor_to_time_frame(-1, TimeFrame::one_day) == -kDay);
  CHECK(commons::floor_to_time_frame(-1, TimeFrame::one_week) == utc_ms(1969, 12, 29));
  CHECK(commons::floor_to_time_frame(-1, TimeFrame::one_month) == utc_ms(1969, 12, 1));
  CHECK(commons::floor_to_time_frame(0, TimeFrame::one_month) == 0);
  CHECK(commons::floor_to_time_frame(0, TimeFrame::one_week) == utc_ms(1969, 12, 29));  // a Thursday
}

TEST_CASE("Weekly candles open on Mondays and monthly ones on the 1st, 1900 to 2100", "[time_frame]") {
  std::mt19937_64 random(5);
  const std::int64_t start = utc_ms(1900, 1, 1);
  const std::int64_t span = utc_ms(2100, 1, 1) - start;
  for (int i = 0; i < 50'000; ++i) {
    const std::int64_t time = start + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(span));
    const chrono::sys_days day{chrono::days(commons::floor_to_time_frame(time, TimeFrame::one_day) / kDay)};
    const chrono::year_month_day date{day};
    INFO("time " << time);

    const std::int64_t week_open = commons::floor_to_time_frame(time, TimeFrame::one_week);
    REQUIRE(chrono::weekday(chrono::sys_days(chrono::days(week_open / kDay))) == chrono::Monday);
    REQUIRE(week_open <= time);
    REQUIRE(time - week_open < 7 * kDay);

    const chrono::sys_days month_start = date.year() / date.month() / 1;
    const chrono::sys_days next_month_start = (date.year() / date.month() + chrono::months(1)) / 1;
    REQUIRE(commons::floor_to_time_frame(time, TimeFrame::one_month) == month_start.time_since_epoch().count() * kDay);
    REQUIRE(commons::candle_close_time(time, TimeFrame::one_month) ==
            next_month_start.time_since_epoch().count() * kDay);
  }
}

TEST_CASE("Every candle contains its time and is bounded by open and close boundaries", "[time_frame]") {
  std::mt19937_64 random(6);
  const std::int64_t hundred_years = 100 * 365 * kDay;
  for (int i = 0; i < 20'000; ++i) {
    const std::int64_t time =
        static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(2 * hundred_years)) - hundred_years;
    for (const TimeFrame time_frame : commons::all_time_frames()) {
      const std::int64_t open = commons::floor_to_time_frame(time, time_frame);
      const std::int64_t close = commons::candle_close_time(time, time_frame);
      INFO("time " << time << " " << commons::to_string(time_frame));
      REQUIRE(open <= time);
      REQUIRE(time < close);
      REQUIRE(commons::is_candle_close(open, time_frame));
      REQUIRE(commons::is_candle_close(close, time_frame));
      REQUIRE(commons::floor_to_time_frame(close, time_frame) == close);
      REQUIRE(commons::candle_close_time(open, time_frame) == close);
      if (time_frame != TimeFrame::one_month) REQUIRE(close - open == commons::duration_ms(time_frame));
      REQUIRE(commons::is_candle_close(time, time_frame) == (time == open));
    }
  }
}

TEST_CASE("A backtest stepping on 1m closes each higher time frame on its own boundaries", "[time_frame]") {
  // 2024-02-25 00:00 (Sunday) to 2024-03-05 00:00: crosses a leap day, a month end and a Monday.
  const std::int64_t first = utc_ms(2024, 2, 25);
  const std::int64_t last = utc_ms(2024, 3, 5);
  std::map<TimeFrame, std::vector<std::int64_t>> closes;
  for (std::int64_t step = first + kMinute; step <= last; step += kMinute) {  // each 1m candle's close time
    for (const TimeFrame time_frame : commons::all_time_frames()) {
      if (commons::is_candle_close(step, time_frame)) closes[time_frame].push_back(step);
    }
  }
  const std::int64_t minutes = (last - first) / kMinute;
  CHECK(closes[TimeFrame::one_minute].size() == static_cast<std::size_t>(minutes));
  CHECK(closes[TimeFrame::three_minutes].size() == static_cast<std::size_t>(minutes / 3));
  CHECK(closes[TimeFrame::one_hour].size() == 9 * 24);
  CHECK(closes[TimeFrame::eight_hours].size() == 9 * 3);
  CHECK(closes[TimeFrame::one_day].size() == 9);
  CHECK(closes[TimeFrame::one_week] == std::vector<std::int64_t>{utc_ms(2024, 2, 26), utc_ms(2024, 3, 4)});
  CHECK(closes[TimeFrame::one_month] == std::vector<std::int64_t>{utc_ms(2024, 3, 1)});
  // 3d candles close every third day counted from 1970-01-01 (2024-02-25 is day 19778).
  CHECK(closes[TimeFrame::three_days] == std::vector<std::int64_t>{19'779 * kDay, 19'782 * kDay, 19'785 * kDay});
}
