// DipAnalyserStrategyEvaluator: on its time frame, posts the RSI weight note when the Klinger
// oscillator confirms a reversal (see resources/DipAnalyserStrategyEvaluator.md).
#pragma once

#include <octobot/sdk.hpp>

#include <string>

namespace octobot::tentacles_bundled {

class DipAnalyserStrategyEvaluator final : public sdk::Strategy {
 public:
  OCTOBOT_TENTACLE_CLASS("DipAnalyserStrategyEvaluator", "1.0.0",
                         "RSI-weighted buy signal once the Klinger oscillator confirms a reversal");
  using Strategy::Strategy;

  static constexpr const char* confirmation_class = "KlingerOscillatorReversalConfirmationMomentumEvaluator";
  static constexpr const char* weight_class = "RSIWeightMomentumEvaluator";

  void configure(const sdk::Config& config) override;
  sdk::Evaluation on_matrix_update(const sdk::MatrixUpdate& update) override;

 private:
  [[nodiscard]] const ob_matrix_node* node_of(const char* evaluator) const;

  std::string time_frame_;
  const ob_matrix_node* confirmation_ = nullptr;
  const ob_matrix_node* weight_ = nullptr;
};

}  // namespace octobot::tentacles_bundled
