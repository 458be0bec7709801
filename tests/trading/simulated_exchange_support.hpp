// Hand-built markets and candles for the simulated exchange tests.
#pragma once

#include <octobot/trading/simulated_exchange.hpp>

#include <string>

namespace trading_test {

using octobot::channel::Candle;
using octobot::commons::Decimal;

inline Decimal d(const char* text) { return Decimal::from_string(text); }

// BTC/USDT: 2 price decimals, 5 amount decimals, minimum 0.0001 BTC and 10 USDT, 0.1 % maker,
// 0.2 % taker.
inline octobot::trading::Market btc_usdt() {
  octobot::trading::Market market;
  market.symbol = "BTC/USDT";
  market.base = "BTC";
  market.quote = "USDT";
  market.price_decimals = 2;
  market.amount_decimals = 5;
  market.min_amount = d("0.0001");
  market.min_cost = d("10");
  market.maker_fee = d("0.001");
  market.taker_fee = d("0.002");
  return market;
}

// Candle number `index` (one minute each).
inline Candle candle(std::int64_t index, const char* open, const char* high, const char* low, const char* close,
                     const char* volume = "1000") {
  return Candle{index * 60'000, d(open), d(high), d(low), d(close), d(volume)};
}

}  // namespace trading_test
