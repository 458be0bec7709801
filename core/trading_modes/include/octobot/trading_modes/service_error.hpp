// The error a service function turns into an ob_status and message at the C boundary.
#pragma once

#include <octobot/abi.h>

#include <stdexcept>
#include <string>

namespace octobot::trading_modes {

// Thrown inside the services (and by Account) for a request the host refuses as such: the status is
// what the tentacle receives, the message what it reads. Market refusals (minimums, funds) are not
// errors: they come back as REJECTED orders.
class ServiceError : public std::runtime_error {
 public:
  ServiceError(ob_status status, const std::string& message) : std::runtime_error(message), status_(status) {}
  [[nodiscard]] ob_status status() const noexcept { return status_; }

 private:
  ob_status status_;
};

}  // namespace octobot::trading_modes
