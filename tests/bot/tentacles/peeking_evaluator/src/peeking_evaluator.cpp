// A TA evaluator that tries to see the future: it checks, on every call, whether the candles it was
// given contain anything that had not closed at the bot's current time, and fails loudly if so. A
// backtest with it must finish without a single failure: the SDK gives no way to reach a candle
// before the bot clock has passed its close.
#include <octobot/sdk.hpp>

#include <string>

namespace {

std::int64_t duration_ms(std::string_view time_frame) {
  if (time_frame == "1h") return 3'600'000;
  if (time_frame == "4h") return 4 * 3'600'000;
  if (time_frame == "1d") return 24 * 3'600'000;
  throw octobot::sdk::Error(OB_ERROR_INVALID_ARGUMENT, "unexpected time frame " + std::string(time_frame));
}

class PeekingEvaluator final : public octobot::sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("PeekingEvaluator", "1.0.0", "Fails when it is shown a candle from the future");
  using TAEvaluator::TAEvaluator;

  octobot::sdk::Evaluation evaluate(const octobot::sdk::Candles& candles) override {
    const std::int64_t now = host().now_ms();
    const std::int64_t last_close = candles.open_time_ms().back() + duration_ms(candles.time_frame());
    if (last_close > now) {
      throw octobot::sdk::Error(OB_ERROR_GENERIC, "look-ahead: a candle closing at " + std::to_string(last_close) +
                                                      " was visible at " + std::to_string(now));
    }
    if (last_close != now) {
      throw octobot::sdk::Error(OB_ERROR_GENERIC, "stale: evaluated at " + std::to_string(now) +
                                                      " with the latest candle closing at " +
                                                      std::to_string(last_close));
    }
    return octobot::sdk::Evaluation::pending();  // never influences trading
  }
};

}  // namespace

OCTOBOT_TENTACLE_LIBRARY(PeekingEvaluator)
