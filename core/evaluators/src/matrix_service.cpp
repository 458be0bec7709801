#include <octobot/evaluators/matrix_service.hpp>

#include <cstdio>
#include <exception>
#include <string>

namespace octobot::evaluators {
namespace {

std::string text(const char* value) { return value != nullptr ? value : ""; }

MatrixPath to_path(const ob_matrix_path& raw) {
  return {text(raw.exchange),       text(raw.evaluator_type), text(raw.evaluator_name),
          text(raw.cryptocurrency), text(raw.symbol),         text(raw.time_frame)};
}

// Handles are MatrixNode pointers: the tentacle only ever passes back what the service gave it.
const MatrixNode* as_node(const ob_matrix_node* node) { return reinterpret_cast<const MatrixNode*>(node); }
const ob_matrix_node* as_handle(const MatrixNode* node) { return reinterpret_cast<const ob_matrix_node*>(node); }

}  // namespace

MatrixService::MatrixService(Matrix& matrix, Clock clock)
    : matrix_(matrix),
      clock_(std::move(clock)),
      table_{OB_HEADER_INIT(ob_matrix_service_v1), this, &MatrixService::resolve, &MatrixService::read,
             &MatrixService::find} {}

ob_status MatrixService::resolve(void* context, const ob_matrix_path* path, const ob_matrix_node** out,
                                 ob_error* error) {
  if (path == nullptr || out == nullptr) {
    if (error != nullptr) std::snprintf(error->message, sizeof(error->message), "resolve: path and out are required");
    return OB_ERROR_INVALID_ARGUMENT;
  }
  try {
    *out = as_handle(&static_cast<MatrixService*>(context)->matrix_.resolve(to_path(*path)));
    return OB_OK;
  } catch (const std::exception& e) {
    if (error != nullptr) std::snprintf(error->message, sizeof(error->message), "%s", e.what());
    return OB_ERROR_INVALID_ARGUMENT;
  }
}

void MatrixService::read(void* context, const ob_matrix_node* handle, ob_matrix_value* out) {
  const auto* self = static_cast<const MatrixService*>(context);
  const MatrixNode* node = as_node(handle);
  if (out == nullptr || node == nullptr) return;
  out->state = node->ready ? OB_EVAL_READY : OB_EVAL_PENDING;
  out->fresh = self->matrix_.is_fresh(*node, self->clock_()) ? 1 : 0;
  out->eval_note = node->note;
  out->eval_time_ms = node->eval_time_ms;
  out->evaluator_type = node->path.evaluator_type.c_str();
  out->evaluator_name = node->path.evaluator_name.c_str();
  out->cryptocurrency = node->path.cryptocurrency.c_str();
  out->symbol = node->path.symbol.c_str();
  out->time_frame = node->path.time_frame.c_str();
  // ABI 1.2: a 1.1 tentacle's struct ends before the field; never write past what the caller has.
  if (OB_HAS_FIELD(out, ob_matrix_value, description)) out->description = node->description.c_str();
}

uint64_t MatrixService::find(void* context, const ob_matrix_path* pattern, const ob_matrix_node** out,
                             uint64_t capacity) {
  if (pattern == nullptr) return 0;
  try {
    const auto nodes = static_cast<const MatrixService*>(context)->matrix_.find(to_path(*pattern));
    for (uint64_t i = 0; i < nodes.size() && i < capacity && out != nullptr; ++i) out[i] = as_handle(nodes[i]);
    return nodes.size();
  } catch (...) {  // allocation failure: report no match rather than unwind into C
    return 0;
  }
}

}  // namespace octobot::evaluators
