#include "dip_analyser_strategy_evaluator.hpp"

#include <algorithm>
#include <cmath>

namespace octobot::tentacles_bundled {

void DipAnalyserStrategyEvaluator::configure(const sdk::Config& config) {
  // OctoBot's key is a list, of which only the first time frame is analysed.
  if (!config.has("required_time_frames") || config.array_size("required_time_frames") == 0) {
    throw sdk::ConfigError("required_time_frames: expected one time frame, found none");
  }
  time_frame_ = config.string("required_time_frames[0]");
  confirmation_ = nullptr;
  weight_ = nullptr;
}

const ob_matrix_node* DipAnalyserStrategyEvaluator::node_of(const char* evaluator) const {
  sdk::MatrixPath pattern;
  pattern.exchange = context().exchange;
  pattern.evaluator_type = OB_EVALUATOR_TYPE_TA;
  pattern.evaluator_name = evaluator;
  pattern.symbol = context().symbol;
  pattern.time_frame = time_frame_;
  const auto nodes = matrix().find(pattern);
  return nodes.empty() ? nullptr : nodes.front();
}

sdk::Evaluation DipAnalyserStrategyEvaluator::on_matrix_update(const sdk::MatrixUpdate& update) {
  if (!update.completes_ta_round() || update.time_frame != time_frame_) return sdk::Evaluation::pending();
  if (confirmation_ == nullptr || weight_ == nullptr) {
    confirmation_ = node_of(confirmation_class);
    weight_ = node_of(weight_class);
    if (confirmation_ == nullptr || weight_ == nullptr) {
      log(sdk::LogLevel::error, "missing required evaluator: activate " + std::string(confirmation_class) + " and " +
                                    weight_class + " on " + time_frame_);
      return sdk::Evaluation::pending("missing required evaluator");
    }
  }
  const sdk::MatrixValue confirmation = matrix().read(confirmation_);
  const sdk::MatrixValue weight = matrix().read(weight_);
  // Without a confirmed reversal (or with an outdated one) there is no dip to buy.
  if (!confirmation.fresh || confirmation.note == 0.0) return sdk::Evaluation::pending("no confirmed reversal");
  if (!weight.fresh) return sdk::Evaluation::pending("no fresh RSI weight");
  return sdk::Evaluation::of(weight.note, weights_description(weight));
}

std::string DipAnalyserStrategyEvaluator::weights_description(const sdk::MatrixValue& weight) {
  // OctoBot hands DipAnalyserTradingMode the RSI weight evaluator's {price_weight, volume_weight}.
  // A note is one number, so the weights travel in the description, as key=value tokens the mode
  // reads (sdk::description_value). They come from RSIWeightMomentumEvaluator's own description;
  // a weight evaluator that gives none (or a host older than ABI 1.2) leaves only its note,
  // -price_weight / 3, from which the price weight is recovered, and OctoBot's default volume weight.
  const auto price = sdk::description_value(weight.description, "price_weight");
  const auto volume = sdk::description_value(weight.description, "volume_weight");
  if (price && volume) return "price_weight=" + std::string(*price) + " volume_weight=" + std::string(*volume);
  const long from_note = std::clamp(std::lround(-weight.note * 3), 1L, 3L);
  return "price_weight=" + std::to_string(from_note) + " volume_weight=" + std::to_string(kDefaultVolumeWeight);
}

}  // namespace octobot::tentacles_bundled
