// The moving averages DeathAndGoldenCrossEvaluator can cross, by OctoBot's names (case-insensitive):
// SMA, EMA, WMA, VWMA (SDK indicators), DEMA and TEMA (TA-Lib's compositions of SDK EMAs:
// 2 * EMA - EMA(EMA), and 3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA))). LSMA and KAMA, also in OctoBot's
// list, have no SDK indicator yet: configuring them is a ConfigError that says so.
#pragma once

#include <octobot/sdk/indicators/ema.hpp>
#include <octobot/sdk/indicators/sma.hpp>
#include <octobot/sdk/indicators/vwma.hpp>
#include <octobot/sdk/indicators/wma.hpp>

#include <optional>
#include <string>
#include <variant>

namespace trend_evaluator {

// EMAs chained `depth` times (1: EMA, 2: DEMA, 3: TEMA), combined as TA-Lib does.
class ChainedEma {
 public:
  ChainedEma(int period, int depth);
  std::optional<double> update(double value) noexcept;
  void reset() noexcept;

 private:
  int depth_;
  octobot::sdk::indicators::Ema first_;
  octobot::sdk::indicators::Ema second_;
  octobot::sdk::indicators::Ema third_;
};

class MovingAverage {
 public:
  // `type` as in OctoBot's config ("SMA", "ema", ...). Throws sdk::ConfigError on an unknown or
  // unsupported type, or a period the average does not accept.
  MovingAverage(const std::string& type, int period);

  std::optional<double> update(double close, double volume) noexcept;
  void reset() noexcept;

 private:
  std::variant<octobot::sdk::indicators::Sma, octobot::sdk::indicators::Wma, octobot::sdk::indicators::Vwma, ChainedEma>
      average_;
};

}  // namespace trend_evaluator
