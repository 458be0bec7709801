// The signal side of a bot, per candle: evaluator -> matrix -> strategy -> trading-mode producer.
//
//   bench_evaluation_pipeline [--candles N]   (default 20,000 one-hour candles)
//
// Pipeline: RSIMomentumEvaluator, SimpleStrategyEvaluator and DailyTradingMode, loaded from the
// build's tentacles tree as shared libraries by the real TentacleHost. Each candle is stored in the
// candle buffer and sent on the synchronized OHLCV channel; the EvaluationPipeline runs the RSI
// evaluator over its 3000-candle buffer (ABI call), writes the matrix, sends the round marker, calls
// the strategy (ABI call, reads the matrix through "matrix/1"), publishes its note on the Matrix
// channel; a consumer hands that note to DailyTradingMode's producer (ABI call, with the 1.2
// description), whose decisions go to a counting sink. No consumer half and no exchange: what is
// measured is the evaluation round trip, not order handling (bench_backtest covers the whole bot).
//
// Reference, in the same binary: the same RSI(14) evaluation (the evaluator's trend-change and level
// arithmetic with ta_support's helpers), the strategy's average of its one fresh note and
// DailyTradingMode's state tracking (its daily_state.cpp compiled in), in a plain loop over the same
// closes, with no host, ABI, channel or matrix.
//
// Candles: 1,000 real hours of Bitstamp BTC/USD replayed forward and backward alternately.
// Figures (best of kRepeats): evaluation_pipeline.round_trip and evaluation_pipeline.reference in
// ns/candle, evaluation_pipeline.round_trip_rate in candles/s, evaluation_pipeline.overhead (ratio).
#include <octobot/channel/registry.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/evaluators/evaluation_pipeline.hpp>
#include <octobot/sdk/indicators/rsi.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/candle_store.hpp>

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <octobot_ta/trend_analysis.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "bench_report.hpp"
#include "daily_state.hpp"

namespace {

using namespace octobot;
namespace fs = std::filesystem;

constexpr std::int64_t kHour = 3'600'000;
constexpr int kRepeats = 3;

std::vector<double> read_closes(std::size_t count) {
  std::ifstream in(OCTOBOT_INDICATOR_CANDLES);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", OCTOBOT_INDICATOR_CANDLES);
    std::exit(1);
  }
  std::vector<double> hours;
  std::string line;
  std::getline(in, line);  // time,open,high,low,close,volume
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string cell;
    for (int i = 0; i < 5; ++i) std::getline(fields, cell, ',');
    hours.push_back(std::stod(cell));
  }
  std::vector<double> closes;
  for (std::size_t i = 0; closes.size() < count; ++i) {
    const std::size_t lap = i / hours.size();
    const std::size_t offset = i % hours.size();
    closes.push_back(hours[lap % 2 == 0 ? offset : hours.size() - 1 - offset]);
  }
  return closes;
}

// A profile activating the three classes, the strategy on 1h only.
fs::path write_profile() {
  const fs::path folder = fs::temp_directory_path() / ("octobot-bench-evaluation-" + std::to_string(::getpid()));
  fs::create_directories(folder / "specific_config");
  std::ofstream(folder / "tentacles_config.json")
      << R"({"tentacle_activation": {"Evaluator": {"RSIMomentumEvaluator": true, "SimpleStrategyEvaluator": true},
            "Trading": {"DailyTradingMode": true}}})";
  std::ofstream(folder / "specific_config" / "SimpleStrategyEvaluator.json")
      << R"({"required_evaluators": ["*"], "required_time_frames": ["1h"]})";
  return folder;
}

// "orders/1" and "portfolio/1" for a producer that never reaches an exchange: no open orders.
struct NoExchange {
  static std::uint64_t open_orders(void*, const ob_account*, const char*, ob_order_view*, std::uint64_t) { return 0; }
  static ob_status unsupported(ob_error* error) {
    if (error != nullptr) std::snprintf(error->message, sizeof(error->message), "no exchange in this benchmark");
    return OB_ERROR_UNSUPPORTED;
  }
  static ob_status create(void*, const ob_account*, const ob_order_request*, ob_order_view*, ob_error* e) {
    return unsupported(e);
  }
  static ob_status group(void*, const ob_account*, uint32_t, const ob_order_request*, uint64_t, ob_order_view*,
                         ob_error* e) {
    return unsupported(e);
  }
  static ob_status chain(void*, const ob_account*, const char*, uint32_t, const ob_order_request*, uint64_t,
                         ob_error* e) {
    return unsupported(e);
  }
  static ob_status cancel(void*, const ob_account*, const char*, ob_error*) { return OB_ERROR_NOT_FOUND; }
  static ob_status market(void*, const ob_account*, const char*, ob_market_info*, ob_error* e) {
    return unsupported(e);
  }
  static ob_status price(void*, const ob_account*, const char*, ob_decimal*, ob_error* e) { return unsupported(e); }

