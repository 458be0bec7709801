// Technical indicators for tentacle authors: header-only, C++20 standard library only.
//
// Every indicator comes in two forms that give bit-identical results:
//   - a class whose update(...) takes one new candle in O(1) (amortized for the stochastics) and
//     returns std::nullopt during its warm-up, lookback() candles long; reset() starts it over;
//   - a function over whole columns (std::span<const double>) returning series as long as the
//     input: index i is the value at candle i, NaN (kWarmUp) during the warm-up.
// Definitions, defaults, warm-ups and arithmetic follow TA-Lib 0.6 (SuperTrend, Klinger and VWMA,
// which TA-Lib lacks, say which published definition they follow). See docs/indicators.md.
//
// Inputs must be finite. They are not checked (that would cost every candle): a NaN makes that
// output NaN and, in the indicators that carry a running total or a recursive average, every later
// output too, until reset(). Drop or repair bad candles before feeding them.
#pragma once

#include <octobot/sdk/indicators/atr.hpp>
#include <octobot/sdk/indicators/bollinger.hpp>
#include <octobot/sdk/indicators/directional_movement.hpp>
#include <octobot/sdk/indicators/ema.hpp>
#include <octobot/sdk/indicators/klinger.hpp>
#include <octobot/sdk/indicators/macd.hpp>
#include <octobot/sdk/indicators/obv.hpp>
#include <octobot/sdk/indicators/rsi.hpp>
#include <octobot/sdk/indicators/sma.hpp>
#include <octobot/sdk/indicators/stochastic.hpp>
#include <octobot/sdk/indicators/stochastic_rsi.hpp>
#include <octobot/sdk/indicators/supertrend.hpp>
#include <octobot/sdk/indicators/vwma.hpp>
#include <octobot/sdk/indicators/wma.hpp>
