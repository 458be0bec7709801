// C++ view of the "matrix/1" service: the evaluation matrix strategies read. Resolve what you need
// once (find / resolve do string work), then read handles on the hot path (O(1), no allocation).
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace octobot::sdk {

// A path in the matrix; for find(), an empty field matches anything.
struct MatrixPath {
  std::string exchange;
  std::string evaluator_type;  // OB_EVALUATOR_TYPE_*: "TA", "REAL_TIME", "SOCIAL", "STRATEGIES"
  std::string evaluator_name;
  std::string cryptocurrency;
  std::string symbol;
  std::string time_frame;
};

// One node's content. The string views point into the host and live as long as the node.
struct MatrixValue {
  bool ready = false;
  bool fresh = false;  // ready and still valid at the bot's current time (the host applies the rule)
  double note = 0.0;
  std::int64_t eval_time_ms = 0;
  std::string_view evaluator_type;
  std::string_view evaluator_name;
  std::string_view cryptocurrency;
  std::string_view symbol;
  std::string_view time_frame;
  // ABI 1.2: the evaluation's description; empty when none or when the host is older than 1.2.
  // Valid until the node's evaluator writes it again.
  std::string_view description;
};

class Matrix {
 public:
  Matrix() = default;
  explicit Matrix(const ob_matrix_service_v1* service) noexcept : service_(service) {}

  [[nodiscard]] bool available() const noexcept { return service_ != nullptr; }

  // Every node matching `pattern`, in path order.
  [[nodiscard]] std::vector<const ob_matrix_node*> find(const MatrixPath& pattern) const {
    const ob_matrix_path raw = to_raw(pattern);
    std::vector<const ob_matrix_node*> nodes(16);
    for (;;) {
      const std::uint64_t total = require()->find(service_->context, &raw, nodes.data(), nodes.size());
      if (total <= nodes.size()) {
        nodes.resize(total);
        return nodes;
      }
      nodes.resize(total);
    }
  }

  // The node at a full path, created pending when absent.
  [[nodiscard]] const ob_matrix_node* resolve(const MatrixPath& path) const {
    const ob_matrix_path raw = to_raw(path);
    const ob_matrix_node* node = nullptr;
    ob_error error{OB_HEADER_INIT(ob_error), {}};
    const ob_status status = require()->resolve(service_->context, &raw, &node, &error);
    if (status != OB_OK) throw Error(status, error.message);
    return node;
  }

  [[nodiscard]] MatrixValue read(const ob_matrix_node* node) const {
    ob_matrix_value raw{};
    raw.header = OB_HEADER_INIT(ob_matrix_value);
    require()->read(service_->context, node, &raw);
    // A 1.1 host leaves description NULL (raw is zeroed): it reads as empty.
    return {raw.state == OB_EVAL_READY, raw.fresh != 0,           raw.eval_note,
            raw.eval_time_ms,           text(raw.evaluator_type), text(raw.evaluator_name),
            text(raw.cryptocurrency),   text(raw.symbol),         text(raw.time_frame),
            text(raw.description)};
  }

 private:
  static std::string_view text(const char* value) noexcept { return value != nullptr ? value : ""; }
  static ob_matrix_path to_raw(const MatrixPath& path) noexcept {
    return {OB_HEADER_INIT(ob_matrix_path), path.exchange.c_str(),       path.evaluator_type.c_str(),
            path.evaluator_name.c_str(),    path.cryptocurrency.c_str(), path.symbol.c_str(),
            path.time_frame.c_str()};
  }
  [[nodiscard]] const ob_matrix_service_v1* require() const {
    if (service_ == nullptr) throw Error(OB_ERROR_NOT_FOUND, "host provides no \"matrix/1\" service");
    return service_;
  }

  const ob_matrix_service_v1* service_ = nullptr;
};

}  // namespace octobot::sdk
