// Typed reads of a tentacle's configuration through the host's "config/1" service.
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/error.hpp>
#include <octobot/sdk/host.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace octobot::sdk {

// Borrowed view of the merged configuration; valid only during the call that received it.
class Config {
 public:
  Config(const ob_config_service_v1* service, const ob_config* config) noexcept : service_(service), config_(config) {}

  [[nodiscard]] bool has(const std::string& path) const noexcept {
    return service_ != nullptr && service_->has(config_, path.c_str()) != 0;
  }

  [[nodiscard]] double number(const std::string& path) const {
    double out = 0;
    check(service()->get_double(config_, path.c_str(), &out, &error_));
    return out;
  }
  [[nodiscard]] double number(const std::string& path, double fallback) const {
    return has(path) ? number(path) : fallback;
  }

  [[nodiscard]] std::int64_t integer(const std::string& path) const {
    std::int64_t out = 0;
    check(service()->get_int64(config_, path.c_str(), &out, &error_));
    return out;
  }
  [[nodiscard]] std::int64_t integer(const std::string& path, std::int64_t fallback) const {
    return has(path) ? integer(path) : fallback;
  }

  [[nodiscard]] bool boolean(const std::string& path) const {
    std::int32_t out = 0;
    check(service()->get_bool(config_, path.c_str(), &out, &error_));
    return out != 0;
  }
  [[nodiscard]] bool boolean(const std::string& path, bool fallback) const {
    return has(path) ? boolean(path) : fallback;
  }

  [[nodiscard]] std::string string(const std::string& path) const {
    std::string buffer(64, '\0');
    std::uint64_t length = 0;
    check(service()->get_string(config_, path.c_str(), buffer.data(), buffer.size(), &length, &error_));
    if (length + 1 > buffer.size()) {
      buffer.assign(length + 1, '\0');
      check(service()->get_string(config_, path.c_str(), buffer.data(), buffer.size(), &length, &error_));
    }
    buffer.resize(length);
    return buffer;
  }
  [[nodiscard]] std::string string(const std::string& path, const std::string& fallback) const {
    return has(path) ? string(path) : fallback;
  }

  [[nodiscard]] std::uint64_t array_size(const std::string& path) const {
    std::uint64_t out = 0;
    check(service()->get_array_size(config_, path.c_str(), &out, &error_));
    return out;
  }

  // The whole configuration as JSON text, for tentacles that bring their own JSON parser.
  [[nodiscard]] std::string json() const { return service()->json(config_); }

 private:
  [[nodiscard]] const ob_config_service_v1* service() const {
    if (service_ == nullptr || config_ == nullptr) throw ConfigError("host provides no \"config/1\" service");
    return service_;
  }
  void check(ob_status status) const {
    if (status != OB_OK) throw Error(status, error_.message);
  }

  const ob_config_service_v1* service_;
  const ob_config* config_;
  mutable ob_error error_ = {OB_HEADER_INIT(ob_error), {0}};
};

}  // namespace octobot::sdk
