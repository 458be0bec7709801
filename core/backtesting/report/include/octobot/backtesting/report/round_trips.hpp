// Fills -> closed trades (round trips), spot rules: a buy opens a lot of its symbol; a sell closes the
// oldest lots first (FIFO), splitting a lot exactly when it closes only part of it. All sums are exact
// Decimals; docs/backtest-report.md states every rule.
#pragma once

#include <octobot/backtesting/report/run_data.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace octobot::backtesting::report {

// One exit order's fills matched against the lots they closed. Money is in the symbol's quote asset.
struct ClosedTrade {
  std::string symbol;
  std::string quote;
  std::string exit_order_id;
  std::int64_t entry_time_ms = 0;  // amount-weighted mean time of the lots closed
  std::int64_t exit_time_ms = 0;   // the last fill of the exit order
  Decimal amount;                  // base asset closed
  Decimal entry_cost;              // sum of closed amount * lot price (exact)
  Decimal exit_value;              // sum of closed amount * sell price (exact)
  Decimal entry_price;             // entry_cost / amount, rounded half-even (display only)
  Decimal exit_price;              // exit_value / amount, rounded half-even (display only)
  Decimal gross_pnl;               // exit_value - entry_cost
  Decimal fees;                    // entry-fee shares + exit fees, in quote
  Decimal net_pnl;                 // gross_pnl - fees
  double return_pct = 0;           // 100 * net_pnl / entry_cost
  std::int64_t duration_ms = 0;    // exit_time_ms - entry_time_ms
};

// Lots still open at the end of the run, merged per symbol.
struct OpenPosition {
  std::string symbol;
  Decimal amount;
  Decimal cost;                // amount * lot prices (exact)
  Decimal average_price;       // cost / amount, rounded half-even
  std::int64_t opened_ms = 0;  // amount-weighted mean time of its lots
};

struct RoundTrips {
  std::vector<ClosedTrade> closed;    // in exit order; the latest ones when a limit was set (FillAccumulator)
  std::size_t closed_total = 0;       // every closed trade of the run (closed.size() without a limit)
  std::vector<OpenPosition> open;     // by symbol
  Decimal total_fees;                 // every fill's fee, in the reference market (fills quoted in it)
  std::int64_t exposure_ms = 0;       // time during which at least one lot was open
  std::vector<std::string> warnings;  // sells without an open lot, fees that could not be converted
};

// The fee of one fill in the symbol's quote asset: a base-asset fee is valued at the fill price
// (exact product). std::nullopt when the fee is in a third asset.
[[nodiscard]] std::optional<Decimal> fee_in_quote(const Fill& fill, const SymbolAssets& assets);

// `fills` in execution order (a stable sort by time is applied). `end_ms` closes the exposure of lots
// still open. Fee amounts in a third asset are left out with a warning.
[[nodiscard]] RoundTrips build_round_trips(std::span<const Fill> fills, std::string_view reference_market,
                                           std::int64_t end_ms);

}  // namespace octobot::backtesting::report
