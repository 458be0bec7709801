#include <octobot/commons/logging.hpp>
#include <octobot/sdk/version.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include <chrono>

namespace octobot::tentacles {
namespace {

commons::LogLevel to_log_level(uint32_t level) {
  switch (level) {
    case OB_LOG_TRACE:
      return commons::LogLevel::trace;
    case OB_LOG_DEBUG:
      return commons::LogLevel::debug;
    case OB_LOG_INFO:
      return commons::LogLevel::info;
    case OB_LOG_WARNING:
      return commons::LogLevel::warning;
    default:
      return commons::LogLevel::error;
  }
}

std::int64_t system_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

HostServices::HostServices(Clock clock)
    : host_{OB_HEADER_INIT(ob_host), OCTOBOT_HOST_VERSION, &HostServices::get_service, this},
      log_{OB_HEADER_INIT(ob_log_service_v1), this, &HostServices::log_write, &HostServices::log_enabled},
      time_{OB_HEADER_INIT(ob_time_service_v1), this, &HostServices::time_now},
      clock_(clock ? std::move(clock) : Clock(system_now_ms)) {
  services_[OB_SERVICE_LOG_V1] = &log_;
  services_[OB_SERVICE_TIME_V1] = &time_;
  services_[OB_SERVICE_CONFIG_V1] = config_service();
}

void HostServices::register_service(const std::string& id, const void* table) { services_[id] = table; }

void HostServices::set_clock(Clock clock) { clock_ = clock ? std::move(clock) : Clock(system_now_ms); }

void HostServices::set_config_overrides(std::map<std::string, ConfigOverrides, std::less<>> overrides) {
  config_overrides_ = std::move(overrides);
}

const ConfigOverrides* HostServices::config_overrides(std::string_view class_name) const {
  const auto it = config_overrides_.find(class_name);
  return it == config_overrides_.end() ? nullptr : &it->second;
}

const HostServices* HostServices::from_host(const ob_host* host) noexcept {
  if (host == nullptr || host->get_service != &HostServices::get_service) return nullptr;
  return static_cast<const HostServices*>(host->host_context);
}

const void* HostServices::get_service(const ob_host* host, const char* id) {
  if (host == nullptr || id == nullptr) return nullptr;
  const auto* self = static_cast<const HostServices*>(host->host_context);
  const auto it = self->services_.find(std::string_view(id));
  return it == self->services_.end() ? nullptr : it->second;
}

void HostServices::log_write(void* /*context*/, uint32_t level, const char* source, const char* message) {
  commons::log(to_log_level(level), source != nullptr ? source : "tentacle", message != nullptr ? message : "");
}

int32_t HostServices::log_enabled(void* /*context*/, uint32_t level) {
  return commons::log_enabled(to_log_level(level)) ? 1 : 0;
}

int64_t HostServices::time_now(void* context) { return static_cast<HostServices*>(context)->clock_(); }

}  // namespace octobot::tentacles
