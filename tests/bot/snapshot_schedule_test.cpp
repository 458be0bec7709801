#include <catch2/catch.hpp>
#include <octobot/bot/snapshot_schedule.hpp>

using octobot::bot::SnapshotSchedule;

namespace {
constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kQuiet = 100;
}  // namespace

TEST_CASE("snapshot schedule: a due snapshot waits for an event that comes after the closed candle's orders",
          "[snapshot_schedule]") {
  SnapshotSchedule schedule(kHour, kQuiet);
  schedule.taken(0);
  // Not due yet: nothing, whatever the event.
  CHECK_FALSE(schedule.on_closed_candle(kHour - 60'000, 1'000));
  CHECK_FALSE(schedule.on_other_event(kHour - 60'000, 5'000));
  // Due with this closed candle: not on its path...
  CHECK_FALSE(schedule.on_closed_candle(kHour, 10'000));
  // ...nor on the ticker and candle updates that follow it within the quiet time...
  CHECK_FALSE(schedule.on_other_event(kHour, 10'000));
  CHECK_FALSE(schedule.on_other_event(kHour, 10'000 + kQuiet - 1));
  // ...but on the first one after it.
  CHECK(schedule.on_other_event(kHour, 10'000 + kQuiet));
  schedule.taken(kHour);
  CHECK_FALSE(schedule.on_other_event(kHour, 20'000));
}

TEST_CASE("snapshot schedule: with closed candles only, a closed candle takes it a whole interval late",
          "[snapshot_schedule]") {
  SnapshotSchedule schedule(kHour, kQuiet);
  schedule.taken(0);
  CHECK_FALSE(schedule.on_closed_candle(kHour, 1'000));
  CHECK_FALSE(schedule.on_closed_candle(2 * kHour - 60'000, 2'000));
  CHECK(schedule.on_closed_candle(2 * kHour, 3'000));
}

TEST_CASE("snapshot schedule: a checkpoint's snapshot restarts the interval", "[snapshot_schedule]") {
  SnapshotSchedule schedule(kHour, kQuiet);
  schedule.taken(0);
  schedule.taken(kHour - 60'000);  // an order changed: the checkpoint took one
  CHECK_FALSE(schedule.on_other_event(kHour, 1'000'000));
  CHECK(schedule.on_other_event(2 * kHour - 60'000, 1'000'000));
}

TEST_CASE("snapshot schedule: the first snapshot is due at once", "[snapshot_schedule]") {
  SnapshotSchedule schedule(kHour, kQuiet);
  CHECK(schedule.on_other_event(0, 0));
}
