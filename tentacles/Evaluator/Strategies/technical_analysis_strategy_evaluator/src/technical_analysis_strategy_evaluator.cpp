#include "technical_analysis_strategy_evaluator.hpp"

#include <cstdio>

namespace octobot::tentacles_bundled {

void TechnicalAnalysisStrategyEvaluator::configure(const sdk::Config& config) {
  if (!config.has("time_frames_to_weight")) throw sdk::ConfigError("time_frames_to_weight is missing");
  std::map<std::string, double> weights;
  for (std::uint64_t i = 0; i < config.array_size("time_frames_to_weight"); ++i) {
    const std::string item = "time_frames_to_weight[" + std::to_string(i) + "]";
    const std::string time_frame = config.string(item + ".time_frame");
    const double weight = config.number(item + ".weight", default_weight);
    if (weight < 0) throw sdk::ConfigError(item + ".weight: expected >= 0, found " + std::to_string(weight));
    weights[time_frame] = weight;  // as in OctoBot, a repeated time frame keeps its last weight
  }
  if (weights.empty()) throw sdk::ConfigError("time_frames_to_weight: expected at least one time frame, found []");
  std::set<std::string> evaluators;
  if (config.has("required_evaluators")) {
    for (std::uint64_t i = 0; i < config.array_size("required_evaluators"); ++i) {
      evaluators.insert(config.string("required_evaluators[" + std::to_string(i) + "]"));
    }
  }
  if (evaluators.contains("*")) evaluators.clear();
  weight_by_time_frame_ = std::move(weights);
  evaluators_ = std::move(evaluators);
  nodes_found_ = false;  // the filter changed: look again
}

void TechnicalAnalysisStrategyEvaluator::find_nodes() {
  sources_.clear();
  sdk::MatrixPath pattern;
  pattern.exchange = context().exchange;
  pattern.evaluator_type = OB_EVALUATOR_TYPE_TA;
  pattern.symbol = context().symbol;
  for (const ob_matrix_node* node : matrix().find(pattern)) {
    const sdk::MatrixValue value = matrix().read(node);
    if (!evaluators_.empty() && !evaluators_.contains(std::string(value.evaluator_name))) continue;
    const auto weight = weight_by_time_frame_.find(std::string(value.time_frame));
    if (weight == weight_by_time_frame_.end()) continue;  // not an analysed time frame
    sources_.push_back({node, weight->second});
  }
  nodes_found_ = true;
}

sdk::Evaluation TechnicalAnalysisStrategyEvaluator::on_matrix_update(const sdk::MatrixUpdate& update) {
  // Only TA rounds of an analysed time frame change the weighted average. OctoBot answers a
  // real-time note by re-running TA on the open candle; here TA only runs on closed candles, so a
  // real-time note has nothing to trigger and is not averaged (OctoBot does not average it either).
  if (!update.completes_ta_round() || !weight_by_time_frame_.contains(std::string(update.time_frame))) {
    return sdk::Evaluation::pending();
  }
  if (!nodes_found_) find_nodes();
  double weighted_sum = 0.0;
  double total_weight = 0.0;
  int count = 0;
  for (const Source& source : sources_) {
    const sdk::MatrixValue value = matrix().read(source.node);
    if (!value.fresh) continue;  // a stale note never pulls the average
    weighted_sum += value.note * source.weight;
    total_weight += source.weight;
    ++count;
  }
  // Nothing fresh, or only zero-weight time frames: no signal rather than a made-up 0.
  if (total_weight <= 0.0) return sdk::Evaluation::pending("no fresh weighted evaluation");
  char description[80];
  std::snprintf(description, sizeof(description), "weighted average of %d fresh notes", count);
  return sdk::Evaluation::of(weighted_sum / total_weight, description);
}

}  // namespace octobot::tentacles_bundled
