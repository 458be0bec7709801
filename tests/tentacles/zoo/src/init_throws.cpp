// init throws a C++ exception: the SDK's trampoline must turn it into an error status.
#include <octobot/sdk.hpp>

#include <stdexcept>

class InitThrowsEvaluator final : public octobot::sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("InitThrowsEvaluator", "1.0.0", "zoo: throws in library init");
  using TAEvaluator::TAEvaluator;
  static void on_library_init(const octobot::sdk::Host& /*host*/) { throw std::runtime_error("zoo: init threw"); }
  octobot::sdk::Evaluation evaluate(const octobot::sdk::Candles& /*candles*/) override {
    return octobot::sdk::Evaluation::pending();
  }
};

OCTOBOT_TENTACLE_LIBRARY(InitThrowsEvaluator)
