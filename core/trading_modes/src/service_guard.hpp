// The catch-everything wrapper of every service function: no exception may cross into C.
#pragma once

#include <octobot/abi.h>

#include <string_view>
#include <utility>

namespace octobot::trading_modes::detail {

// Writes `message` into the caller's error buffer (when there is one), NUL-terminated.
void write_error(ob_error* error, std::string_view message) noexcept;

// Maps the exception in flight to a status and writes its message, prefixed with `function`.
// ServiceError keeps its status; std::invalid_argument (caller bugs the core refuses, amount syntax)
// is OB_ERROR_INVALID_ARGUMENT; std::bad_alloc OB_ERROR_OUT_OF_MEMORY; anything else
// OB_ERROR_GENERIC.
ob_status current_exception_status(ob_error* error, std::string_view function) noexcept;

template <typename Body>
ob_status guarded(ob_error* error, std::string_view function, Body&& body) noexcept {
  try {
    std::forward<Body>(body)();
    return OB_OK;
  } catch (...) {
    return current_exception_status(error, function);
  }
}

}  // namespace octobot::trading_modes::detail
