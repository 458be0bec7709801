#include <octobot/backtesting/report/backtest_report.hpp>
#include <octobot/bot/optimizer.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

namespace octobot::bot {
namespace {

namespace report = backtesting::report;

std::optional<double> figure(const report::Figure& value) { return value.value; }

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text.empty() ? "(none)" : text;
}

}  // namespace

const std::vector<RankStatistic>& rank_statistics() {
  using S = report::Statistics;
  constexpr auto higher = RankOrder::higher_is_better;
  constexpr auto lower = RankOrder::lower_is_better;
  static const std::vector<RankStatistic> statistics = {
      {"total_return", "return %", higher, true, [](const S& s) { return figure(s.total_return); }},
      {"net_profit", "net profit", higher, false,
       [](const S& s) { return std::optional<double>(s.net_profit.to_double()); }},
      {"cagr", "CAGR %", higher, true, [](const S& s) { return figure(s.cagr); }},
      {"sharpe", "Sharpe", higher, false, [](const S& s) { return figure(s.sharpe); }},
      {"sortino", "Sortino", higher, false, [](const S& s) { return figure(s.sortino); }},
      {"calmar", "Calmar", higher, false, [](const S& s) { return figure(s.calmar); }},
      {"max_drawdown", "max DD %", lower, true,
       [](const S& s) { return std::optional<double>(s.max_drawdown.fraction); }},
      {"volatility", "volatility %", lower, true, [](const S& s) { return figure(s.volatility); }},
      {"win_rate", "win rate %", higher, true, [](const S& s) { return figure(s.win_rate); }},
      {"profit_factor", "profit factor", higher, false, [](const S& s) { return figure(s.profit_factor); }},
      {"sqn", "SQN", higher, false, [](const S& s) { return figure(s.sqn); }},
      {"expectancy_pct", "expectancy %", higher, false, [](const S& s) { return figure(s.expectancy_pct); }},
  };
  return statistics;
}

const RankStatistic& find_rank_statistic(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& statistic : rank_statistics()) {
    if (statistic.name == name) return statistic;
    names.push_back(statistic.name);
  }
  throw ParamError("--rank-by: expected one of " + joined(names) + ", found '" + std::string(name) + "'");
}

void check_params(tentacles::TentacleHost& host, const commons::Profile& profile,
                  const std::vector<ParamSpec>& params) {
  if (params.empty()) throw ParamError("expected at least one --param Class.key=VALUES, found none");
  std::vector<std::string> active;
  for (const auto& name : profile.active_classes()) {
    if (host.find_class(name) != nullptr) active.push_back(name);
  }
  std::set<std::string> seen;
  for (const auto& spec : params) {
    if (!seen.insert(spec.name()).second) {
      throw ParamError("--param " + spec.text + ": expected each Class.key once, found " + spec.name() + " twice");
    }
    if (host.find_class(spec.class_name) == nullptr) {
      throw ParamError("--param " + spec.text + ": expected a loaded tentacle class of profile '" + profile.name +
                       "' (" + joined(active) + "), found '" + spec.class_name + "'");
    }
    if (std::find(active.begin(), active.end(), spec.class_name) == active.end()) {
      throw ParamError("--param " + spec.text + ": " + spec.class_name + " is loaded but not active in profile '" +
                       profile.name + "', so its configuration changes nothing (active: " + joined(active) + ")");
    }
    // Every value through the host's own resolution: unknown key, wrong type or a schema violation
    // is reported now, not as the same failure in every run.
    for (const auto& value : spec.values) {
      try {
        (void)host.resolve_config(spec.class_name, {{spec.key, value}});
      } catch (const std::exception& e) {
        throw ParamError("--param " + spec.text + ": " + e.what());
      }
    }
  }
}

