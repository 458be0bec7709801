// The trend_evaluator library: every class listed in metadata.json "tentacles".
#include <octobot/sdk.hpp>

#include "death_and_golden_cross_evaluator.hpp"
#include "double_moving_average_trend_evaluator.hpp"
#include "ema_divergence_trend_evaluator.hpp"
#include "super_trend_evaluator.hpp"

OCTOBOT_TENTACLE_LIBRARY(DoubleMovingAverageTrendEvaluator, EMADivergenceTrendEvaluator, DeathAndGoldenCrossEvaluator,
                         SuperTrendEvaluator)
