// A test TA evaluator with a note that is trivial to predict: where the last close sits in the last
// candle's range, mapped to [-1, 1] (close at the low: -1, at the high: +1). Pending on a flat
// candle. Config key "fail_above" (optional): throws when the close is above it, to test how the
// host isolates a failing tentacle.
#include <octobot/sdk.hpp>

#include <stdexcept>

namespace {

class ClosePositionEvaluator final : public octobot::sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("ClosePositionEvaluator", "1.0.0", "Position of the close in the candle's range");
  using TAEvaluator::TAEvaluator;

  void configure(const octobot::sdk::Config& config) override { fail_above_ = config.number("fail_above", 1e300); }

  octobot::sdk::Evaluation evaluate(const octobot::sdk::Candles& candles) override {
    const double high = candles.high().back();
    const double low = candles.low().back();
    const double close = candles.close().back();
    if (close > fail_above_) throw std::runtime_error("close above fail_above");
    if (high <= low) return octobot::sdk::Evaluation::pending("flat candle");
    return octobot::sdk::Evaluation::of(2.0 * (close - low) / (high - low) - 1.0);
  }

 private:
  double fail_above_ = 1e300;
};

}  // namespace

OCTOBOT_TENTACLE_LIBRARY(ClosePositionEvaluator)
