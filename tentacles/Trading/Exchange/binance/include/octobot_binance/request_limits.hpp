// What Binance counts per IP, shared by every client of one connector that sends requests from its
// own thread (the exchange thread's RestClient, the order lane's, each stream client's for gap fills,
// listen keys and clock syncs): the minute's used request weight (X-MBX-USED-WEIGHT-1M), its limit,
// an IP ban's end (418) and a rate-limit back-off's end (429), in server time (the clients start from
// one measured clock offset). A client that waits for the next window, or is banned, makes the others
// see it too, so the order lane never writes an order while the REST client is backing off, and a
// ban met by a stream's gap fill stops the exchange thread's requests.
// THREAD: any thread; every member function takes the mutex.
#pragma once

#include <cstdint>
#include <mutex>

namespace octobot::binance {

class RequestLimits {
 public:
  explicit RequestLimits(std::int64_t weight_limit_1m) : weight_limit_(weight_limit_1m) {}

  struct Window {
    std::int64_t used_weight;
    std::int64_t weight_limit;
  };
  // The window at `server_now_ms` (a new minute starts at 0 used).
  [[nodiscard]] Window window(std::int64_t server_now_ms) {
    const std::lock_guard lock(mutex_);
    roll(server_now_ms);
    return {used_weight_, weight_limit_};
  }
  // After a wait for the next window: it starts empty.
  void start_window(std::int64_t minute) {
    const std::lock_guard lock(mutex_);
    weight_minute_ = minute;
    used_weight_ = 0;
  }
  // An answer's X-MBX-USED-WEIGHT-1M.
  void note_used(std::int64_t used, std::int64_t server_now_ms) {
    const std::lock_guard lock(mutex_);
    used_weight_ = used;
    weight_minute_ = server_now_ms / kMinuteMs;
  }
  void set_weight_limit(std::int64_t limit) {
    const std::lock_guard lock(mutex_);
    weight_limit_ = limit;
  }
  [[nodiscard]] std::int64_t used_weight() const {
    const std::lock_guard lock(mutex_);
    return used_weight_;
  }
  [[nodiscard]] std::int64_t weight_limit() const {
    const std::lock_guard lock(mutex_);
    return weight_limit_;
  }

  // 418: nothing may be sent before `until_ms` (server time). 0 lifts it.
  void ban_until(std::int64_t until_ms) {
    const std::lock_guard lock(mutex_);
    banned_until_ms_ = until_ms;
  }
  [[nodiscard]] std::int64_t banned_until_ms() const {
    const std::lock_guard lock(mutex_);
    return banned_until_ms_;
  }
  // 429: Binance asked to wait until `until_ms` (server time).
  void back_off_until(std::int64_t until_ms) {
    const std::lock_guard lock(mutex_);
    if (until_ms > backed_off_until_ms_) backed_off_until_ms_ = until_ms;
  }
  [[nodiscard]] std::int64_t backed_off_until_ms() const {
    const std::lock_guard lock(mutex_);
    return backed_off_until_ms_;
  }

  // May a request of `weight` go out now without waiting (not banned, not backed off, under
  // `throttle_percent` of the limit)? The order lane asks; a "no" sends the order the blocking way,
  // which waits as it must.
  [[nodiscard]] bool may_send_now(int weight, std::int64_t server_now_ms, int throttle_percent) {
    const std::lock_guard lock(mutex_);
    if (server_now_ms < banned_until_ms_ || server_now_ms < backed_off_until_ms_) return false;
    roll(server_now_ms);
    return used_weight_ + weight <= weight_limit_ * throttle_percent / 100;
  }

  static constexpr std::int64_t kMinuteMs = 60'000;

 private:
  void roll(std::int64_t server_now_ms) {
    const std::int64_t minute = server_now_ms / kMinuteMs;
    if (minute != weight_minute_) {
      weight_minute_ = minute;
      used_weight_ = 0;
    }
  }

  mutable std::mutex mutex_;
  std::int64_t used_weight_ = 0;
  std::int64_t weight_minute_ = -1;  // server-time minute the used weight belongs to
  std::int64_t weight_limit_;
  std::int64_t banned_until_ms_ = 0;
  std::int64_t backed_off_until_ms_ = 0;
};

}  // namespace octobot::binance
