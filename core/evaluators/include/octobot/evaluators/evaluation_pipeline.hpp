// The signal side of a bot run: the evaluator factory and the flow
//   OHLCV channel -> TA evaluators -> Matrix (+ Matrix channel) -> round marker on the Evaluators
//   channel -> strategies -> Matrix under "STRATEGIES" (+ Matrix channel) -> trading modes.
//
// Factory: every TA evaluator class gets one instance per (symbol, time frame) of the run, each
// subscribed to the OHLCV channel filtered to its own symbol and time frame; real-time evaluators
// one per symbol (fed the closes of the run's smallest time frame in a backtest); strategies one per
// symbol. Instances are created through the tentacle host with the run's own ob_host, whose
// "matrix/1" service reads this pipeline's matrix.
//
// Why a round marker: when a candle closes, every TA evaluator of that (symbol, time frame) runs,
// then strategies are called once (not once per evaluator), seeing every fresh note together. The
// marker travels on the Evaluators channel (OctoBot's channel for evaluator coordination), so
// strategies stay channel consumers like everything else and a backtest's synchronized drain keeps
// the order deterministic.
//
// Errors: a tentacle that fails in a callback is logged with its class name and counted; its node
// keeps its previous note and the run goes on.
#pragma once

#include <octobot/channel/channel.hpp>
#include <octobot/channel/standard/evaluation.hpp>
#include <octobot/channel/standard/exchange_data.hpp>
#include <octobot/commons/time_frame.hpp>
#include <octobot/evaluators/matrix.hpp>
#include <octobot/evaluators/matrix_service.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace octobot::tentacles {
class TentacleHost;
class TentacleInstance;
class HostServices;
}  // namespace octobot::tentacles
namespace octobot::trading {
class CandleStore;
}

namespace octobot::evaluators {

struct EvaluationSetup {
  std::string exchange;
  std::vector<std::string> symbols;  // "BTC/USDT"
  std::vector<commons::TimeFrame> time_frames;
  // Active classes (TA and real-time evaluators, strategies; other kinds are ignored here).
  std::vector<std::string> classes;
  std::int64_t allowed_lag_ms = 0;  // freshness lag: 0 in backtests
};

struct EvaluationChannels {
  std::shared_ptr<channel::Channel<channel::OhlcvChannel>> ohlcv;
  std::shared_ptr<channel::Channel<channel::EvaluatorsChannel>> evaluators;
  std::shared_ptr<channel::Channel<channel::MatrixChannel>> matrix;
};

struct EvaluationStats {
  std::uint64_t evaluations = 0;  // TA and real-time callbacks
  std::uint64_t strategy_calls = 0;
  std::uint64_t strategy_notes = 0;  // ready notes strategies produced
  std::uint64_t tentacle_errors = 0;
};

class EvaluationPipeline {
 public:
  using Clock = std::function<std::int64_t()>;

  // Creates every instance and subscribes. `candles` is where closed candles are stored before the
  // OHLCV message is sent (the exchange manager's store); `services` is the run's host services:
  // "matrix/1" is registered on it. Every reference must outlive the pipeline. Throws
  // std::runtime_error naming the class when an instance cannot be created.
  EvaluationPipeline(tentacles::TentacleHost& host, tentacles::HostServices& services,
                     const trading::CandleStore& candles, EvaluationChannels channels, EvaluationSetup setup,
                     Clock clock);
  ~EvaluationPipeline();
  EvaluationPipeline(const EvaluationPipeline&) = delete;
  EvaluationPipeline& operator=(const EvaluationPipeline&) = delete;

  [[nodiscard]] const Matrix& matrix() const noexcept { return matrix_; }
  [[nodiscard]] const EvaluationStats& stats() const noexcept { return stats_; }
  // "Class (symbol, time frame)" of every instance created, in creation order (for reports).
  [[nodiscard]] std::vector<std::string> instance_names() const;

 private:
  struct Evaluator;
  struct StrategySlot;

  void create_instances(tentacles::TentacleHost& host, const ob_host* run_host);
  void on_closed_candle(const channel::OhlcvMessage& message, std::vector<Evaluator*>& evaluators);
  void on_price(const channel::OhlcvMessage& message, std::vector<Evaluator*>& evaluators);
  void on_round(const channel::EvaluatorsMessage& message, StrategySlot& slot);
  void publish_note(const MatrixNode& node);

  const trading::CandleStore& candles_;
  EvaluationChannels channels_;
  EvaluationSetup setup_;
  Clock clock_;
  Matrix matrix_;
  MatrixService matrix_service_;
  EvaluationStats stats_;
  std::vector<std::unique_ptr<Evaluator>> evaluators_;
  std::vector<std::unique_ptr<StrategySlot>> strategies_;
  // One consumer per (symbol, time frame) group: evaluators of a group run in creation order.
  std::vector<std::unique_ptr<std::vector<Evaluator*>>> groups_;
  std::vector<channel::Subscription> subscriptions_;
};

}  // namespace octobot::evaluators
