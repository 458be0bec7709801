// Candle columns the tests feed both forms of every indicator: the real reference data, and a
// generated walk with what real data rarely shows in 1,000 candles -- flat stretches, runs of zero
// volume, equal closes, repeated highs and lows.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "fixture.hpp"

namespace octobot::testing {

struct NamedCandles {
  std::string name;
  Candles candles;
};

inline Candles generated_candles(std::size_t count, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> step(-1.0, 1.0);
  std::uniform_real_distribution<double> wick(0.0, 0.8);
  std::uniform_real_distribution<double> amount(0.0, 50.0);
  Candles out;
  double price = 100.0;
  for (std::size_t i = 0; i < count; ++i) {
    const bool flat = (i / 40) % 5 == 3;  // every fifth run of 40 candles does not move
    const double open = price;
    if (!flat) price += step(random);
    const double close = price;
    const double high = flat ? price : std::max(open, close) + wick(random);
    const double low = flat ? price : std::min(open, close) - wick(random);
    out.open.push_back(open);
    out.high.push_back(high);
    out.low.push_back(low);
    out.close.push_back(close);
    out.volume.push_back((i / 25) % 7 == 2 ? 0.0 : amount(random));  // runs of zero volume
  }
  return out;
}

inline const std::vector<NamedCandles>& candle_samples() {
  static const std::vector<NamedCandles> samples = {
      {"Bitstamp BTC/USD 1h", reference_candles()},
      {"generated walk", generated_candles(1500, 20240917)},
  };
  return samples;
}

}  // namespace octobot::testing
