// When to try again something that failed and that the bot cannot trade without (the account's
// balances at start): soon after the first failure, then further apart each time, up to a ceiling,
// so a brief outage costs seconds and a long one does not flood the exchange (nor its rate limits).
// Pure decisions on the caller's steady clock, no I/O, so the rules are tested on their own
// (tests/exchanges).
#pragma once

#include <algorithm>
#include <cstdint>

namespace octobot::exchanges {

class RetryBackoff {
 public:
  RetryBackoff(std::int64_t first_delay_ms, std::int64_t max_delay_ms) noexcept
      : first_delay_ms_(first_delay_ms), max_delay_ms_(std::max(first_delay_ms, max_delay_ms)) {}

  // An attempt failed at `now_ms` (it is no longer in flight): the next one is due after the current
  // delay, which then doubles. Returns that delay.
  std::int64_t failed(std::int64_t now_ms) noexcept {
    in_flight_ = false;
    const std::int64_t delay = delay_ms_ == 0 ? first_delay_ms_ : delay_ms_;
    due_ms_ = now_ms + delay;
    delay_ms_ = std::min(delay * 2, max_delay_ms_);
    return delay;
  }

  // True when a failed attempt's retry is due at `now_ms` and none is in flight.
  [[nodiscard]] bool due(std::int64_t now_ms) const noexcept { return waiting() && !in_flight_ && now_ms >= due_ms_; }

  // An attempt was sent: not due again until it answers (failed or succeeded).
  void started() noexcept { in_flight_ = true; }

  // It worked: nothing is due, and the next failure starts from the first delay again.
  void succeeded() noexcept {
    in_flight_ = false;
    delay_ms_ = 0;
    due_ms_ = kNever;
  }

  [[nodiscard]] bool waiting() const noexcept { return due_ms_ != kNever; }

 private:
  static constexpr std::int64_t kNever = INT64_MIN;
  std::int64_t first_delay_ms_;
  std::int64_t max_delay_ms_;
  std::int64_t delay_ms_ = 0;  // 0: the next failure waits first_delay_ms_
  std::int64_t due_ms_ = kNever;
  bool in_flight_ = false;
};

}  // namespace octobot::exchanges
