// "matrix/1" for tentacles: the C table over a Matrix and the bot clock. One per bot run.
#pragma once

#include <octobot/abi.h>
#include <octobot/evaluators/matrix.hpp>

#include <cstdint>
#include <functional>

namespace octobot::evaluators {

class MatrixService {
 public:
  using Clock = std::function<std::int64_t()>;

  // `matrix` must outlive the service; `clock` gives bot time in ms (freshness is judged at it).
  MatrixService(Matrix& matrix, Clock clock);
  MatrixService(const MatrixService&) = delete;
  MatrixService& operator=(const MatrixService&) = delete;

  [[nodiscard]] const ob_matrix_service_v1* table() const noexcept { return &table_; }

 private:
  static ob_status resolve(void* context, const ob_matrix_path* path, const ob_matrix_node** out, ob_error* error);
  static void read(void* context, const ob_matrix_node* node, ob_matrix_value* out);
  static uint64_t find(void* context, const ob_matrix_path* pattern, const ob_matrix_node** out, uint64_t capacity);

  Matrix& matrix_;
  Clock clock_;
  ob_matrix_service_v1 table_;
};

}  // namespace octobot::evaluators
