#include <octobot/backtesting/report/run_accumulator.hpp>
#include <octobot/bot/backtest.hpp>
#include <octobot/channel/registry.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/commons/decimal_from_double_memo.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/evaluators/candles_view.hpp>
#include <octobot/evaluators/evaluation_pipeline.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/exchange_manager.hpp>
#include <octobot/trading/trading_recorder.hpp>
#include <octobot/trading/trading_store.hpp>
#include <octobot/trading_modes/account.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>

#include "backtest_selection.hpp"
#include "bot_wiring.hpp"
#include "candle_input.hpp"

namespace octobot::bot {
namespace {

using commons::Decimal;
namespace report = backtesting::report;

constexpr const char* kMatrixId = "backtest";

// The file's doubles as exact decimals. Through a memo: most of a candle's values were seen a candle
// ago (its open is the last close), and the conversion was 5 % of a backtest's time.
channel::Candle exact(const commons::Candle& candle, commons::DecimalFromDoubleMemo& decimals) {
  return {candle.open_time_ms,  decimals(candle.open),  decimals(candle.high),
          decimals(candle.low), decimals(candle.close), decimals(candle.volume)};
}

// What the candle buffers hold: the file's own doubles, without converting the exact candle back,
// wherever that gives the same double. A value of at least 0.01 has at most 17 significant digits in
// its shortest text, all within Decimal's 18 fractional ones, so its exact value reads back as it;
// a smaller one may have lost digits (1.2345678901234567e-10 keeps 0.000000000123456789), and its
// column value is the exact value's double, as the exchange's own candles get.
double column_value(double value, Decimal exact_value) {
  if (value == 0) return 0.0;
  return std::abs(value) >= 0.01 ? value : exact_value.to_double();
}

trading::CandleValues column_values(const commons::Candle& values, const channel::Candle& candle) {
  return {column_value(values.open, candle.open), column_value(values.high, candle.high),
          column_value(values.low, candle.low), column_value(values.close, candle.close),
          column_value(values.volume, candle.volume)};
}

std::vector<trading::Market> markets_for(const BacktestSelection& selection,
                                         const std::vector<backtesting::data::SeriesInfo>& series,
                                         const commons::Profile& profile) {
  // The data file carries no trading rules: 8 decimals, no minimums, the profile's simulator fees
  // (OctoBot writes them in percent).
  const Decimal hundred = Decimal::from_integer(100);
  const Decimal maker =
      Decimal::from_string(profile.maker_fee_percent.empty() ? "0" : profile.maker_fee_percent) / hundred;
  const Decimal taker =
      Decimal::from_string(profile.taker_fee_percent.empty() ? "0" : profile.taker_fee_percent) / hundred;
  std::vector<trading::Market> markets;
  for (const auto& symbol : selection.symbols) {
    for (const auto& info : series) {
      if (info.exchange != selection.exchange || info.symbol != symbol) continue;
      markets.push_back({symbol, info.base, info.quote, 8, 8, Decimal(), Decimal(), maker, taker});
      break;
    }
  }
  return markets;
}

std::unique_ptr<detail::CandleInput> open_input(const BacktestConfig& config) {
  if (config.candles) return detail::memory_input(config.candles);
  std::vector<std::filesystem::path> files;
  if (!config.data_file.empty()) files.push_back(config.data_file);
  files.insert(files.end(), config.data_files.begin(), config.data_files.end());
  if (files.empty()) throw std::runtime_error("no data to replay: expected a data file or loaded candles");
  return detail::open_data_files(files);
}

}  // namespace

BacktestResult run_backtest(tentacles::TentacleHost& host, const BacktestConfig& config) {
  const auto started = std::chrono::steady_clock::now();
  const std::unique_ptr<detail::CandleInput> input = open_input(config);
  const BacktestSelection selection = select_backtest(input->series(), input->describe(), config);
  BacktestResult result;
  result.warnings = selection.warnings;
  // A class the profile activates but the host could not load (missing, broken, incompatible) would
  // otherwise only show as a run with fewer signals, or none.
  for (const auto& name : config.profile.active_classes()) {
    if (host.find_class(name) == nullptr) {
      result.warnings.push_back("the profile activates " + name +
                                " but it is not loaded, so this run goes without it (see `octobot tentacles`)");
    }
  }

  const std::vector<std::string> modes = detail::trading_mode_classes(host, config.profile);
  if (modes.empty()) {
    throw std::runtime_error("no trading mode of profile '" + config.profile.name +
                             "' is loaded: activate one in tentacles_config.json and check `octobot tentacles`");
  }

  // --- the bot, on synchronized channels -------------------------------------------------------
  channel::ChannelRegistry registry;
  channel::SyncDriver driver;
  const auto mode = channel::DeliveryMode::synchronized(driver);
  channel::create_exchange_channels(registry, selection.exchange, mode);
  channel::create_matrix_channels(registry, kMatrixId, mode);

  std::int64_t now = 0;
  const auto clock = [&now] { return now; };
  tentacles::HostServices services(clock);
  services.set_config_overrides(config.config_overrides);

  trading::ExchangeManager exchange({selection.exchange, config.candle_buffer_capacity, 1000}, registry,
                                    markets_for(selection, input->series(), config.profile));
  detail::deposit_starting_portfolio(exchange, selection.starting_portfolio);
  const commons::TimeFrame smallest = selection.time_frames.front();
  const std::string smallest_name(commons::to_string(smallest));
  exchange.start_simulation(trading::SimulationConfig{{}, smallest});
  exchange.publish_balances();

  const auto pipeline = detail::make_pipeline(host, services, exchange, config.profile,
                                              {kMatrixId, selection.symbols, selection.time_frames}, clock);
  std::function<bool()> trading;  // set below, once the warm-up rule is known
  detail::TradingSide side(host, exchange,
                           {kMatrixId, modes, selection.symbols, smallest, selection.reference_market, &services, clock,
                            [&trading] { return trading(); }, [&result] { ++result.strategy_notes; }});
  trading_modes::TradingModeRunner& runner = side.runner();

  // Trading starts when every selected series has data (a daily series often starts years before the
  // hourly one): earlier candles only warm the evaluators up. --warmup adds steps on top.
  std::int64_t trading_from = config.start_ms.value_or(std::numeric_limits<std::int64_t>::min());
  for (const auto& info : input->series()) {
    if (std::find(selection.series_ids.begin(), selection.series_ids.end(), info.id) != selection.series_ids.end()) {
      trading_from = std::max(trading_from, info.first_open_time_ms);
    }
  }
  std::optional<trading::TradingStore> store;
  std::optional<trading::TradingRecorder> recorder;
  if (!config.store_file.empty()) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(config.store_file.string() + suffix, ignored);
    store.emplace(config.store_file.string());
    recorder.emplace(*store, exchange, selection.reference_market);
  }

