// The ob_host handed to tentacle libraries and the services behind it ("log/1", "time/1",
// "config/1", plus any service another package registers, e.g. "channels/1").
#pragma once

#include <octobot/abi.h>
#include <octobot/tentacles/tentacle_config.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace octobot::tentacles {

class HostServices {
 public:
  using Clock = std::function<std::int64_t()>;

  // `clock` gives bot time in ms (the simulated clock in a backtest); defaults to the system clock.
  explicit HostServices(Clock clock = {});
  HostServices(const HostServices&) = delete;
  HostServices& operator=(const HostServices&) = delete;

  // Registers (or replaces) a service table under a versioned id. The table must outlive every
  // library that may have looked it up. Not thread-safe: register before loading tentacles.
  void register_service(const std::string& id, const void* table);

  void set_clock(Clock clock);

  // Configuration values that instances created with this host get over their resolved
  // configuration (TentacleHost::create): class name -> overrides. A bot run sets them before creating
  // its instances (the optimizer gives each run its own values); not thread-safe, like
  // register_service.
  void set_config_overrides(std::map<std::string, ConfigOverrides, std::less<>> overrides);
  [[nodiscard]] const ConfigOverrides* config_overrides(std::string_view class_name) const;

  // The HostServices behind an ob_host made by this class, or nullptr for any other ob_host.
  [[nodiscard]] static const HostServices* from_host(const ob_host* host) noexcept;

  [[nodiscard]] const ob_host* host() const noexcept { return &host_; }

 private:
  static const void* get_service(const ob_host* host, const char* id);
  static void log_write(void* context, uint32_t level, const char* source, const char* message);
  static int32_t log_enabled(void* context, uint32_t level);
  static int64_t time_now(void* context);

  ob_host host_;
  ob_log_service_v1 log_;
  ob_time_service_v1 time_;
  Clock clock_;
  std::map<std::string, const void*, std::less<>> services_;
  std::map<std::string, ConfigOverrides, std::less<>> config_overrides_;
};

}  // namespace octobot::tentacles
