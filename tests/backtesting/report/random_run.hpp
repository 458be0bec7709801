// Long random inputs for the accumulator tests: an equity walk and a multi-symbol fill sequence with
// partial fills of one order interleaved with other symbols' fills, fees in base, quote or a third
// asset, equal times, sells larger than what is held. Deterministic (fixed seed).
#pragma once

#include <octobot/backtesting/report/run_data.hpp>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace octobot::backtesting::report::testing {

inline Decimal cents(std::int64_t value) { return Decimal::from_integer(value) / Decimal::from_integer(100); }

// `count` points an hour apart (a few missing), a random walk in cents with deep falls now and then.
inline std::vector<EquityPoint> random_equity(std::size_t count, std::uint64_t seed = 7) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> step(-300, 310);
  std::uniform_int_distribution<int> rare(0, 999);
  std::vector<EquityPoint> points;
  std::int64_t value = 1'000'000;  // 10,000.00
  std::int64_t time = 1'704'067'200'000;
  for (std::size_t i = 0; i < count; ++i) {
    time += rare(random) < 5 ? 7'200'000 : 3'600'000;
    value += step(random);
    if (rare(random) == 0) value = value * 7 / 10;  // a crash
    value = std::max<std::int64_t>(value, 100);
    points.push_back({time, cents(value)});
  }
  return points;
}

inline std::vector<Fill> random_fills(std::size_t count, std::uint64_t seed = 11) {
  const std::array<const char*, 3> symbols{"BTC/USDT", "ETH/USDT", "ETH/BTC"};
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> pick(0, 99);
  std::uniform_int_distribution<int> price_cents(9'000, 11'000);
  std::uniform_int_distribution<int> amount_units(1, 500);
  std::vector<Fill> fills;
  std::int64_t time = 1'704'067'200'000;
  int order = 0;
  std::array<std::string, 3> selling{};  // the exit order still filling, per symbol
  for (std::size_t i = 0; i < count; ++i) {
    if (pick(random) < 70) time += 60'000 * (1 + pick(random) % 5);  // else the same time as the last
    const auto s = static_cast<std::size_t>(pick(random) % 3);
    const std::string symbol = symbols[s];
    const auto assets = split_symbol(symbol);
    Fill fill;
    fill.time_ms = time;
    fill.symbol = symbol;
    fill.side = pick(random) < 52 ? TradeSide::buy : TradeSide::sell;
    fill.price = cents(price_cents(random));
    fill.amount = Decimal::from_integer(amount_units(random)) / Decimal::from_integer(1000);
    const int fee_kind = pick(random);
    fill.fee_asset = fee_kind < 45 ? assets.base : fee_kind < 97 ? assets.quote : std::string("BNB");
    fill.fee = fee_kind < 5 ? Decimal() : fill.amount / Decimal::from_integer(1000);
    if (fill.side == TradeSide::sell) {
      // Often the next part of the symbol's current exit order, even after other symbols' fills.
      if (selling[s].empty() || pick(random) < 40) selling[s] = "o" + std::to_string(++order);
      fill.order_id = selling[s];
    } else {
      fill.order_id = "o" + std::to_string(++order);
    }
    fill.order_type = "limit";
    fills.push_back(std::move(fill));
  }
  return fills;
}

}  // namespace octobot::backtesting::report::testing
