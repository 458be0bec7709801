// A global object whose constructor crashes: the library dies inside dlopen, before any of our
// code runs. Only a probe process can survive that.
#include <octobot/sdk.hpp>

#include <csignal>

namespace {
struct CrashOnLoad {
  CrashOnLoad() { std::raise(SIGSEGV); }
};
const CrashOnLoad crash_on_load;
}  // namespace

class StaticCtorEvaluator final : public octobot::sdk::TAEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("StaticCtorEvaluator", "1.0.0", "zoo: crashes in a static constructor");
  using TAEvaluator::TAEvaluator;
  octobot::sdk::Evaluation evaluate(const octobot::sdk::Candles& /*candles*/) override {
    return octobot::sdk::Evaluation::pending();
  }
};

OCTOBOT_TENTACLE_LIBRARY(StaticCtorEvaluator)
