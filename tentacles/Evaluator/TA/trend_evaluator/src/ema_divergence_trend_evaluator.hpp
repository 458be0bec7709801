// EMADivergenceTrendEvaluator: the close's distance to its EMA(size) in percent,
// diff = close / EMA * 100 - 100, read as OctoBot does: -1 when diff <= long, else +1 when
// diff >= short, else 0. Pending while the EMA warms up.
// Keys: "size", "long", "short" (OctoBot's reference config) and "long_value" / "short_value" (the
// names OctoBot's user inputs save); the *_value keys win when both are present.
#pragma once

#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/ema.hpp>

#include <cstddef>
#include <octobot_ta/incremental_evaluator.hpp>
#include <optional>

class EMADivergenceTrendEvaluator final : public octobot::ta_support::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("EMADivergenceTrendEvaluator", "1.2.0",
                         "close vs EMA distance in %; -1 at or under the long threshold, +1 at or over the short");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override;

 private:
  void restart() override;
  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override;
  octobot::sdk::Evaluation current(const octobot::sdk::Candles& candles) override;

  int period_ = 50;
  double long_value_ = 2.0;
  double short_value_ = -2.0;
  octobot::sdk::indicators::Ema ema_{50};
  std::optional<double> last_;
};
