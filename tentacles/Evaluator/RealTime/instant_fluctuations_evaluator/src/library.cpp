#include "instant_fluctuations_evaluator.hpp"
#include "instant_ma_evaluator.hpp"

OCTOBOT_TENTACLE_LIBRARY(octobot::tentacles_bundled::InstantFluctuationsEvaluator,
                         octobot::tentacles_bundled::InstantMAEvaluator)
