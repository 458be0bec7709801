#include "simple_strategy_evaluator.hpp"

#include <charconv>
#include <string>
#include <utility>

namespace octobot::tentacles_bundled {

void SimpleStrategyEvaluator::configure(const sdk::Config& config) {
  std::set<std::string, std::less<>> time_frames;
  for (std::uint64_t i = 0; i < config.array_size("required_time_frames"); ++i) {
    time_frames.insert(config.string("required_time_frames[" + std::to_string(i) + "]"));
  }
  if (time_frames.empty()) throw sdk::ConfigError("required_time_frames: expected at least one time frame, found []");
  std::set<std::string> evaluators;
  if (config.has("required_evaluators")) {
    for (std::uint64_t i = 0; i < config.array_size("required_evaluators"); ++i) {
      evaluators.insert(config.string("required_evaluators[" + std::to_string(i) + "]"));
    }
  }
  if (evaluators.contains("*")) evaluators.clear();
  time_frames_ = std::move(time_frames);
  evaluators_ = std::move(evaluators);
  nodes_found_ = false;  // the filter changed: look again
}

bool SimpleStrategyEvaluator::uses(const sdk::MatrixValue& value) const {
  if (!evaluators_.empty() && !evaluators_.contains(std::string(value.evaluator_name))) return false;
  if (value.evaluator_type == OB_EVALUATOR_TYPE_TA) return time_frames_.contains(value.time_frame);
  return value.evaluator_type == OB_EVALUATOR_TYPE_REAL_TIME || value.evaluator_type == OB_EVALUATOR_TYPE_SOCIAL;
}

void SimpleStrategyEvaluator::find_nodes() {
  nodes_.clear();
  sdk::MatrixPath pattern;
  pattern.exchange = context().exchange;
  pattern.symbol = context().symbol;
  for (const ob_matrix_node* node : matrix().find(pattern)) {
    if (uses(matrix().read(node))) nodes_.push_back(node);
  }
  nodes_found_ = true;
}

sdk::Evaluation SimpleStrategyEvaluator::on_matrix_update(const sdk::MatrixUpdate& update) {
  // A TA round of a time frame this strategy does not use changes nothing it averages.
  if (update.completes_ta_round() && !time_frames_.contains(update.time_frame)) {
    return sdk::Evaluation::pending();
  }
  if (!nodes_found_) find_nodes();
  double sum = 0.0;
  int count = 0;
  for (const ob_matrix_node* node : nodes_) {
    const sdk::MatrixValue value = matrix().read(node);
    if (!value.fresh) continue;
    sum += value.note;
    ++count;
  }
  if (count == 0) return sdk::Evaluation::pending("no fresh evaluation");
  // Built by hand, not with snprintf: this runs once per candle.
  char digits[16];
  const auto written = std::to_chars(digits, digits + sizeof(digits), count);
  std::string description = "average of ";
  description.append(digits, written.ptr).append(" fresh notes");
  return sdk::Evaluation::of(sum / count, std::move(description));
}

}  // namespace octobot::tentacles_bundled