  // The 1.4 binary reads are left out (null): the SDK falls back to the text functions above, and the
  // mode never trades here anyway.
  ob_orders_service_v1 orders{OB_HEADER_INIT(ob_orders_service_v1),
                              this,
                              &create,
                              &group,
                              &chain,
                              &cancel,
                              &open_orders,
                              &market,
                              &price,
                              nullptr,
                              nullptr,
                              nullptr};
};

struct Counts {
  std::uint64_t notes = 0;
  std::uint64_t decisions = 0;
};

ob_status count_decision(void* context, const ob_trading_decision*, ob_error*) {
  ++static_cast<Counts*>(context)->decisions;
  return OB_OK;
}

// One pass of the pipeline over `closes`; returns ns per candle.
double pipeline_pass(tentacles::TentacleHost& host, const std::vector<double>& closes, Counts& counts) {
  std::int64_t now = 0;
  tentacles::HostServices services([&now] { return now; });
  NoExchange exchange;
  services.register_service(OB_SERVICE_ORDERS_V1, &exchange.orders);
  channel::SyncDriver driver;
  channel::ChannelRegistry registry;
  const auto mode = channel::DeliveryMode::synchronized(driver);
  evaluators::EvaluationChannels channels;
  channels.ohlcv = registry.create<channel::OhlcvChannel>("binance", mode);
  channels.evaluators = registry.create<channel::EvaluatorsChannel>("bench", mode);
  channels.matrix = registry.create<channel::MatrixChannel>("bench", mode);
  trading::CandleStore store;
  evaluators::EvaluationSetup setup{
      "binance", {"BTC/USDT"}, {commons::TimeFrame::one_hour}, {"RSIMomentumEvaluator", "SimpleStrategyEvaluator"}, 0};
  evaluators::EvaluationPipeline pipeline(host, services, store, channels, setup, [&now] { return now; });

  int account_tag = 0;
  const auto producer = host.create("DailyTradingMode", {"binance", "BTC/USDT", "1h", services.host(),
                                                         reinterpret_cast<const ob_account*>(&account_tag)});
  const ob_decision_sink sink{OB_HEADER_INIT(ob_decision_sink), &counts, &count_decision};
  const auto subscription = channels.matrix->subscribe(
      [&](const channel::MatrixMessage& message) {
        if (message.state != channel::EvaluationState::ready) return;
        ++counts.notes;
        const ob_strategy_signal signal{OB_HEADER_INIT(ob_strategy_signal),
                                        "binance",
                                        message.evaluator_name.c_str(),
                                        message.cryptocurrency.c_str(),
                                        message.symbol.c_str(),
                                        message.eval_note,
                                        message.eval_time_ms,
                                        message.description.c_str()};
        producer->on_strategy_signal(signal, sink);
      },
      channel::ConsumerOptions()
          .with_name("bench: trading-mode producer")
          .with_priority(channel::Priority::medium)
          .with_filter({{"evaluator_type", std::string(channel::evaluator_type::kStrategy)}}));

  bench::Stopwatch watch;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    const std::int64_t open_time = static_cast<std::int64_t>(i) * kHour;
    now = open_time + kHour;
    const double close = closes[i];
    const double open = i == 0 ? close : closes[i - 1];
    const channel::Candle candle{open_time,
                                 commons::Decimal::from_double(open),
                                 commons::Decimal::from_double(std::max(open, close)),
                                 commons::Decimal::from_double(std::min(open, close)),
                                 commons::Decimal::from_double(close),
                                 commons::Decimal::from_double(1)};
    store.push("BTC/USDT", commons::TimeFrame::one_hour, candle);
    channels.ohlcv->send(channel::OhlcvMessage{"BTC", "BTC/USDT", "1h", candle});
    driver.drain();
  }
  const double seconds = watch.seconds();
  if (pipeline.stats().tentacle_errors != 0) {
    std::fprintf(stderr, "%llu tentacle errors\n", static_cast<unsigned long long>(pipeline.stats().tentacle_errors));
    std::exit(1);
  }
  return seconds * 1e9 / static_cast<double>(closes.size());
}

