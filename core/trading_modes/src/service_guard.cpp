#include "service_guard.hpp"

#include <octobot/commons/logging.hpp>
#include <octobot/trading_modes/decimal_text.hpp>
#include <octobot/trading_modes/service_error.hpp>

#include <exception>
#include <new>
#include <stdexcept>
#include <string>

namespace octobot::trading_modes::detail {

void write_error(ob_error* error, std::string_view message) noexcept {
  if (error == nullptr) return;
  copy_text(error->message, sizeof(error->message), message);
}

ob_status current_exception_status(ob_error* error, std::string_view function) noexcept {
  ob_status status = OB_ERROR_GENERIC;
  std::string message;
  try {
    try {
      throw;
    } catch (const ServiceError& e) {
      status = e.status();
      message = e.what();
    } catch (const std::bad_alloc&) {
      status = OB_ERROR_OUT_OF_MEMORY;
      message = "out of memory";
    } catch (const std::invalid_argument& e) {
      status = OB_ERROR_INVALID_ARGUMENT;
      message = e.what();
    } catch (const std::exception& e) {
      message = e.what();
    } catch (...) {
      message = "unknown exception";
    }
    write_error(error, std::string(function) + ": " + message);
    // An unexpected failure is the host's bug, not the tentacle's: leave a trace in the log too.
    if (status == OB_ERROR_GENERIC) {
      commons::log(commons::LogLevel::error, "trading_modes", std::string(function) + ": " + message);
    }
  } catch (...) {  // building the message itself failed (out of memory): the status still goes back
    write_error(error, function);
  }
  return status;
}

}  // namespace octobot::trading_modes::detail
