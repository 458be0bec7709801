#include <octobot/commons/logging.hpp>
#include <octobot/evaluators/candles_view.hpp>
#include <octobot/evaluators/evaluation_pipeline.hpp>
#include <octobot/evaluators/market_base.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/candle_store.hpp>

#include <algorithm>
#include <stdexcept>

namespace octobot::evaluators {

struct EvaluationPipeline::Evaluator {
  std::unique_ptr<tentacles::TentacleInstance> instance;
  std::string symbol;
  std::string time_frame;  // "" for real-time evaluators
  MatrixNode* node;
};

struct EvaluationPipeline::StrategySlot {
  std::unique_ptr<tentacles::TentacleInstance> instance;
  std::string symbol;
  std::string cryptocurrency;
  MatrixNode* node;
};

namespace {

using tentacles::TentacleInstance;

std::string_view type_of(std::uint32_t kind) {
  switch (kind) {
    case OB_KIND_TA_EVALUATOR:
      return channel::evaluator_type::kTechnicalAnalysis;
    case OB_KIND_REALTIME_EVALUATOR:
      return channel::evaluator_type::kRealTime;
    default:
      return channel::evaluator_type::kStrategy;
  }
}

void report_failure(EvaluationStats& stats, std::string_view class_name, const std::exception& error) {
  ++stats.tentacle_errors;
  commons::log(commons::LogLevel::error, class_name, error.what());
}

}  // namespace

EvaluationPipeline::EvaluationPipeline(tentacles::TentacleHost& host, tentacles::HostServices& services,
                                       const trading::CandleStore& candles, EvaluationChannels channels,
                                       EvaluationSetup setup, Clock clock)
    : candles_(candles),
      channels_(std::move(channels)),
      setup_(std::move(setup)),
      clock_(std::move(clock)),
      matrix_(setup_.allowed_lag_ms),
      matrix_service_(matrix_, clock_) {
  if (!channels_.ohlcv || !channels_.evaluators || !channels_.matrix) {
    throw std::invalid_argument("evaluation pipeline: the OHLCV, Evaluators and Matrix channels are required");
  }
  std::sort(setup_.time_frames.begin(), setup_.time_frames.end());
  setup_.time_frames.erase(std::unique(setup_.time_frames.begin(), setup_.time_frames.end()), setup_.time_frames.end());
  services.register_service(OB_SERVICE_MATRIX_V1, matrix_service_.table());
  create_instances(host, services.host());
}

EvaluationPipeline::~EvaluationPipeline() {
  subscriptions_.clear();  // no callback may run into a half-destroyed pipeline
}

void EvaluationPipeline::create_instances(tentacles::TentacleHost& host, const ob_host* run_host) {
  std::vector<std::string> ta, realtime, strategies;
  for (const auto& name : setup_.classes) {
    const ob_class_descriptor* descriptor = host.find_class(name);
    if (descriptor == nullptr) continue;  // not loaded: the load report already says why
    if (descriptor->kind == OB_KIND_TA_EVALUATOR) ta.push_back(name);
    if (descriptor->kind == OB_KIND_REALTIME_EVALUATOR) realtime.push_back(name);
    if (descriptor->kind == OB_KIND_STRATEGY) strategies.push_back(name);
  }
  const auto node_for = [&](const std::string& name, std::uint32_t kind, const std::string& symbol,
                            const std::string& time_frame) -> MatrixNode& {
    return matrix_.resolve({setup_.exchange, std::string(type_of(kind)), name, base_of(symbol), symbol, time_frame});
  };

  for (const auto& symbol : setup_.symbols) {
    for (const auto time_frame : setup_.time_frames) {
      const std::string tf(commons::to_string(time_frame));
      auto group = std::make_unique<std::vector<Evaluator*>>();
      for (const auto& name : ta) {
        auto instance = host.create(name, {setup_.exchange, symbol, tf, run_host, nullptr});
        auto& evaluator = evaluators_.emplace_back(std::make_unique<Evaluator>(
            Evaluator{std::move(instance), symbol, tf, &node_for(name, OB_KIND_TA_EVALUATOR, symbol, tf)}));
        group->push_back(evaluator.get());
      }
      // A group subscribes even without evaluators: the round marker still reaches strategies, which
      // may read real-time or social notes.
      auto* evaluators = group.get();
      groups_.push_back(std::move(group));
      subscriptions_.push_back(channels_.ohlcv->subscribe(
          [this, evaluators](const channel::OhlcvMessage& message) { on_closed_candle(message, *evaluators); },
          channel::ConsumerOptions()
              .with_name("TA " + symbol + " " + tf)
              .with_priority(channel::Priority::high)
              .with_filter({{"symbol", symbol}, {"time_frame", tf}})));
    }
    if (!realtime.empty() && !setup_.time_frames.empty()) {
      const std::string tf(commons::to_string(setup_.time_frames.front()));
      auto group = std::make_unique<std::vector<Evaluator*>>();
      for (const auto& name : realtime) {
        auto instance = host.create(name, {setup_.exchange, symbol, "", run_host, nullptr});
        auto& evaluator = evaluators_.emplace_back(std::make_unique<Evaluator>(
            Evaluator{std::move(instance), symbol, "", &node_for(name, OB_KIND_REALTIME_EVALUATOR, symbol, "")}));
        group->push_back(evaluator.get());
      }
      auto* evaluators = group.get();
      groups_.push_back(std::move(group));
      subscriptions_.push_back(channels_.ohlcv->subscribe(
          [this, evaluators](const channel::OhlcvMessage& message) { on_price(message, *evaluators); },
          channel::ConsumerOptions()
              .with_name("REAL_TIME " + symbol)
              .with_priority(channel::Priority::high)
              .with_filter({{"symbol", symbol}, {"time_frame", tf}})));
    }
    for (const auto& name : strategies) {
      auto instance = host.create(name, {setup_.exchange, symbol, "", run_host, nullptr});
      auto& slot = strategies_.emplace_back(std::make_unique<StrategySlot>(
          StrategySlot{std::move(instance), symbol, base_of(symbol), &node_for(name, OB_KIND_STRATEGY, symbol, "")}));
      StrategySlot* raw = slot.get();
      subscriptions_.push_back(channels_.evaluators->subscribe(
          [this, raw](const channel::EvaluatorsMessage& message) { on_round(message, *raw); },
          channel::ConsumerOptions()
              .with_name(name + " " + symbol)
              .with_priority(channel::Priority::medium)
              .with_filter({{"symbol", symbol}})));
    }
  }
}

void EvaluationPipeline::on_closed_candle(const channel::OhlcvMessage& message, std::vector<Evaluator*>& evaluators) {
  const auto time_frame = commons::parse_time_frame(message.time_frame);
  const trading::CandleBuffer* buffer = time_frame ? candles_.find(message.symbol, *time_frame) : nullptr;
  if (buffer == nullptr || buffer->empty()) return;  // the store is fed before the message is sent
  const ob_candles view =
      candles_view(*buffer, setup_.exchange.c_str(), message.symbol.c_str(), message.time_frame.c_str());
  // The evaluation happens when the candle closes: that is the note's time for freshness.
  const std::int64_t eval_time = message.candle.open_time_ms + commons::duration_ms(*time_frame);
  for (Evaluator* evaluator : evaluators) {
    ++stats_.evaluations;
    try {
      const tentacles::EvaluationResult result = evaluator->instance->evaluate(view);
      if (result.ready) {
        Matrix::set(*evaluator->node, result.note, eval_time, result.description);
      } else {
        Matrix::set_pending(*evaluator->node, eval_time);
      }
      publish_note(*evaluator->node);
    } catch (const std::exception& error) {
      report_failure(stats_, evaluator->instance->class_name(), error);
    }
  }
  channels_.evaluators->send(channel::EvaluatorsMessage{"", std::string(channel::evaluator_type::kTechnicalAnalysis),
                                                        setup_.exchange, base_of(message.symbol), message.symbol,
                                                        message.time_frame, ""});
}

void EvaluationPipeline::on_price(const channel::OhlcvMessage& message, std::vector<Evaluator*>& evaluators) {
  const std::int64_t now = clock_();
  const ob_price_update update{OB_HEADER_INIT(ob_price_update),  setup_.exchange.c_str(),
                               message.symbol.c_str(),           now,
                               message.candle.close.to_double(), message.candle.volume.to_double()};
  for (Evaluator* evaluator : evaluators) {
    ++stats_.evaluations;
    try {
      const tentacles::EvaluationResult result = evaluator->instance->on_price(update);
      if (!result.ready) continue;
      Matrix::set(*evaluator->node, result.note, now, result.description);
      publish_note(*evaluator->node);
      channels_.evaluators->send(
          channel::EvaluatorsMessage{evaluator->instance->class_name(), std::string(channel::evaluator_type::kRealTime),
                                     setup_.exchange, base_of(message.symbol), message.symbol, "", ""});
    } catch (const std::exception& error) {
      report_failure(stats_, evaluator->instance->class_name(), error);
    }
  }
}

void EvaluationPipeline::on_round(const channel::EvaluatorsMessage& message, StrategySlot& slot) {
  if (message.evaluator_type == channel::evaluator_type::kStrategy) return;
  const std::int64_t now = clock_();
  const ob_matrix_update update{
      OB_HEADER_INIT(ob_matrix_update), setup_.exchange.c_str(),
      message.evaluator_type.c_str(),   message.evaluator_name.empty() ? nullptr : message.evaluator_name.c_str(),
      message.cryptocurrency.c_str(),   message.symbol.c_str(),
      message.time_frame.c_str(),       now};
  ++stats_.strategy_calls;
  try {
    const tentacles::EvaluationResult result = slot.instance->on_matrix_update(update);
    if (!result.ready) return;
    ++stats_.strategy_notes;
    Matrix::set(*slot.node, result.note, now, result.description);
    publish_note(*slot.node);
  } catch (const std::exception& error) {
    report_failure(stats_, slot.instance->class_name(), error);
  }
}

void EvaluationPipeline::publish_note(const MatrixNode& node) {
  if (channels_.matrix->paused()) return;  // nobody listens: skip the copies
  // Nobody listens to this note (a backtest's trading side takes strategy notes only, not the TA
  // notes under them): skip the seven string copies too.
  const MatrixPath& path = node.path;
  if (!channels_.matrix->would_deliver(channel::MatrixChannel::filter_values(path.evaluator_name, path.evaluator_type,
                                                                             path.exchange, path.cryptocurrency,
                                                                             path.symbol, path.time_frame))) {
    return;
  }
  channels_.matrix->send(
      channel::MatrixMessage{node.path.evaluator_name, node.path.evaluator_type, node.path.exchange,
                             node.path.cryptocurrency, node.path.symbol, node.path.time_frame,
                             node.ready ? channel::EvaluationState::ready : channel::EvaluationState::pending,
                             node.note, node.eval_time_ms, node.description});
}

std::vector<std::string> EvaluationPipeline::instance_names() const {
  std::vector<std::string> names;
  for (const auto& evaluator : evaluators_) {
    names.push_back(std::string(evaluator->instance->class_name()) + " (" + evaluator->symbol +
                    (evaluator->time_frame.empty() ? "" : ", " + evaluator->time_frame) + ")");
  }
  for (const auto& slot : strategies_) {
    names.push_back(std::string(slot->instance->class_name()) + " (" + slot->symbol + ")");
  }
  return names;
}

}  // namespace octobot::evaluators
