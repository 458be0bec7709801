// Benchmark-only TA evaluator (never in tentacles/): a strong buy note (-1) then a strong sell note
// (+1), alternating on every closed candle it evaluates. With it as the only TA evaluator, the
// bundled SimpleStrategyEvaluator passes the note on and DailyTradingMode flips between VERY_LONG
// and VERY_SHORT, so each closed candle makes the mode send one market order: the live latency
// benchmark gets an order per candle through the real strategy and mode.
#include <octobot/sdk.hpp>

namespace {

class BenchFlipEvaluator final : public octobot::sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("BenchFlipEvaluator", "1.0.0", "Benchmarks: -1 then +1, alternating on every closed candle");
  using TAEvaluator::TAEvaluator;

  octobot::sdk::Evaluation evaluate(const octobot::sdk::Candles& /*candles*/) override {
    buy_ = !buy_;
    return octobot::sdk::Evaluation::of(buy_ ? -1.0 : 1.0);
  }

 private:
  bool buy_ = false;
};

}  // namespace

OCTOBOT_TENTACLE_LIBRARY(BenchFlipEvaluator)
