#include "dip_analyser_trading_mode.hpp"

OCTOBOT_TENTACLE_LIBRARY(octobot::tentacles_bundled::DipAnalyserTradingMode)
