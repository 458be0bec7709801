#include <octobot/commons/time_frame.hpp>
#include <octobot/evaluators/matrix.hpp>

#include <stdexcept>

namespace octobot::evaluators {
namespace {

bool matches(const std::string& pattern, const std::string& value) { return pattern.empty() || pattern == value; }

}  // namespace

MatrixNode& Matrix::resolve(const MatrixPath& path) {
  if (const auto it = index_.find(path); it != index_.end()) return *it->second;
  if (path.exchange.empty() || path.evaluator_type.empty() || path.evaluator_name.empty() || path.symbol.empty()) {
    throw std::invalid_argument("matrix path needs exchange, evaluator type, evaluator name and symbol, found '" +
                                path.exchange + "/" + path.evaluator_type + "/" + path.evaluator_name + "/" +
                                path.symbol + "'");
  }
  std::int64_t time_frame_ms = 0;
  if (!path.time_frame.empty()) {
    const auto time_frame = commons::parse_time_frame(path.time_frame);
    if (!time_frame) {
      throw std::invalid_argument("matrix path time frame: expected one of 1m..1M, found '" + path.time_frame + "'");
    }
    time_frame_ms = commons::duration_ms(*time_frame);
  }
  MatrixNode& node = nodes_.emplace_back(MatrixNode{path, time_frame_ms, false, 0.0, 0, {}});
  index_.emplace(path, &node);
  return node;
}

const MatrixNode* Matrix::find_node(const MatrixPath& path) const {
  const auto it = index_.find(path);
  return it == index_.end() ? nullptr : it->second;
}

std::vector<const MatrixNode*> Matrix::find(const MatrixPath& pattern) const {
  std::vector<const MatrixNode*> out;
  for (const auto& [path, node] : index_) {
    if (matches(pattern.exchange, path.exchange) && matches(pattern.evaluator_type, path.evaluator_type) &&
        matches(pattern.evaluator_name, path.evaluator_name) && matches(pattern.cryptocurrency, path.cryptocurrency) &&
        matches(pattern.symbol, path.symbol) && matches(pattern.time_frame, path.time_frame)) {
      out.push_back(node);
    }
  }
  return out;
}

void Matrix::set(MatrixNode& node, double note, std::int64_t eval_time_ms, std::string_view description) {
  node.ready = true;
  node.note = note;
  node.eval_time_ms = eval_time_ms;
  node.description.assign(description);
}

void Matrix::set_pending(MatrixNode& node, std::int64_t eval_time_ms) {
  node.ready = false;
  node.note = 0.0;
  node.eval_time_ms = eval_time_ms;
  node.description.clear();
}

}  // namespace octobot::evaluators
