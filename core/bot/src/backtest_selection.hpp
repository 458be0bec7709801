// What a backtest replays: which series of the data file, on which exchange and symbols, valued in
// which reference market. Kept apart from the replay loop because these are the decisions a user
// may want explained (every fallback is reported as a warning).
#pragma once

#include <octobot/backtesting/data/series.hpp>
#include <octobot/bot/backtest.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace octobot::bot {

struct BacktestSelection {
  std::string exchange;
  std::vector<std::string> symbols;             // sorted
  std::vector<commons::TimeFrame> time_frames;  // shortest first
  std::vector<std::int64_t> series_ids;
  std::string reference_market;
  std::map<std::string, std::string> starting_portfolio;  // asset -> exact decimal text
  std::uint64_t candles_total = 0;                        // candles of the selected series (whole span)
  std::vector<std::string> warnings;
};

// Throws std::runtime_error explaining what the data holds when nothing can be selected. `where`
// names the data (the files) in messages.
[[nodiscard]] BacktestSelection select_backtest(const std::vector<backtesting::data::SeriesInfo>& series,
                                                const std::string& where, const BacktestConfig& config);

}  // namespace octobot::bot
