// Round trips built as the fills arrive (the rules of round_trips.hpp, applied one fill at a time), so a
// run's memory does not grow with its trades: each closed trade is folded into the trade statistics
// and the exposure as soon as it can no longer change, and only the latest `Limits::closed` are kept
// for the report's list. build_round_trips is this class over a complete fill list.
//
// A closed trade can still grow while it is its symbol's latest one (more partial fills of the same
// exit order); it is final once the symbol closes another trade, or at finish. Trades are folded in
// the order they were opened, as the batch computation does. So that a symbol that stops trading
// cannot hold back every later trade, at most kMaxPendingTrades wait: beyond that the oldest is
// taken as final (a later fill of that same order then opens a new trade; backtest orders fill
// within one step, so this does not happen in practice).
#pragma once

#include <octobot/backtesting/report/round_trips.hpp>
#include <octobot/backtesting/report/run_data.hpp>
#include <octobot/backtesting/report/statistics_accumulator.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>

namespace octobot::backtesting::report {

inline constexpr std::size_t kMaxPendingTrades = 4096;

class FillAccumulator {
 public:
  struct Limits {
    std::size_t closed = std::numeric_limits<std::size_t>::max();    // closed trades kept (the latest)
    std::size_t warnings = std::numeric_limits<std::size_t>::max();  // warnings kept (the first)
  };

  explicit FillAccumulator(std::string_view reference_market);
  FillAccumulator(std::string_view reference_market, Limits limits);
  FillAccumulator(FillAccumulator&&) noexcept;
  FillAccumulator& operator=(FillAccumulator&&) noexcept;
  ~FillAccumulator();

  // Fills in time order (the order build_round_trips sorts them into).
  void add(const Fill& fill);
  [[nodiscard]] std::uint64_t fills() const;

  // Closes the exposure of lots still open at `end_ms`. Call once; the accumulator is spent.
  [[nodiscard]] RoundTrips finish(std::int64_t end_ms);
  // Every closed trade's figures; complete after finish.
  [[nodiscard]] const TradeStatistics& trade_statistics() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace octobot::backtesting::report
