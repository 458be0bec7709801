// InstantFluctuationsEvaluator: flags sudden price moves backed by volume, comparing the last price
// and volume to their averages over gradually shorter windows of recent updates (see
// resources/InstantFluctuationsEvaluator.md).
#pragma once

#include <octobot/sdk.hpp>

#include <array>
#include <deque>

namespace octobot::tentacles_bundled {

class InstantFluctuationsEvaluator final : public sdk::RealTimeEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("InstantFluctuationsEvaluator", "1.0.0",
                         "Notes sudden price moves backed by volume against recent averages");
  using RealTimeEvaluator::RealTimeEvaluator;

  // The windows (in updates) the last price and volume are compared to, longest first.
  static constexpr std::array<std::size_t, 8> segments = {10, 8, 6, 5, 4, 3, 2, 1};
  // A new note is posted only when it differs this much from the last posted one (less is noise).
  static constexpr double min_triggering_delta = 0.15;

  void configure(const sdk::Config& config) override;
  sdk::Evaluation on_price(const sdk::PriceUpdate& update) override;

 private:
  struct Sample {
    double price;
    double volume;
  };

  double price_threshold_ = 0.01;  // fraction of the average price
  double volume_threshold_ = 5.0;  // multiple of the average volume
  std::deque<Sample> samples_;     // the last segments[0] updates, oldest first
  double last_notified_note_ = 0.0;
};

}  // namespace octobot::tentacles_bundled
