// TechnicalAnalysisStrategyEvaluator: the weighted average of the fresh TA notes of its symbol, each
// note weighted by its time frame (see resources/TechnicalAnalysisStrategyEvaluator.md).
#pragma once

#include <octobot/sdk.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace octobot::tentacles_bundled {

class TechnicalAnalysisStrategyEvaluator final : public sdk::Strategy {
 public:
  OCTOBOT_TENTACLE_CLASS("TechnicalAnalysisStrategyEvaluator", "1.0.0",
                         "Weighted average of fresh TA notes, one weight per time frame");
  using Strategy::Strategy;

  // OctoBot's weight for a time frame listed without one.
  static constexpr double default_weight = 1.0;

  void configure(const sdk::Config& config) override;
  sdk::Evaluation on_matrix_update(const sdk::MatrixUpdate& update) override;

 private:
  struct Source {
    const ob_matrix_node* node;
    double weight;
  };
  // Evaluator instances all exist before the first candle, so the nodes are found once per config.
  void find_nodes();

  std::map<std::string, double> weight_by_time_frame_;  // the analysed time frames
  std::set<std::string> evaluators_;                    // empty: every evaluator ("*")
  std::vector<Source> sources_;
  bool nodes_found_ = false;
};

}  // namespace octobot::tentacles_bundled
