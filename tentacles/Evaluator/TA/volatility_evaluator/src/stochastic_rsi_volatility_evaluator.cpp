// StochasticRSIVolatilityEvaluator: the stochastic RSI (RSI over `period`, then its raw stochastic
// over `period` RSI values, unsmoothed: tulipy's STOCHRSI, which OctoBot uses; in [0, 100] here).
// +1 at or above high_level, -1 at or below low_level, else stochastic RSI / 100 - 0.5. Pending
// until 2 * period candles, and on a series that never moved (no RSI there, see
// RSIMomentumEvaluator).
#include <octobot/sdk.hpp>
#include <octobot/sdk/indicators/stochastic_rsi.hpp>

#include <cstddef>
#include <octobot_ta/config_values.hpp>
#include <octobot_ta/incremental_evaluator.hpp>
#include <optional>
#include <string>

namespace ta = octobot::ta_support;
using octobot::sdk::Evaluation;
using octobot::sdk::indicators::StochasticRsi;

class StochasticRSIVolatilityEvaluator final : public ta::IncrementalEvaluator {
 public:
  OCTOBOT_TENTACLE_CLASS("StochasticRSIVolatilityEvaluator", "1.2.0",
                         "stochastic RSI levels; -1 at or under low_level, +1 at or over high_level");
  using IncrementalEvaluator::IncrementalEvaluator;

  void configure(const octobot::sdk::Config& config) override {
    period_ = ta::period(config, "period", 14, 2);
    low_level_ = config.number("low_level", 1.0);
    high_level_ = config.number("high_level", 98.0);
    // fast_k = period and fast_d = 1: the raw stochastic of the RSI over `period` values.
    stochastic_rsi_ = ta::make_indicator<StochasticRsi>(period_, period_, 1);
    start_over();
  }

 private:
  void restart() override {
    stochastic_rsi_.reset();
    last_.reset();
    first_close_.reset();
    moved_ = false;
  }

  void on_candle(const octobot::sdk::Candles& candles, std::size_t index) override {
    const double close = candles.close()[index];
    if (!first_close_) first_close_ = close;
    moved_ = moved_ || close != *first_close_;
    const auto point = stochastic_rsi_.update(close);
    last_ = point ? std::optional<double>(point->k) : std::nullopt;
  }

  Evaluation current(const octobot::sdk::Candles& candles) override {
    if (candles.size() < 2 * static_cast<std::size_t>(period_) || !last_ || !moved_) {
      return Evaluation::pending("stochastic RSI warming up");
    }
    const std::string description = "stochastic RSI " + std::to_string(*last_);
    if (*last_ >= high_level_) return Evaluation::of(1.0, description);
    if (*last_ <= low_level_) return Evaluation::of(-1.0, description);
    return Evaluation::of(*last_ / 100 - 0.5, description);
  }

  int period_ = 14;
  double low_level_ = 1.0;
  double high_level_ = 98.0;
  StochasticRsi stochastic_rsi_{14, 14, 1};
  std::optional<double> last_;
  std::optional<double> first_close_;
  bool moved_ = false;
};

OCTOBOT_TENTACLE_LIBRARY(StochasticRSIVolatilityEvaluator)
