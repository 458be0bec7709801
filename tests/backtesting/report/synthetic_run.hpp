// A small, deterministic backtest run for tests and the demo: hourly candles of a sine-ish price, a
// moving-average crossover that buys half the cash on a cross up and sells everything on a cross
// down, 0.1 % fees (base asset on buys, quote on sells, as the simulated exchange charges them), and
// the equity curve valued at every close. Exact Decimal accounting, like the engine's.
#pragma once

#include <octobot/backtesting/report/run_data.hpp>

#include <cmath>
#include <cstdint>
#include <string>

namespace octobot::backtesting::report::testing {

inline RunData synthetic_run(std::size_t candle_count, const std::string& symbol = "BTC/USDT") {
  using commons::RoundingMode;
  constexpr std::int64_t kStart = 1'704'067'200'000;  // 2024-01-01 00:00 UTC
  constexpr std::int64_t kHour = 3'600'000;
  const Decimal fee_rate = Decimal::from_string("0.001");
  const auto assets = split_symbol(symbol);

  RunData run;
  auto& meta = run.metadata;
  meta.profile = "synthetic crossover";
  meta.exchange = "simulated";
  meta.symbols = {symbol};
  meta.time_frames = {"1h"};
  meta.start_ms = kStart;
  meta.end_ms = kStart + static_cast<std::int64_t>(candle_count) * kHour;
  meta.reference_market = assets.quote;
  Decimal cash = Decimal::from_integer(10'000);
  Decimal held;
  meta.starting_portfolio = {{assets.quote, cash}, {assets.base, held}};

  SymbolCandles series{symbol, "1h", {}};
  double fast = 0, slow = 0;
  bool above = false;
  int order = 0;
  for (std::size_t i = 0; i < candle_count; ++i) {
    const double t = static_cast<double>(i);
    const double price = 100.0 + 20.0 * std::sin(t / 40.0) + 4.0 * std::sin(t / 6.0) + 0.01 * t;
    const double previous = i == 0 ? price : series.candles.back().close.to_double();
    Candle candle;
    candle.time_ms = kStart + static_cast<std::int64_t>(i) * kHour;
    candle.open = Decimal::from_double(previous).round_to_decimals(2, RoundingMode::half_even);
    candle.close = Decimal::from_double(price).round_to_decimals(2, RoundingMode::half_even);
    candle.high = max(candle.open, candle.close) +
                  Decimal::from_double(0.3 + std::abs(std::sin(t))).round_to_decimals(2, RoundingMode::half_even);
    candle.low = min(candle.open, candle.close) -
                 Decimal::from_double(0.3 + std::abs(std::cos(t))).round_to_decimals(2, RoundingMode::half_even);
    candle.volume = Decimal::from_integer(10 + static_cast<std::int64_t>(i % 7));
    series.candles.push_back(candle);

    fast = i == 0 ? price : fast + (price - fast) * 2.0 / 9.0;   // EMA 8
    slow = i == 0 ? price : slow + (price - slow) * 2.0 / 31.0;  // EMA 30
    const bool now_above = fast > slow;
    if (i > 30 && now_above && !above) {
      const Decimal amount = (cash / Decimal::from_integer(2)).div(candle.close, 6, RoundingMode::down);
      const Decimal fee = amount.mul(fee_rate, 8, RoundingMode::up);
      cash -= amount * candle.close;
      held += amount - fee;
      run.fills.push_back({candle.time_ms, symbol, TradeSide::buy, candle.close, amount, fee, assets.base,
                           "o" + std::to_string(++order), "market"});
    } else if (i > 30 && !now_above && above && held.is_positive()) {
      const Decimal amount = held.round_to_decimals(6, RoundingMode::down);
      const Decimal fee = (amount * candle.close).mul(fee_rate, 8, RoundingMode::up);
      cash += amount * candle.close - fee;
      held -= amount;
      run.fills.push_back({candle.time_ms, symbol, TradeSide::sell, candle.close, amount, fee, assets.quote,
                           "o" + std::to_string(++order), "market"});
    }
    above = now_above;
    run.equity.push_back({candle.time_ms, cash + held * candle.close});
  }
  meta.ending_portfolio = {{assets.quote, cash}, {assets.base, held}};
  if (!series.candles.empty()) {
    meta.prices.push_back({symbol, series.candles.front().close, series.candles.back().close});
  }
  run.candles.push_back(std::move(series));
  return run;
}

}  // namespace octobot::backtesting::report::testing