// The same evaluation by hand: RSIMomentumEvaluator's arithmetic (trend-change identifier on), the
// simple strategy's average of its one fresh note, and DailyTradingMode's state tracking (the
// tentacle's own daily_state.cpp). Returns ns per candle.
double reference_pass(const std::vector<double>& closes, Counts& counts) {
  static constexpr std::array<int, 5> kLong = {40, 30, 20, 15, 10};
  static constexpr std::array<int, 6> kShort = {7, 5, 4, 3, 2, 1};
  bench::Stopwatch watch;
  sdk::indicators::Rsi rsi(14);
  std::deque<double> recent;
  std::optional<double> accumulated;
  tentacles_bundled::daily::StateTracker tracker;
  for (const double close : closes) {
    const auto value = rsi.update(close);
    if (!value) continue;
    recent.push_back(*value);
    if (recent.size() > 40) recent.pop_front();
    const auto add = [&](double contribution) {
      accumulated = std::clamp(accumulated.value_or(0.0) + contribution, -1.0, 1.0);
    };
    const std::vector<double> values(recent.begin(), recent.end());
    const double long_trend = ta_support::trend_of_averages(values, kLong);
    const double short_trend = ta_support::trend_of_averages(values, kShort);
    if (short_trend > 0 && 0 > long_trend) {
      add(-short_trend);
    } else if (long_trend > 0 && 0 > short_trend) {
      add(short_trend);
    }
    add(*value > 50 ? *value / 200 : (*value - 100) / 200);
    ++counts.notes;
    const double average = *accumulated;  // the strategy: the mean of its one fresh note
    // DailyTradingMode's producer logic (its own source, compiled in): a decision on a state change.
    const auto change = tracker.on_note("SimpleStrategyEvaluator", average, 0.5);
    if (change && change->state != sdk::SignalState::neutral) ++counts.decisions;
  }
  return watch.seconds() * 1e9 / static_cast<double>(closes.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t candles = 20'000;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--candles" && i + 1 < argc) {
      candles = std::stoul(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--candles N]\n", argv[0]);
      return 2;
    }
  }
  commons::set_log_level(commons::LogLevel::warning);  // the mode logs each state change at info
  const std::vector<double> closes = read_closes(candles);
  const fs::path profile = write_profile();
  tentacles::HostOptions options;
  options.tentacles_root = OCTOBOT_BUNDLED_TENTACLES;
  options.probe = false;  // the project's own tree
  options.profile_folder = profile;
  options.active_classes = {"RSIMomentumEvaluator", "SimpleStrategyEvaluator", "DailyTradingMode"};
  tentacles::TentacleHost host(options);
  host.load();
  for (const auto& name : options.active_classes) {
    if (host.find_class(name) == nullptr) {
      std::fprintf(stderr, "%s is not loaded from %s: build its tentacle first\n", name.c_str(),
                   OCTOBOT_BUNDLED_TENTACLES);
      return 1;
    }
  }

  double best_pipeline = std::numeric_limits<double>::max();
  double best_reference = std::numeric_limits<double>::max();
  Counts pipeline_counts;
  Counts reference_counts;
  for (int repeat = 0; repeat < kRepeats; ++repeat) {
    pipeline_counts = {};
    reference_counts = {};
    best_pipeline = std::min(best_pipeline, pipeline_pass(host, closes, pipeline_counts));
    best_reference = std::min(best_reference, reference_pass(closes, reference_counts));
  }
  fs::remove_all(profile);
  bench::report("evaluation_pipeline.round_trip", "ns/candle", best_pipeline);
  bench::report("evaluation_pipeline.round_trip_rate", "candles/s", 1e9 / best_pipeline);
  bench::report("evaluation_pipeline.reference", "ns/candle", best_reference);
  bench::report("evaluation_pipeline.overhead", "x", best_pipeline / best_reference);
  // The two paths must have done the same work: as many strategy notes (one per evaluated candle)
  // and as many producer decisions.
  bench::report("evaluation_pipeline.strategy_notes", "notes", static_cast<double>(pipeline_counts.notes));
  bench::report("evaluation_pipeline.reference_notes", "notes", static_cast<double>(reference_counts.notes));
  bench::report("evaluation_pipeline.producer_decisions", "decisions", static_cast<double>(pipeline_counts.decisions));
  bench::report("evaluation_pipeline.reference_decisions", "decisions",
                static_cast<double>(reference_counts.decisions));
  return 0;
}