  std::uint64_t steps = 0;          // every time step
  std::uint64_t trading_steps = 0;  // steps after trading_from
  trading = [&] { return now > trading_from && trading_steps >= config.warmup_steps; };
  std::vector<channel::Subscription> subscriptions;
  // A rejected order sends one update, the rejection; orders_created is the exchange's count.
  subscriptions.push_back(registry.get<channel::OrdersChannel>(selection.exchange)
                              ->subscribe(
                                  [&](const channel::OrderMessage& message) {
                                    if (message.status == channel::OrderStatus::rejected) ++result.orders_rejected;
                                  },
                                  channel::ConsumerOptions()
                                      .with_name("backtest: order count")
                                      .with_priority(channel::Priority::optional)));
  // The report, folded as the run goes (memory bounded whatever the run's length): every trade goes
  // into the round trips and statistics as it happens, only the latest are kept for the lists. The
  // exchange keeps only its latest trades and releases closed orders (an order is still known while
  // its trades are delivered).
  report::RunData& run = result.run;
  std::map<std::string, report::SymbolPrices> prices;
  report::RunAccumulator accumulator(
      selection.reference_market,
      {config.report_trades, config.report_equity_points, config.report_chart_candles, report::RunLimits{}.warnings});
  const auto start_report = [&] {
    // The starting lots need the run's start and first closes: known before the first trade.
    report::RunMetadata known;
    known.start_ms = run.metadata.start_ms;
    known.reference_market = selection.reference_market;
    for (const auto& [asset, amount] : selection.starting_portfolio) {
      known.starting_portfolio[asset] = Decimal::from_string(amount);
    }
    for (const auto& [symbol, symbol_prices] : prices) known.prices.push_back(symbol_prices);
    accumulator.start(known);
  };
  subscriptions.push_back(
      registry.get<channel::TradesChannel>(selection.exchange)
          ->subscribe(
              [&](const channel::TradeMessage& trade) {
                const trading::Order* order = exchange.gateway().order(trade.order_id);
                if (!accumulator.started()) start_report();
                accumulator.add_fill(
                    {trade.timestamp_ms, trade.symbol,
                     trade.side == channel::Side::buy ? report::TradeSide::buy : report::TradeSide::sell, trade.price,
                     trade.amount, trade.fee, trade.fee_currency, trade.order_id,
                     std::string(channel::to_string(order != nullptr ? order->type : channel::OrderType::unknown))});
              },
              channel::ConsumerOptions().with_name("backtest: report fills").with_priority(channel::Priority::medium)));

