#include "instant_ma_evaluator.hpp"

#include <cstdio>
#include <numeric>
#include <string>

namespace octobot::tentacles_bundled {

void InstantMAEvaluator::configure(const sdk::Config& config) {
  const std::int64_t period = config.integer("period", 6);
  if (period < 1) throw sdk::ConfigError("period: expected >= 1, found " + std::to_string(period));
  if (static_cast<std::size_t>(period) != period_) prices_.clear();  // the old window means nothing now
  period_ = static_cast<std::size_t>(period);
}

sdk::Evaluation InstantMAEvaluator::on_price(const sdk::PriceUpdate& update) {
  // An unchanged price says nothing new (OctoBot re-evaluates only when the close changed).
  const bool unchanged = !prices_.empty() && prices_.back() == update.price;
  prices_.push_back(update.price);
  if (prices_.size() > period_ + 1) prices_.pop_front();
  // OctoBot needs more prices than the period before its first average.
  if (unchanged || prices_.size() <= period_) return sdk::Evaluation::pending();

  const double average = std::accumulate(prices_.end() - static_cast<std::ptrdiff_t>(period_), prices_.end(), 0.0) /
                         static_cast<double>(period_);
  double note = 0.0;
  if (average != 0.0) {
    const double ratio = update.price / average;
    // Above the average: sell side (> 0), capped at +1 from twice the average; below: buy side.
    note = ratio >= 2.0 ? 1.0 : ratio - 1.0;
  }
  char description[64];
  std::snprintf(description, sizeof(description), "price / SMA(%zu) = %.4f", period_,
                average != 0.0 ? update.price / average : 0.0);
  return sdk::Evaluation::of(note, description);
}

}  // namespace octobot::tentacles_bundled
