#include "tradingview_signals_trading_mode.hpp"

OCTOBOT_TENTACLE_LIBRARY(octobot::tentacles_bundled::TradingViewSignalsTradingMode)
