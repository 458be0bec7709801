// Requires good_alpha==1.0.0 in metadata.json: loads after it, and only if it loaded.
#include <octobot/sdk.hpp>

class RequirerEvaluator final : public octobot::sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("RequirerEvaluator", "1.0.0", "zoo: depends on good_alpha");
  using TAEvaluator::TAEvaluator;
  octobot::sdk::Evaluation evaluate(const octobot::sdk::Candles& /*candles*/) override {
    return octobot::sdk::Evaluation::of(0.0, "neutral");
  }
};

OCTOBOT_TENTACLE_LIBRARY(RequirerEvaluator)
