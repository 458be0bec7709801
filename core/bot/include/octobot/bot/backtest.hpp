// A backtest: the bot's own code (exchange manager, simulated exchange, evaluators, strategies,
// trading modes, all as loaded tentacles) replayed over a data file on synchronized channels.
//
// Time steps. Candles are read in the order a live bot sees them close (data/candle_stream.hpp).
// All candles closing at the same instant form one time step: each is pushed into the exchange
// manager (stored, then the simulated exchange fills the orders created before it, then the OHLCV
// message is sent), then the channels are drained — TA evaluators (HIGH), then strategies and trading
// modes (MEDIUM), then the consumers of their decisions — and one equity point is recorded. The same
// profile, data and configuration therefore give the same orders and report, bit for bit.
//
// No look-ahead: evaluators see only the candle buffers (closed candles), orders created at step t
// fill on candles of later steps only (the simulated exchange's rule), and the clock tentacles read is
// the step's close time.
//
// Memory: candles stream from the file in chunks; candle buffers hold 3000 candles per (symbol,
// time frame); the equity curve keeps at most one point per hour of bot time by default
// (equity_interval_ms). The report is folded as the run goes (backtesting/report/run_accumulator.hpp):
// statistics and round trips from every trade and equity point, but only the latest report_trades
// fills and closed trades, a report_equity_points curve and report_chart_candles candles per symbol
// are kept, so a run's memory does not grow with its length (run.sqlite, with store_file, has every
// trade).
#pragma once

#include <octobot/backtesting/report/run_data.hpp>
#include <octobot/bot/candle_data.hpp>
#include <octobot/commons/profile.hpp>
#include <octobot/commons/time_frame.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace octobot::tentacles {
class TentacleHost;
}

namespace octobot::bot {

struct BacktestProgress {
  std::uint64_t candles_done = 0;
  std::uint64_t candles_total = 0;  // in the selected window (an estimate from the series' counts)
  double elapsed_seconds = 0.0;
};

struct BacktestConfig {
  commons::Profile profile;
  // The data replayed: `data_file` (when set) followed by `data_files`. The candles of several files
  // merge in time order into the same time steps; the same (exchange, symbol, time frame) in two
  // files is an error.
  std::filesystem::path data_file;
  std::vector<std::filesystem::path> data_files;
  // Candles already loaded in memory (load_candles): replayed instead of the files, shared read-only
  // by concurrent runs. Only the loaded window exists for the run.
  std::shared_ptr<const LoadedCandles> candles;
  // Configuration values set over the profile's for this run: tentacle class -> (dot path -> JSON
  // value text), applied to every instance the run creates (TentacleHost::create).
  std::map<std::string, tentacles::ConfigOverrides, std::less<>> config_overrides;
  // Candles opening in [start_ms, end_ms); unset: the whole file.
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
  // Symbols to trade; empty: the profile's pairs found in the data, else every symbol of the data.
  std::vector<std::string> symbols;
  // The first warmup_steps time steps feed the evaluators but trading modes get no signal yet
  // (indicators warm up on real history instead of trading on partial data).
  std::uint64_t warmup_steps = 0;
  std::size_t candle_buffer_capacity = 3000;
  bool keep_chart_candles = true;
  // When set, every order, every trade and a daily portfolio snapshot are written to this
  // SQLite file as the run goes (trading/trading_store.hpp), so the run can be inspected afterwards.
  // An existing file is replaced.
  std::filesystem::path store_file;
  // One equity point at most every this many ms of bot time (plus the last step). 0: the larger of
  // the smallest time frame and one hour, so a 1-minute run keeps hourly points and its memory does
  // not grow with the number of candles beyond that.
  std::int64_t equity_interval_ms = 0;
  // What the report keeps in memory (the statistics use everything): the latest this many fills and
  // closed trades for its lists, an equity curve of at most this many points (min/max merged) and at
  // most this many chart candles per symbol (OHLC merged). A run within them reports every item.
  std::size_t report_trades = 10'000;
  std::size_t report_equity_points = 20'000;
  std::size_t report_chart_candles = 20'000;
  // Called every progress_every candles and once at the end.
  std::function<void(const BacktestProgress&)> progress;
  std::uint64_t progress_every = 10'000;
};

struct BacktestResult {
  backtesting::report::RunData run;
  std::uint64_t candles = 0;
  std::uint64_t steps = 0;
  double seconds = 0.0;
  std::uint64_t tentacle_errors = 0;
  std::uint64_t strategy_notes = 0;
  std::uint64_t orders_created = 0;
  std::uint64_t orders_rejected = 0;
  std::vector<std::string> warnings;   // e.g. a reference market taken from the data
  std::vector<std::string> instances;  // "Class (symbol, tf)" of every tentacle instance
};

// Runs one backtest. `host` must be loaded with the profile's tentacles. Throws std::runtime_error
// with a readable message when the run cannot start (no data for any symbol, no trading mode
// loaded, a data file that cannot be read, ...).
//
// Threads: several run_backtest calls may run at once on different threads with one host (each run
// has its own channels, exchange, clock and tentacle instances; see TentacleHost::create); give them
// one LoadedCandles rather than each its own files.
[[nodiscard]] BacktestResult run_backtest(tentacles::TentacleHost& host, const BacktestConfig& config);

}  // namespace octobot::bot
