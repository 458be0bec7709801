// The momentum_evaluator library: every class listed in metadata.json "tentacles".
#include <octobot/sdk.hpp>

#include "adx_momentum_evaluator.hpp"
#include "bb_momentum_evaluator.hpp"
#include "ema_momentum_evaluator.hpp"
#include "klinger_momentum_evaluators.hpp"
#include "macd_momentum_evaluator.hpp"
#include "rsi_momentum_evaluator.hpp"
#include "rsi_weight_momentum_evaluator.hpp"

OCTOBOT_TENTACLE_LIBRARY(RSIMomentumEvaluator, ADXMomentumEvaluator, RSIWeightMomentumEvaluator, BBMomentumEvaluator,
                         MACDMomentumEvaluator, KlingerOscillatorMomentumEvaluator,
                         KlingerOscillatorReversalConfirmationMomentumEvaluator, EMAMomentumEvaluator)
