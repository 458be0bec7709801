// SignalTradingMode: DailyTradingMode tuned for explicit signals (OctoBot's SignalTradingMode, a
// DailyTradingMode subclass): wider NEUTRAL band (-0.4 .. 0.4), VERY_* beyond +-0.88, risk moving the
// thresholds by 0.15 * risk, market orders of at least half the funds, buy limits 0.5 % to 1 % below
// the price. Everything else (orders, sizes, stops, keys) is DailyTradingMode's.
#pragma once

#include "daily_trading_mode.hpp"

namespace octobot::tentacles_bundled {

class SignalTradingMode final : public DailyTradingMode {
 public:
  OCTOBOT_TENTACLE_CLASS("SignalTradingMode", "1.2.0",
                         "DailyTradingMode with thresholds for explicit buy and sell signals");

  explicit SignalTradingMode(sdk::InstanceContext context) : DailyTradingMode(std::move(context), signal_variant()) {}

 private:
  static Variant signal_variant() {
    Variant variant;
    variant.thresholds = {-0.88, -0.4, 0.4, 0.88, 0.15};
    variant.market_quantity_min_percent = 0.5;
    variant.buy_limit_min_percent = 0.99;
    return variant;
  }
};

}  // namespace octobot::tentacles_bundled
