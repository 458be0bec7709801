// Momentum over `period_length` closes: a rise reads as a sell-side note, a fall as a buy-side one
// (OctoBot's convention: -1 buy, +1 sell), scaled so a 10% move saturates.
#include <octobot/sdk.hpp>

#include <algorithm>

class ThirdPartyMomentumEvaluator final : public octobot::sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("ThirdPartyMomentumEvaluator", "1.0.0", "momentum over N closes, built out of tree");
  using TAEvaluator::TAEvaluator;

  void configure(const octobot::sdk::Config& config) override {
    period_ = static_cast<std::size_t>(config.integer("period_length"));
    if (period_ < 1) throw octobot::sdk::ConfigError("period_length must be >= 1");
  }

  octobot::sdk::Evaluation evaluate(const octobot::sdk::Candles& candles) override {
    if (candles.size() <= period_) return octobot::sdk::Evaluation::pending("warming up");
    const auto close = candles.close();
    const double then = close[close.size() - 1 - period_];
    const double change = (close.back() - then) / then;
    return octobot::sdk::Evaluation::of(std::clamp(change * 10.0, -1.0, 1.0), "momentum");
  }

 private:
  std::size_t period_ = 14;
};

OCTOBOT_TENTACLE_LIBRARY(ThirdPartyMomentumEvaluator)
