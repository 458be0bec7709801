// The evaluation matrix (OctoBot's signal tree): the latest note of every evaluator and strategy,
// keyed by exchange / evaluator type / evaluator name / cryptocurrency / symbol / time frame.
//
// Nodes never move once created (a deque), so a handle resolved once stays valid for the matrix's
// life and reading it on the hot path is a pointer dereference. Lookups by path go through an
// ordered map, which also gives `find` its deterministic path order.
//
// Freshness (design brief §5): a note made at t on time frame tf is usable while
// now < t + tf + allowed_lag; a note without a time frame is usable while ready. The lag is 0 in
// backtests, so a stale note can never leak into a decision there.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace octobot::evaluators {

struct MatrixPath {
  std::string exchange;
  std::string evaluator_type;  // "TA", "REAL_TIME", "SOCIAL", "SCRIPTED", "STRATEGIES"
  std::string evaluator_name;
  std::string cryptocurrency;
  std::string symbol;
  std::string time_frame;  // "" when not bound to a time frame

  [[nodiscard]] auto tie() const {
    return std::tie(exchange, evaluator_type, evaluator_name, cryptocurrency, symbol, time_frame);
  }
  friend bool operator<(const MatrixPath& a, const MatrixPath& b) { return a.tie() < b.tie(); }
  friend bool operator==(const MatrixPath& a, const MatrixPath& b) { return a.tie() == b.tie(); }
};

struct MatrixNode {
  MatrixPath path;
  std::int64_t time_frame_ms = 0;  // 0 when not bound to a time frame
  bool ready = false;
  double note = 0.0;
  std::int64_t eval_time_ms = 0;
  std::string description;
};

class Matrix {
 public:
  explicit Matrix(std::int64_t allowed_lag_ms = 0) : allowed_lag_ms_(allowed_lag_ms) {}

  // The node at `path`, created pending when absent. Throws std::invalid_argument for an empty
  // exchange/type/name/symbol or an unknown time frame.
  MatrixNode& resolve(const MatrixPath& path);
  [[nodiscard]] const MatrixNode* find_node(const MatrixPath& path) const;
  // Nodes matching `pattern` (empty fields match anything), in path order.
  [[nodiscard]] std::vector<const MatrixNode*> find(const MatrixPath& pattern) const;

  static void set(MatrixNode& node, double note, std::int64_t eval_time_ms, std::string_view description = {});
  static void set_pending(MatrixNode& node, std::int64_t eval_time_ms);

  [[nodiscard]] bool is_fresh(const MatrixNode& node, std::int64_t now_ms) const noexcept {
    if (!node.ready) return false;
    return node.time_frame_ms == 0 || now_ms < node.eval_time_ms + node.time_frame_ms + allowed_lag_ms_;
  }
  [[nodiscard]] std::int64_t allowed_lag_ms() const noexcept { return allowed_lag_ms_; }
  [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }

 private:
  std::int64_t allowed_lag_ms_;
  std::deque<MatrixNode> nodes_;
  std::map<MatrixPath, MatrixNode*> index_;
};

}  // namespace octobot::evaluators
