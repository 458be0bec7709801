// SimpleStrategyEvaluator: the average of every fresh evaluator note of its symbol (see
// resources/SimpleStrategyEvaluator.md for the user-facing rules).
#pragma once

#include <octobot/sdk.hpp>

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace octobot::tentacles_bundled {

class SimpleStrategyEvaluator final : public sdk::Strategy {
 public:
  OCTOBOT_TENTACLE_CLASS("SimpleStrategyEvaluator", "1.0.0",
                         "Averages every fresh TA, real-time and social note of a symbol");
  using Strategy::Strategy;

  void configure(const sdk::Config& config) override;
  sdk::Evaluation on_matrix_update(const sdk::MatrixUpdate& update) override;

 private:
  // The matrix nodes this strategy averages, found once: evaluator instances are all created before
  // the first candle, so the set does not change during a run.
  void find_nodes();
  [[nodiscard]] bool uses(const sdk::MatrixValue& value) const;

  // Transparent comparison: looked up by the update's view, once per candle, without a copy.
  std::set<std::string, std::less<>> time_frames_;
  std::set<std::string> evaluators_;  // empty: every evaluator ("*")
  std::vector<const ob_matrix_node*> nodes_;
  bool nodes_found_ = false;
};

}  // namespace octobot::tentacles_bundled
