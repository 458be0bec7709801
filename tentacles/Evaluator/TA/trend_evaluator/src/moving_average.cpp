#include "moving_average.hpp"

#include <algorithm>
#include <cctype>
#include <octobot_ta/config_values.hpp>

namespace ta = octobot::ta_support;
namespace indicators = octobot::sdk::indicators;

namespace trend_evaluator {

ChainedEma::ChainedEma(int period, int depth) : depth_(depth), first_(period), second_(period), third_(period) {}

std::optional<double> ChainedEma::update(double value) noexcept {
  const std::optional<double> first = first_.update(value);
  if (!first || depth_ == 1) return first;
  const std::optional<double> second = second_.update(*first);
  if (!second) return std::nullopt;
  if (depth_ == 2) return (2.0 * *first) - *second;
  const std::optional<double> third = third_.update(*second);
  if (!third) return std::nullopt;
  return *third + ((3.0 * *first) - (3.0 * *second));
}

void ChainedEma::reset() noexcept {
  first_.reset();
  second_.reset();
  third_.reset();
}

namespace {

decltype(auto) make_average(const std::string& type, int period) {
  using Average = std::variant<indicators::Sma, indicators::Wma, indicators::Vwma, ChainedEma>;
  std::string upper = type;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "SMA") return Average(ta::make_indicator<indicators::Sma>(period));
  if (upper == "WMA") return Average(ta::make_indicator<indicators::Wma>(period));
  if (upper == "VWMA") return Average(ta::make_indicator<indicators::Vwma>(period));
  if (upper == "EMA") return Average(ta::make_indicator<ChainedEma>(period, 1));
  if (upper == "DEMA") return Average(ta::make_indicator<ChainedEma>(period, 2));
  if (upper == "TEMA") return Average(ta::make_indicator<ChainedEma>(period, 3));
  if (upper == "LSMA" || upper == "KAMA") {
    throw octobot::sdk::ConfigError("moving average type '" + type +
                                    "' is not available in this version (supported: SMA, EMA, WMA, VWMA, DEMA, TEMA)");
  }
  throw octobot::sdk::ConfigError("unknown moving average type '" + type +
                                  "' (supported: SMA, EMA, WMA, VWMA, DEMA, TEMA)");
}

}  // namespace

MovingAverage::MovingAverage(const std::string& type, int period) : average_(make_average(type, period)) {}

std::optional<double> MovingAverage::update(double close, double volume) noexcept {
  return std::visit(
      [&](auto& average) -> std::optional<double> {
        if constexpr (std::is_same_v<std::decay_t<decltype(average)>, indicators::Vwma>) {
          return average.update(close, volume);
        } else {
          return average.update(close);
        }
      },
      average_);
}

void MovingAverage::reset() noexcept {
  std::visit([](auto& average) { average.reset(); }, average_);
}

}  // namespace trend_evaluator
