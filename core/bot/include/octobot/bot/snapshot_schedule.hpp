// When the live bot takes its periodic portfolio snapshot (a row per balance written to the session's
// SQLite store, ~10 µs on the bot loop). Taken on a closed candle, as it used to be, it ran between
// that candle and the orders the candle causes: once an hour, an order waited for it.
//
// So a due snapshot waits for a market event that arrives at least `quiet_ms` (a steady clock) after
// the latest closed candle, when that candle's evaluation and orders are long done: an update of the
// candle in progress, a ticker, the book (Binance streams them every second or two). A closed candle
// takes it only when it is a whole interval late (a feed of closed candles and nothing else). A
// checkpoint's snapshot (after every order change) counts as a snapshot: no second one follows it
// within the interval.
// Pure decisions, no I/O, so the rules are tested on their own (tests/bot).
#pragma once

#include <cstdint>
#include <limits>

namespace octobot::bot {

class SnapshotSchedule {
 public:
  SnapshotSchedule(std::int64_t interval_ms, std::int64_t quiet_ms) : interval_ms_(interval_ms), quiet_ms_(quiet_ms) {}

  // A snapshot was taken at `bot_ms` (bot time: the latest closed candle's close).
  void taken(std::int64_t bot_ms) noexcept { last_ms_ = bot_ms; }

  // A closed candle arrived at `steady_ms`. True: take the snapshot now, on its path (a whole interval late).
  [[nodiscard]] bool on_closed_candle(std::int64_t bot_ms, std::int64_t steady_ms) noexcept {
    last_close_steady_ms_ = steady_ms;
    return bot_ms - last_ms_ >= 2 * interval_ms_;
  }

  // Any other market event arrived at `steady_ms`. True: take the snapshot now.
  [[nodiscard]] bool on_other_event(std::int64_t bot_ms, std::int64_t steady_ms) const noexcept {
    return bot_ms - last_ms_ >= interval_ms_ && steady_ms - last_close_steady_ms_ >= quiet_ms_;
  }

 private:
  std::int64_t interval_ms_;
  std::int64_t quiet_ms_;
  std::int64_t last_ms_ = std::numeric_limits<std::int64_t>::min() / 4;
  std::int64_t last_close_steady_ms_ = std::numeric_limits<std::int64_t>::min() / 4;
};

}  // namespace octobot::bot
