// What a finished backtest hands to the report: plain data, no channel or bus types, so the engine,
// a saved run or a test can build it. Money is exact (Decimal); times are ms since the epoch, UTC.
#pragma once

#include <octobot/commons/decimal.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::backtesting::report {

using commons::Decimal;

enum class TradeSide : std::uint8_t { buy, sell };
[[nodiscard]] std::string_view to_string(TradeSide side) noexcept;

// One executed trade (a fill of an order; an order filled in several parts gives several fills).
struct Fill {
  std::int64_t time_ms = 0;
  std::string symbol;  // "BTC/USDT"
  TradeSide side = TradeSide::buy;
  Decimal price;   // quote per base
  Decimal amount;  // base asset, before fees
  Decimal fee;
  std::string fee_asset;  // base or quote of the symbol (others are reported, not converted)
  std::string order_id;
  std::string order_type;  // "market", "limit", "stop_loss", ...
};

// The portfolio's value in the reference market at one time step.
struct EquityPoint {
  std::int64_t time_ms = 0;
  Decimal value;
};

struct Candle {
  std::int64_t time_ms = 0;  // open time
  Decimal open;
  Decimal high;
  Decimal low;
  Decimal close;
  Decimal volume;
};

// The candles of one symbol for the chart, oldest first.
struct SymbolCandles {
  std::string symbol;
  std::string time_frame;  // "1h"
  std::vector<Candle> candles;
  std::uint64_t source_candles = 0;  // candles of the run these stand for when aggregated (0: candles.size())
};

// First and last close of a symbol over the run: market change and buy-and-hold.
struct SymbolPrices {
  std::string symbol;
  Decimal first_close;
  Decimal last_close;
};

using AssetAmounts = std::map<std::string, Decimal, std::less<>>;

struct RunMetadata {
  std::string profile;
  std::string exchange;
  std::vector<std::string> symbols;
  std::vector<std::string> time_frames;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string reference_market;  // "USDT": every value of the equity curve is in it
  AssetAmounts starting_portfolio;
  AssetAmounts ending_portfolio;
  std::vector<SymbolPrices> prices;
};

struct StreamedReport;  // run_accumulator.hpp

struct RunData {
  RunMetadata metadata;
  std::vector<EquityPoint> equity;  // oldest first, one point per time step (or a bounded curve, see below)
  std::vector<Fill> fills;          // in execution order
  std::vector<SymbolCandles> candles;

  // A run folded as it went (RunAccumulator) keeps bounded lists: `fills` holds the latest ones,
  // `equity` a min/max-merged curve for the chart, and `streamed` the round trips and statistics
  // computed from every fill and every equity point. make_report uses `streamed` when set.
  std::uint64_t fills_total = 0;  // every fill of the run (0: fills.size())
  std::string fills_store;        // the file that holds every fill ("run.sqlite"), when the run wrote one
  std::shared_ptr<const StreamedReport> streamed;
};

// Every fill of the run, whether or not `fills` holds them all.
[[nodiscard]] std::uint64_t total_fills(const RunData& run) noexcept;

// "BTC/USDT" -> {"BTC", "USDT"}; a settlement suffix ("BTC/USDT:USDT") is dropped. No '/' throws
// std::invalid_argument naming the symbol.
struct SymbolAssets {
  std::string base;
  std::string quote;
};
[[nodiscard]] SymbolAssets split_symbol(std::string_view symbol);

}  // namespace octobot::backtesting::report
