#include "instant_fluctuations_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace octobot::tentacles_bundled {

void InstantFluctuationsEvaluator::configure(const sdk::Config& config) {
  const double price_percent = config.number("price_difference_threshold_percent");
  const double volume_percent = config.number("volume_difference_threshold_percent");
  if (price_percent < 0) {
    throw sdk::ConfigError("price_difference_threshold_percent: expected >= 0, found " + std::to_string(price_percent));
  }
  if (volume_percent < 0) {
    throw sdk::ConfigError("volume_difference_threshold_percent: expected >= 0, found " +
                           std::to_string(volume_percent));
  }
  price_threshold_ = price_percent / 100.0;
  volume_threshold_ = 1.0 + volume_percent / 100.0;
}

sdk::Evaluation InstantFluctuationsEvaluator::on_price(const sdk::PriceUpdate& update) {
  samples_.push_back({update.price, update.volume});
  if (samples_.size() > segments.front()) samples_.pop_front();

  // Each window votes: volume above threshold x its average, price above or below its average by
  // more than the threshold. Windows include the current update, as OctoBot's candle averages do.
  int volume_votes = 0;
  int price_votes = 0;
  for (const std::size_t segment : segments) {
    const std::size_t count = std::min(segment, samples_.size());
    double price_sum = 0.0;
    double volume_sum = 0.0;
    for (std::size_t i = samples_.size() - count; i < samples_.size(); ++i) {
      price_sum += samples_[i].price;
      volume_sum += samples_[i].volume;
    }
    const double average_price = price_sum / static_cast<double>(count);
    const double average_volume = volume_sum / static_cast<double>(count);
    if (update.volume > volume_threshold_ * average_volume) {
      ++volume_votes;
    }
    if (update.price > (1.0 + price_threshold_) * average_price) {
      ++price_votes;
    } else if (update.price < (1.0 - price_threshold_) * average_price) {
      --price_votes;
    }
  }
  const double windows = static_cast<double>(segments.size());
  // Volume alone strengthens a move (0.2 even without a volume spike) but cannot make one.
  const double volume_strength = std::min(1.0, volume_votes / windows + 0.2);
  const double price_strength = price_votes / windows;
  if (price_votes == 0) return sdk::Evaluation::pending();  // no price move (volume alone): nothing to say

  // cos(1 - x) for x in (0, 1] rises smoothly from about 0.54 to 1: any confirmed move is strong.
  const double magnitude = std::cos(1.0 - std::abs(price_strength) * volume_strength);
  const double note = price_strength > 0 ? magnitude : -magnitude;
  if (std::abs(last_notified_note_ - note) < min_triggering_delta) return sdk::Evaluation::pending();
  last_notified_note_ = note;
  char description[96];
  std::snprintf(description, sizeof(description), "price votes %d, volume votes %d of %zu windows", price_votes,
                volume_votes, segments.size());
  return sdk::Evaluation::of(note, description);
}

}  // namespace octobot::tentacles_bundled
