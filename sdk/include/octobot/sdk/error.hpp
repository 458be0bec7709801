// Exceptions a tentacle may throw from its C++ code. The trampolines in this SDK catch every
// exception at the ABI boundary and turn it into an ob_status and message, so none ever reaches the
// host.
#pragma once

#include <octobot/abi.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace octobot::sdk {

// An error with a specific ob_status (a plain std::exception maps to OB_ERROR_EXCEPTION).
class Error : public std::runtime_error {
 public:
  Error(ob_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  [[nodiscard]] ob_status status() const noexcept { return status_; }

 private:
  ob_status status_;
};

// A configuration value is missing or has the wrong type.
class ConfigError : public Error {
 public:
  explicit ConfigError(const std::string& message) : Error(OB_ERROR_CONFIG, message) {}
};

namespace detail {

// Writes `message` into the caller-owned error buffer, truncating safely.
inline void write_error(ob_error* error, const char* message) noexcept {
  if (error == nullptr) return;
  std::snprintf(error->message, sizeof(error->message), "%s", message != nullptr ? message : "");
}

// Runs `body` and converts every exception into a status plus message. This is the single place
// where C++ errors stop: each trampoline goes through it.
template <typename Body>
ob_status guarded(ob_error* error, Body&& body) noexcept {
  try {
    body();
    return OB_OK;
  } catch (const Error& e) {
    write_error(error, e.what());
    return e.status();
  } catch (const std::bad_alloc&) {
    write_error(error, "out of memory");
    return OB_ERROR_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    write_error(error, e.what());
    return OB_ERROR_EXCEPTION;
  } catch (...) {
    write_error(error, "unknown exception (not derived from std::exception)");
    return OB_ERROR_EXCEPTION;
  }
}

}  // namespace detail
}  // namespace octobot::sdk
