#include "move_signals_strategy_evaluator.hpp"

OCTOBOT_TENTACLE_LIBRARY(octobot::tentacles_bundled::MoveSignalsStrategyEvaluator)
