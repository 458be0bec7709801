// Base class of the bundled TA evaluators: turns "evaluate the whole buffer on every candle" into
// "consume the new candles, then read the note off the kept state".
//
// evaluate() asks the CandleFeed which candles are new. When the view continues the previous one,
// only those go through on_candle() (O(1) each with the SDK's incremental indicators). Otherwise
// (first call, gap, restart, changed configuration) restart() clears the state and every candle of
// the view goes through on_candle(), which is exactly a from-scratch computation over the view.
// Per-candle work that OctoBot does once per evaluation (its evaluators are called on every closed
// candle) belongs in on_candle(), so a note never depends on how candles were batched into calls.
#pragma once

#include <octobot/sdk/market_data.hpp>
#include <octobot/sdk/tentacle.hpp>

#include <cstddef>
#include <cstdint>
#include <octobot_ta/candle_feed.hpp>

namespace octobot::ta_support {

class IncrementalEvaluator : public sdk::TAEvaluator {
 public:
  using TAEvaluator::TAEvaluator;

  sdk::Evaluation evaluate(const sdk::Candles& candles) final {
    const CandleFeed::Plan plan = feed_.plan(candles);
    if (plan.restart) restart();
    for (std::size_t i = plan.first_new; i < candles.size(); ++i) on_candle(candles, i);
    feed_.consumed(candles);
    if (candles.empty()) return sdk::Evaluation::pending("no closed candle");
    on_view(candles);
    return current(candles);
  }

 protected:
  // Makes the next evaluate() start over; call it from configure() once the parameters changed.
  void start_over() noexcept { feed_.forget(); }

  // Clears every indicator and derived state.
  virtual void restart() = 0;
  // Consumes candle `index` of the view (each candle once, oldest first).
  virtual void on_candle(const sdk::Candles& candles, std::size_t index) = 0;
  // After the new candles: drop state about candles that left the view (see ViewSeries).
  virtual void on_view(const sdk::Candles& /*candles*/) {}
  // The note for the view's last candle.
  virtual sdk::Evaluation current(const sdk::Candles& candles) = 0;

 private:
  CandleFeed feed_;
};

}  // namespace octobot::ta_support
