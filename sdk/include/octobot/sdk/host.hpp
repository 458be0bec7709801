// C++ view of the host: services looked up once, logging and the bot clock.
#pragma once

#include <octobot/abi.h>
#include <octobot/sdk/error.hpp>

#include <cstdint>
#include <string>

namespace octobot::sdk {

enum class LogLevel : std::uint32_t {
  trace = OB_LOG_TRACE,
  debug = OB_LOG_DEBUG,
  info = OB_LOG_INFO,
  warning = OB_LOG_WARNING,
  error = OB_LOG_ERROR,
};

class Host {
 public:
  explicit Host(const ob_host* host) noexcept : host_(host) {
    log_ = service<ob_log_service_v1>(OB_SERVICE_LOG_V1);
    time_ = service<ob_time_service_v1>(OB_SERVICE_TIME_V1);
    config_ = service<ob_config_service_v1>(OB_SERVICE_CONFIG_V1);
  }

  // The service table registered under `id`, or nullptr. The table is checked to be at least as
  // large as this SDK's declaration, so every field the SDK reads exists.
  template <typename Table>
  [[nodiscard]] const Table* service(const char* id) const noexcept {
    if (host_ == nullptr || host_->get_service == nullptr) return nullptr;
    const auto* table = static_cast<const Table*>(host_->get_service(host_, id));
    if (table == nullptr || table->header.struct_size < sizeof(Table)) return nullptr;
    return table;
  }

  void log(LogLevel level, const std::string& source, const std::string& message) const noexcept {
    if (log_ != nullptr) log_->write(log_->context, static_cast<std::uint32_t>(level), source.c_str(), message.c_str());
  }

  [[nodiscard]] bool log_enabled(LogLevel level) const noexcept {
    return log_ != nullptr && log_->enabled(log_->context, static_cast<std::uint32_t>(level)) != 0;
  }

  // Bot time in ms since the epoch (simulated in backtests). Throws when the host has no clock.
  [[nodiscard]] std::int64_t now_ms() const {
    if (time_ == nullptr) throw Error(OB_ERROR_NOT_FOUND, "host provides no \"time/1\" service");
    return time_->now_ms(time_->context);
  }

  [[nodiscard]] const ob_host* raw() const noexcept { return host_; }
  [[nodiscard]] const ob_config_service_v1* config_service() const noexcept { return config_; }

 private:
  const ob_host* host_;
  const ob_log_service_v1* log_ = nullptr;
  const ob_time_service_v1* time_ = nullptr;
  const ob_config_service_v1* config_ = nullptr;
};

}  // namespace octobot::sdk
