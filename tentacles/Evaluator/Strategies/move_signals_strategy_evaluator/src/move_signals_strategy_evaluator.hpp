// MoveSignalsStrategyEvaluator: Klinger oscillator signals confirmed by Bollinger band notes on the
// 30m, 1h and 4h time frames, combined with fixed weights (see resources/MoveSignalsStrategyEvaluator.md).
#pragma once

#include <octobot/sdk.hpp>

#include <array>
#include <string_view>
#include <vector>

namespace octobot::tentacles_bundled {

class MoveSignalsStrategyEvaluator final : public sdk::Strategy {
 public:
  OCTOBOT_TENTACLE_CLASS("MoveSignalsStrategyEvaluator", "1.0.0",
                         "Klinger signals confirmed by Bollinger bands on 30m, 1h and 4h");
  using Strategy::Strategy;

  static constexpr const char* signal_class = "KlingerOscillatorMomentumEvaluator";
  static constexpr const char* weight_class = "BBMomentumEvaluator";
  // A signal weaker than this is noise.
  static constexpr double signal_minimum_threshold = 0.15;

  struct Period {
    std::string_view time_frame;
    double multiplier;
  };
  // The short period weighs most: moves show there first.
  static constexpr std::array<Period, 3> periods = {{{"30m", 4.0}, {"1h", 3.0}, {"4h", 3.0}}};

  // One period's contribution: the signal's side times min(2 x signal x weight, 1) times the
  // period's multiplier, when the signal passes the threshold and the weight agrees with its side.
  static double fractal_evaluation(double signal, double weight, double multiplier);

  sdk::Evaluation on_matrix_update(const sdk::MatrixUpdate& update) override;

 private:
  struct Fractal {
    const ob_matrix_node* signal;
    const ob_matrix_node* weight;
    double multiplier;
  };
  // The periods whose time frame the run has (both evaluators' nodes exist), found once.
  void find_fractals();

  std::vector<Fractal> fractals_;
  bool fractals_found_ = false;
};

}  // namespace octobot::tentacles_bundled
