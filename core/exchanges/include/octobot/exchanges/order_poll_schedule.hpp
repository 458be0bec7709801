// When the live bot falls back to looking its orders up (LiveGateway::poll_open_orders): the
// connection's pushed order events are the normal path, and any state but `connected` means some may
// be missing. Then orders are polled at most every `interval_ms`, driven by whatever still arrives
// (tickers, candles), and once more when the connection is back, since a reconnected stream does not
// replay what it missed. Not while banned: every request would be refused until the ban ends.
// Pure decisions, no I/O, so the rules are tested on their own (tests/exchanges).
#pragma once

#include <octobot/exchanges/exchange_client.hpp>

#include <cstdint>
#include <limits>

namespace octobot::exchanges {

class OrderPollSchedule {
 public:
  explicit OrderPollSchedule(std::int64_t interval_ms) : interval_ms_(interval_ms) {}

  // The connection changed; true: poll now (it is back after events may have been missed).
  [[nodiscard]] bool on_connection(ConnectionState state) noexcept {
    banned_ = state == ConnectionState::banned;
    if (state != ConnectionState::connected) {
      if (!unwatched_) last_poll_ms_ = std::numeric_limits<std::int64_t>::min() / 2;  // first tick polls
      unwatched_ = true;
      return false;
    }
    const bool was_unwatched = unwatched_;
    unwatched_ = false;
    return was_unwatched;
  }

  // Something arrived at `now_ms` (a steady clock); true: poll now.
  [[nodiscard]] bool on_tick(std::int64_t now_ms) noexcept {
    if (!unwatched_ || banned_ || interval_ms_ <= 0 || now_ms - last_poll_ms_ < interval_ms_) return false;
    last_poll_ms_ = now_ms;
    return true;
  }

  [[nodiscard]] bool events_may_be_missing() const noexcept { return unwatched_; }

 private:
  std::int64_t interval_ms_;
  bool unwatched_ = false;
  bool banned_ = false;
  std::int64_t last_poll_ms_ = 0;
};

}  // namespace octobot::exchanges