OptimizeResult optimize(tentacles::TentacleHost& host, const OptimizeConfig& config) {
  const auto started = std::chrono::steady_clock::now();
  if (!config.base.candles) throw std::invalid_argument("optimize: expected loaded candles in base.candles");
  OptimizeResult result;
  result.rank_by = &find_rank_statistic(config.rank_by);
  check_params(host, config.base.profile, config.params);
  result.grid_size = grid_size(config.params);

  std::vector<std::uint64_t> indexes;
  if (config.random_samples) {
    if (*config.random_samples == 0) throw ParamError("--random: expected at least 1 run, found 0");
    indexes = random_grid_indexes(result.grid_size, *config.random_samples, config.seed);
  } else {
    for (std::uint64_t index = 0; index < result.grid_size; ++index) indexes.push_back(index);
  }

  std::vector<OptimizeRun> runs(indexes.size());
  std::vector<std::vector<std::string>> warnings(indexes.size());
  for (std::size_t i = 0; i < indexes.size(); ++i) {
    runs[i].grid_index = indexes[i];
    const ParamPoint point = grid_point(config.params, indexes[i]);
    for (std::size_t p = 0; p < config.params.size(); ++p) runs[i].values.push_back(config.params[p].values[point[p]]);
  }

  const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
  result.jobs = static_cast<unsigned>(
      std::min<std::size_t>(config.jobs == 0 ? hardware : config.jobs, std::max<std::size_t>(1, runs.size())));

  std::atomic<std::size_t> next{0};
  std::mutex progress_mutex;
  std::uint64_t done = 0;
  const auto worker = [&] {
    for (std::size_t i = next++; i < runs.size(); i = next++) {
      OptimizeRun& run = runs[i];
      BacktestConfig backtest = config.base;
      backtest.progress = nullptr;
      backtest.store_file.clear();
      backtest.keep_chart_candles = false;  // the statistics need no chart
      for (std::size_t p = 0; p < config.params.size(); ++p) {
        backtest.config_overrides[config.params[p].class_name][config.params[p].key] = run.values[p];
      }
      try {
        BacktestResult backtest_result = run_backtest(host, backtest);
        run.candles = backtest_result.candles;
        run.orders_created = backtest_result.orders_created;
        run.tentacle_errors = backtest_result.tentacle_errors;
        run.seconds = backtest_result.seconds;
        warnings[i] = std::move(backtest_result.warnings);
        run.statistics = report::make_report(std::move(backtest_result.run)).statistics;
        run.rank_value = result.rank_by->value(*run.statistics);
      } catch (const std::exception& e) {
        run.error = e.what();
      }
      if (config.progress) {
        const std::lock_guard lock(progress_mutex);
        ++done;
        config.progress({done, static_cast<std::uint64_t>(runs.size()),
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()});
      }
    }
  };
  std::vector<std::jthread> threads;
  for (unsigned t = 1; t < result.jobs; ++t) threads.emplace_back(worker);
  worker();
  threads.clear();  // joins

  const auto failed = std::find_if(runs.begin(), runs.end(), [](const OptimizeRun& run) { return !run.statistics; });
  if (std::all_of(runs.begin(), runs.end(), [](const OptimizeRun& run) { return !run.statistics; })) {
    throw std::runtime_error("every run failed; the first: " + (failed != runs.end() ? failed->error : "(no run)"));
  }
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].statistics) {
      result.warnings = warnings[i];
      break;
    }
  }

  // Best first; undefined values then failed runs last; ties in grid order, so the ranking is the
  // same whatever order the threads finished in.
  const bool lower_better = result.rank_by->order == RankOrder::lower_is_better;
  std::sort(runs.begin(), runs.end(), [lower_better](const OptimizeRun& a, const OptimizeRun& b) {
    const int class_a = a.rank_value ? 0 : (a.statistics ? 1 : 2);
    const int class_b = b.rank_value ? 0 : (b.statistics ? 1 : 2);
    if (class_a != class_b) return class_a < class_b;
    if (class_a == 0 && *a.rank_value != *b.rank_value) {
      return lower_better ? *a.rank_value < *b.rank_value : *a.rank_value > *b.rank_value;
    }
    return a.grid_index < b.grid_index;
  });
  for (std::size_t i = 0; i < runs.size(); ++i) runs[i].rank = i + 1;
  result.runs = std::move(runs);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace octobot::bot
