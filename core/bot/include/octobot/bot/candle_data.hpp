// Candles of one or more data files held in memory, read-only, so that many backtests (the
// optimizer's runs, on several threads) replay one copy of the data instead of each reading the
// files. A run reads it through BacktestConfig::candles exactly as it would read the files: the same
// series, the same order, the same report.
#pragma once

#include <octobot/backtesting/data/series.hpp>
#include <octobot/commons/candle_csv.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace octobot::bot {

struct LoadedSeries {
  // As the data file describes the series (its whole span and count), with an id unique across the
  // loaded files.
  backtesting::data::SeriesInfo info;
  std::vector<commons::Candle> candles;  // the loaded window, oldest first
};

class LoadedCandles {
 public:
  LoadedCandles(std::vector<std::filesystem::path> files, std::vector<LoadedSeries> series,
                std::optional<std::int64_t> start_ms, std::optional<std::int64_t> end_ms);

  [[nodiscard]] const std::vector<std::filesystem::path>& files() const noexcept { return files_; }
  // Ordered by exchange, symbol, then time frame (shortest first), like DataFile::series().
  [[nodiscard]] const std::vector<LoadedSeries>& series() const noexcept { return series_; }
  // The window that was loaded: a run over these candles sees nothing outside it.
  [[nodiscard]] const std::optional<std::int64_t>& start_ms() const noexcept { return start_ms_; }
  [[nodiscard]] const std::optional<std::int64_t>& end_ms() const noexcept { return end_ms_; }
  [[nodiscard]] std::uint64_t candle_count() const noexcept;

 private:
  std::vector<std::filesystem::path> files_;
  std::vector<LoadedSeries> series_;
  std::optional<std::int64_t> start_ms_;
  std::optional<std::int64_t> end_ms_;
};

// Reads every series of `files` (candles opening in [start_ms, end_ms) when given) into memory. The
// files' series are merged as a backtest over several --data files merges them: the same
// (exchange, symbol, time frame) in two files is an error naming both. Throws std::runtime_error
// (or backtesting::data::DataFileError) with a readable message.
[[nodiscard]] std::shared_ptr<const LoadedCandles> load_candles(const std::vector<std::filesystem::path>& files,
                                                                std::optional<std::int64_t> start_ms = std::nullopt,
                                                                std::optional<std::int64_t> end_ms = std::nullopt);

}  // namespace octobot::bot
