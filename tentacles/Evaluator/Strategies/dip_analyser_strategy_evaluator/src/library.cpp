#include "dip_analyser_strategy_evaluator.hpp"

OCTOBOT_TENTACLE_LIBRARY(octobot::tentacles_bundled::DipAnalyserStrategyEvaluator)
