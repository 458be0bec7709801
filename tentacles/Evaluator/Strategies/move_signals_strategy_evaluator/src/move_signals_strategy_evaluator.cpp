#include "move_signals_strategy_evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace octobot::tentacles_bundled {

double MoveSignalsStrategyEvaluator::fractal_evaluation(double signal, double weight, double multiplier) {
  if (std::abs(signal) < signal_minimum_threshold || signal * weight <= 0.0) return 0.0;
  const double side = signal > 0 ? 1.0 : -1.0;
  return std::min(2.0 * signal * weight, 1.0) * multiplier * side;
}

void MoveSignalsStrategyEvaluator::find_fractals() {
  fractals_.clear();
  for (const Period& period : periods) {
    sdk::MatrixPath pattern;
    pattern.exchange = context().exchange;
    pattern.evaluator_type = OB_EVALUATOR_TYPE_TA;
    pattern.symbol = context().symbol;
    pattern.time_frame = std::string(period.time_frame);
    pattern.evaluator_name = signal_class;
    const auto signal = matrix().find(pattern);
    pattern.evaluator_name = weight_class;
    const auto weight = matrix().find(pattern);
    if (signal.empty() || weight.empty()) {
      log(sdk::LogLevel::warning, "no " + std::string(signal_class) + " and " + weight_class + " on " +
                                      std::string(period.time_frame) + ": this period is left out");
      continue;
    }
    fractals_.push_back({signal.front(), weight.front(), period.multiplier});
  }
  fractals_found_ = true;
}

sdk::Evaluation MoveSignalsStrategyEvaluator::on_matrix_update(const sdk::MatrixUpdate& update) {
  const bool analysed = std::any_of(periods.begin(), periods.end(),
                                    [&](const Period& period) { return period.time_frame == update.time_frame; });
  if (!update.completes_ta_round() || !analysed) return sdk::Evaluation::pending();
  if (!fractals_found_) find_fractals();
  if (fractals_.empty()) return sdk::Evaluation::pending("no analysed time frame");
  double composite = 0.0;
  double multipliers = 0.0;
  bool any_fresh = false;
  for (const Fractal& fractal : fractals_) {
    multipliers += fractal.multiplier;
    const sdk::MatrixValue signal = matrix().read(fractal.signal);
    const sdk::MatrixValue weight = matrix().read(fractal.weight);
    // A period without fresh notes counts as no move (OctoBot's pending value contributes 0).
    if (!signal.fresh || !weight.fresh) continue;
    any_fresh = true;
    composite += fractal_evaluation(signal.note, weight.note, fractal.multiplier);
  }
  if (!any_fresh) return sdk::Evaluation::pending("no fresh signal");
  return sdk::Evaluation::of(composite / multipliers, "weighted Klinger x Bollinger signals");
}

}  // namespace octobot::tentacles_bundled
