// Which candles of the view handed to evaluate() are new since the previous call.
//
// The host calls evaluate() on every closed candle with its whole buffer (up to 3000 candles).
// Recomputing every indicator over the buffer each time costs O(buffer) per candle; the TA
// evaluators instead keep their indicators' state (the SDK indicators are incremental, O(1) per
// candle) and feed them only the candles they have not consumed yet.
//
// A view continues the previous one when it still holds the last candle consumed, with the same
// open time and the same close: the candles after it are new (none when the view is the same one
// evaluated again). Anything else (the first call, an empty view, a view that no longer holds that
// candle because of a gap, a restart or another market's data, or a candle whose close changed)
// means starting over: the evaluator resets its state and consumes the whole view.
#pragma once

#include <octobot/sdk/market_data.hpp>

#include <cstddef>
#include <cstdint>

namespace octobot::ta_support {

class CandleFeed {
 public:
  struct Plan {
    bool restart;           // state must be reset before consuming
    std::size_t first_new;  // index of the first candle to consume
  };

  [[nodiscard]] Plan plan(const sdk::Candles& candles) const noexcept {
    const auto times = candles.open_time_ms();
    if (!has_last_ || times.empty()) return {true, 0};
    // Scanned from the end: one new candle per call is the common case.
    for (std::size_t i = times.size(); i-- > 0;) {
      if (times[i] == last_open_time_) {
        if (candles.close()[i] != last_close_) break;  // the candle consumed was rewritten
        return {false, i + 1};
      }
      if (times[i] < last_open_time_) break;
    }
    return {true, 0};
  }

  // Records the view's last candle as consumed.
  void consumed(const sdk::Candles& candles) noexcept {
    if (candles.empty()) {
      has_last_ = false;
      return;
    }
    has_last_ = true;
    last_open_time_ = candles.open_time_ms().back();
    last_close_ = candles.close().back();
  }

  // The next plan() starts over (after a configuration change, for instance).
  void forget() noexcept { has_last_ = false; }

 private:
  bool has_last_ = false;
  std::int64_t last_open_time_ = 0;
  double last_close_ = 0.0;
};

}  // namespace octobot::ta_support
