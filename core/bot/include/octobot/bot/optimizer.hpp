// The optimizer: many backtests of one profile, each with other tentacle configuration values (a
// grid or a seeded random sample of the parameter space, param_space.hpp), run in parallel on a
// pool of threads over ONE loaded copy of the candles, then ranked by a statistic of the backtest
// report. Each run has its own channels, exchange, clock and tentacle instances (run_backtest); the
// loaded libraries and the candles are shared read-only. Results do not depend on the number of
// threads: each run is deterministic and the ranking breaks ties by grid order.
#pragma once

#include <octobot/backtesting/report/statistics.hpp>
#include <octobot/bot/backtest.hpp>
#include <octobot/bot/param_space.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::tentacles {
class TentacleHost;
}

namespace octobot::bot {

enum class RankOrder : std::uint8_t { higher_is_better, lower_is_better };

// A statistic runs can be ranked by (--rank-by NAME).
struct RankStatistic {
  std::string name;   // "total_return"
  std::string label;  // "return %"
  RankOrder order = RankOrder::higher_is_better;
  bool percent = false;  // a fraction shown in percent
  // The value, or nothing when the report leaves it undefined (such runs rank after the others).
  std::function<std::optional<double>(const backtesting::report::Statistics&)> value;
};

// Every statistic --rank-by accepts, the default (total_return, the profit in percent) first.
[[nodiscard]] const std::vector<RankStatistic>& rank_statistics();
// Throws ParamError listing the names when `name` is not one of them.
[[nodiscard]] const RankStatistic& find_rank_statistic(std::string_view name);

struct OptimizeProgress {
  std::uint64_t runs_done = 0;
  std::uint64_t runs_total = 0;
  double elapsed_seconds = 0.0;
};

struct OptimizeConfig {
  // What every run shares: profile, window, symbols, warm-up. `base.candles` must hold the loaded
  // data (load_candles); files, the store and progress of `base` are not used.
  BacktestConfig base;
  std::vector<ParamSpec> params;
  std::optional<std::uint64_t> random_samples;  // random search of N points; unset: the whole grid
  std::uint64_t seed = 0;
  unsigned jobs = 0;  // threads; 0: one per hardware thread
  std::string rank_by = "total_return";
  // Called after each run, from the worker that finished it, one call at a time.
  std::function<void(const OptimizeProgress&)> progress;
};

struct OptimizeRun {
  std::uint64_t grid_index = 0;                               // position in the grid: the tie-break order
  std::vector<std::string> values;                            // per parameter (OptimizeConfig::params order), JSON text
  std::optional<backtesting::report::Statistics> statistics;  // unset when the run failed
  std::string error;                                          // why it failed
  std::optional<double> rank_value;
  std::size_t rank = 0;  // 1 = best
  std::uint64_t candles = 0;
  std::uint64_t orders_created = 0;
  std::uint64_t tentacle_errors = 0;
  double seconds = 0.0;
};

struct OptimizeResult {
  std::vector<OptimizeRun> runs;  // best first
  std::uint64_t grid_size = 0;
  const RankStatistic* rank_by = nullptr;
  unsigned jobs = 0;
  double seconds = 0.0;
  std::vector<std::string> warnings;  // the runs' data notes (e.g. the reference market), once
};

// Checks each parameter against the host: its class is loaded and active in the profile, its key
// exists in the class's configuration and every value has the configured type. Throws ParamError
// listing what exists (the active classes, the configuration keys).
void check_params(tentacles::TentacleHost& host, const commons::Profile& profile, const std::vector<ParamSpec>& params);

// Runs the search. Throws ParamError for a bad parameter space, std::runtime_error when every run
// failed (with the first failure) or nothing is loaded.
[[nodiscard]] OptimizeResult optimize(tentacles::TentacleHost& host, const OptimizeConfig& config);

// optimize.json: every run with its parameters, statistics and rank (format octobot-optimize/1). No
// time or thread count goes into it: the same search gives the same file with any --jobs.
[[nodiscard]] std::string render_optimize_json(const OptimizeConfig& config, const OptimizeResult& result);
// optimize.html: one self-contained page, the same table, sortable by any column (inline script).
[[nodiscard]] std::string render_optimize_html(const OptimizeConfig& config, const OptimizeResult& result);
// The best `top` runs as aligned text lines.
[[nodiscard]] std::string render_optimize_table(const OptimizeConfig& config, const OptimizeResult& result,
                                                std::size_t top);

}  // namespace octobot::bot