  // --- replay ------------------------------------------------------------------------------------
  const std::unique_ptr<detail::CandleCursor> stream =
      input->open(selection.series_ids, config.start_ms.value_or(std::numeric_limits<std::int64_t>::min()),
                  config.end_ms.value_or(std::numeric_limits<std::int64_t>::max()));

  std::optional<std::int64_t> last_equity_ms;
  std::int64_t last_snapshot_ms = std::numeric_limits<std::int64_t>::min() / 2;
  const auto record_equity = [&] {
    // Snapshots in the store are daily: one transaction each, and hourly ones would multiply a run's
    // time for little use (the equity curve in the report keeps the hourly points).
    if (recorder && now - last_snapshot_ms >= 86'400'000) {
      recorder->record_portfolio(now);
      last_snapshot_ms = now;
    }
    try {
      accumulator.add_equity({now, exchange.portfolio().value_in(selection.reference_market,
                                                                 exchange.prices_in(selection.reference_market))});
      last_equity_ms = now;
    } catch (const std::invalid_argument&) {
      // An asset without a price yet (its market has not traded): no point for this step.
    }
  };

  const std::int64_t equity_interval = config.equity_interval_ms > 0
                                           ? config.equity_interval_ms
                                           : std::max<std::int64_t>(commons::duration_ms(smallest), 3'600'000);
  backtesting::data::StreamedCandle streamed;
  commons::DecimalFromDoubleMemo decimals;
  bool have = stream->next(streamed);
  BacktestProgress progress{0, selection.candles_total, 0.0};
  while (have) {
    now = streamed.close_time_ms;
    // One time step: every candle closing now, then the channels drain.
    while (have && streamed.close_time_ms == now) {
      const auto& info = *streamed.series;
      const channel::Candle candle = exact(streamed.candle, decimals);
      exchange.push_candle(info.symbol, info.time_frame, candle, column_values(streamed.candle, candle));
      if (info.time_frame == smallest && trading()) {
        auto& symbol_prices = prices[info.symbol];
        if (symbol_prices.symbol.empty()) {
          symbol_prices = {info.symbol, candle.close, candle.close};
          if (!run.metadata.start_ms) run.metadata.start_ms = candle.open_time_ms;
        }
        symbol_prices.last_close = candle.close;
        if (config.keep_chart_candles) {
          accumulator.add_candle(
              info.symbol, smallest_name,
              {candle.open_time_ms, candle.open, candle.high, candle.low, candle.close, candle.volume});
        }
      }
      ++result.candles;
      if (config.progress && result.candles % config.progress_every == 0) {
        progress.candles_done = result.candles;
        progress.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        config.progress(progress);
      }
      have = stream->next(streamed);
    }
    driver.drain();
    ++steps;
    if (now > trading_from) ++trading_steps;
    if (!trading()) continue;
    if (!last_equity_ms || now - *last_equity_ms >= equity_interval) record_equity();
  }
  if (last_equity_ms && *last_equity_ms != now) record_equity();  // the final value
  if (result.candles == 0) {
    throw std::runtime_error(input->describe() + ": no candle of the selected symbols in the requested window");
  }

  // --- results -----------------------------------------------------------------------------------
  result.steps = steps;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.tentacle_errors = pipeline->stats().tentacle_errors + runner.report().errors;
  result.instances = pipeline->instance_names();
  for (const auto& instance : runner.instances()) {
    result.instances.push_back(instance.class_name + " (" + (instance.symbol.empty() ? "exchange" : instance.symbol) +
                               ")");
  }

  run.metadata.profile = config.profile.name;
  run.metadata.exchange = selection.exchange;
  run.metadata.symbols = selection.symbols;
  for (const auto time_frame : selection.time_frames)
    run.metadata.time_frames.emplace_back(commons::to_string(time_frame));
  run.metadata.end_ms = now;
  run.metadata.reference_market = selection.reference_market;
  for (const auto& [asset, amount] : selection.starting_portfolio) {
    run.metadata.starting_portfolio[asset] = Decimal::from_string(amount);
  }
  for (const auto& [asset, balance] : exchange.portfolio().balances()) {
    run.metadata.ending_portfolio[asset] = balance.total;
  }
  for (auto& [symbol, symbol_prices] : prices) run.metadata.prices.push_back(symbol_prices);
  if (!config.store_file.empty()) run.fills_store = config.store_file.filename().string();
  accumulator.finish(run);

  result.orders_created = exchange.simulated_exchange()->orders_created();
  if (config.progress) {
    progress.candles_done = result.candles;
    progress.elapsed_seconds = result.seconds;
    config.progress(progress);
  }
  return result;
}

}  // namespace octobot::bot
