// DipAnalyserStrategyEvaluator: on its time frame, posts the RSI weight note when the Klinger
// oscillator confirms a reversal, with the price and volume weights in its description for
// DipAnalyserTradingMode (see resources/DipAnalyserStrategyEvaluator.md).
#pragma once

#include <octobot/sdk.hpp>

#include <string>

namespace octobot::tentacles_bundled {

class DipAnalyserStrategyEvaluator final : public sdk::Strategy {
 public:
  OCTOBOT_TENTACLE_CLASS("DipAnalyserStrategyEvaluator", "1.1.0",
                         "RSI-weighted buy signal once the Klinger oscillator confirms a reversal");
  using Strategy::Strategy;

  static constexpr const char* confirmation_class = "KlingerOscillatorReversalConfirmationMomentumEvaluator";
  static constexpr const char* weight_class = "RSIWeightMomentumEvaluator";

  static constexpr int kDefaultVolumeWeight = 1;  // OctoBot's when a signal carries none

  void configure(const sdk::Config& config) override;
  sdk::Evaluation on_matrix_update(const sdk::MatrixUpdate& update) override;
  // The description posted with the note: "price_weight=P volume_weight=V" (1 light .. 3 heavy).
  [[nodiscard]] static std::string weights_description(const sdk::MatrixValue& weight);

 private:
  [[nodiscard]] const ob_matrix_node* node_of(const char* evaluator) const;

  std::string time_frame_;
  const ob_matrix_node* confirmation_ = nullptr;
  const ob_matrix_node* weight_ = nullptr;
};

}  // namespace octobot::tentacles_bundled
