// A well-behaved tentacle written with the SDK's C++ layer: a momentum note from the last two
// closes, configured by its reference config (config/GoodAlphaEvaluator.json).
#include <octobot/sdk.hpp>

#include <algorithm>

class GoodAlphaEvaluator final : public octobot::sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("GoodAlphaEvaluator", "1.0.0", "zoo: a well-behaved C++ evaluator");
  using TAEvaluator::TAEvaluator;

  void configure(const octobot::sdk::Config& config) override { scale_ = config.number("scale", 1.0); }

  octobot::sdk::Evaluation evaluate(const octobot::sdk::Candles& candles) override {
    if (candles.size() < 2) return octobot::sdk::Evaluation::pending("needs two candles");
    const auto close = candles.close();
    const double change = (close.back() - close[close.size() - 2]) / close[close.size() - 2];
    // Mean reversion: a falling close reads as a buy (-1 side), a rising one as a sell (+1 side).
    const double note = std::max(-1.0, std::min(1.0, change * scale_));
    return octobot::sdk::Evaluation::of(note, "scaled change");
  }

 private:
  double scale_ = 1.0;
};

OCTOBOT_TENTACLE_LIBRARY(GoodAlphaEvaluator)
