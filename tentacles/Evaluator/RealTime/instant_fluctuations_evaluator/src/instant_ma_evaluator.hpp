// InstantMAEvaluator: how far the last price is from its simple moving average (see
// resources/InstantMAEvaluator.md).
#pragma once

#include <octobot/sdk.hpp>

#include <deque>

namespace octobot::tentacles_bundled {

class InstantMAEvaluator final : public sdk::RealTimeEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("InstantMAEvaluator", "1.0.0", "Notes the last price against its simple moving average");
  using RealTimeEvaluator::RealTimeEvaluator;

  void configure(const sdk::Config& config) override;
  sdk::Evaluation on_price(const sdk::PriceUpdate& update) override;

 private:
  std::size_t period_ = 6;
  std::deque<double> prices_;  // the last period + 1 prices, oldest first
};

}  // namespace octobot::tentacles_bundled
