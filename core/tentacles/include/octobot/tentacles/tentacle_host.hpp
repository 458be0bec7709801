// The tentacle host: discovers a tentacles tree, checks each tentacle's compatibility before any
// dlopen, probes new or changed libraries in a child process, loads the safe ones, and reports
// every decision. A broken tentacle is skipped with its reason; the host never dies of one.
#pragma once

#include <octobot/abi.h>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/load_report.hpp>
#include <octobot/tentacles/tentacle_config.hpp>
#include <octobot/tentacles/version.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace octobot::tentacles {

class TentacleLibrary;
class TentacleInstance;

struct HostOptions {
  std::filesystem::path tentacles_root;
  // The octobot-tentacle-probe program. Required unless probing is disabled.
  std::filesystem::path probe_executable;
  // Where probe results are remembered between starts; empty: no cache (probe every start).
  std::filesystem::path probe_cache_file;
  std::chrono::milliseconds probe_timeout{10'000};
  // How long load() waits for a tentacle manager that is changing the tree (see tree_lock.hpp).
  std::chrono::milliseconds lock_timeout{30'000};
  // Probing protects the host from crashing libraries. Disable only for trusted trees (benchmarks).
  bool probe = true;
  // The lowest accepted tentacle version per origin package (e.g. a known-bad release).
  std::map<std::string, Version> minimum_versions;
  // The profile whose tentacles_config.json says which classes are active and whose
  // specific_config/ overrides reference configs.
  std::optional<std::filesystem::path> profile_folder;
  std::set<std::string> active_classes;
};

// Where an instance runs (copied into ob_instance_args).
struct InstanceSpec {
  std::string exchange;
  std::string symbol;
  std::string time_frame;
  // The host the instance talks to: a bot run passes its own (its clock, matrix, orders), so several
  // runs can share the loaded libraries. nullptr: the tentacle host's own services.
  const ob_host* host = nullptr;
  // Trading modes: the account their orders go to (see "orders/1").
  const ob_account* account = nullptr;
};

class TentacleHost {
 public:
  explicit TentacleHost(HostOptions options);
  ~TentacleHost();
  TentacleHost(const TentacleHost&) = delete;
  TentacleHost& operator=(const TentacleHost&) = delete;

  // Scans and loads. Call once; later calls return the first report.
  const LoadReport& load();
  [[nodiscard]] const LoadReport& report() const noexcept { return report_; }

  [[nodiscard]] HostServices& services() noexcept { return services_; }
  [[nodiscard]] const ob_class_descriptor* find_class(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> loaded_classes() const;

  // Creates an instance of a loaded class with its resolved configuration (reference config
  // overlaid by the profile's specific_config, then by the config overrides of spec.host's
  // HostServices for that class, if any). Throws std::runtime_error with the tentacle's own
  // message when creation fails, std::out_of_range when the class is not loaded, commons::JsonError
  // for a configuration that does not resolve.
  //
  // Threads: after load(), create() and resolve_config() may be called from several threads at once
  // (concurrent backtests share one host). The host's own state is read-only by then; the
  // library's create function is called under a mutex, since the ABI lets a tentacle assume its
  // [main-thread] functions are not called concurrently while instances are set up.
  [[nodiscard]] std::unique_ptr<TentacleInstance> create(const std::string& class_name, const InstanceSpec& spec);

  // The configuration an instance of a loaded class would get, with `overrides` applied (see
  // TentacleConfig::resolve). Throws std::out_of_range when the class is not loaded.
  [[nodiscard]] TentacleConfig resolve_config(const std::string& class_name,
                                              const ConfigOverrides& overrides = {}) const;

 private:
  struct LoadedClass {
    const ob_class_descriptor* descriptor;
    std::shared_ptr<TentacleLibrary> library;
    std::filesystem::path folder;
  };

  // Resolves the configuration of every active loaded class so a broken override is reported at
  // start rather than when the class is first instantiated.
  void check_active_configs();

  HostOptions options_;
  HostServices services_;
  LoadReport report_;
  bool loaded_ = false;
  std::vector<std::shared_ptr<TentacleLibrary>> libraries_;  // load order; released in reverse
  std::map<std::string, LoadedClass> classes_;
  std::mutex create_mutex_;
};

// The result of one evaluation, checked by the host (a note outside [-1, 1] is an error).
struct EvaluationResult {
  bool ready = false;
  double note = 0.0;
  std::string description;
};

// A live instance of a tentacle class. Keeps its library loaded for as long as it lives.
class TentacleInstance {
 public:
  TentacleInstance(const ob_class_descriptor* descriptor, ob_instance* instance,
                   std::shared_ptr<TentacleLibrary> library);
  ~TentacleInstance();
  TentacleInstance(const TentacleInstance&) = delete;
  TentacleInstance& operator=(const TentacleInstance&) = delete;

  [[nodiscard]] const char* class_name() const noexcept { return descriptor_->name; }
  [[nodiscard]] std::uint32_t kind() const noexcept { return descriptor_->kind; }
  // The raw instance and its kind's table, for hosts that make a kind's calls themselves (an exchange
  // connector's calls run on a thread of its own, see exchange.h). Check kind() before casting.
  [[nodiscard]] ob_instance* handle() const noexcept { return instance_; }
  [[nodiscard]] const void* vtable() const noexcept { return descriptor_->vtable; }

  // Applies a new configuration in place. Throws std::runtime_error with the tentacle's message.
  void configure(const TentacleConfig& config);
  // TA evaluators only (std::logic_error otherwise). Throws std::runtime_error on a tentacle error.
  [[nodiscard]] EvaluationResult evaluate(const ob_candles& candles);

  // Kind callbacks of ABI 1.1. Each throws std::logic_error when the instance is of another kind or
  // its library predates the callback (check supports() first where that is expected), and
  // std::runtime_error with the tentacle's message when the tentacle fails.
  enum class Callback : std::uint8_t { strategy, price, signal, candle, order_update, decision, service_feed };
  [[nodiscard]] bool supports(Callback callback) const noexcept;
  [[nodiscard]] EvaluationResult on_matrix_update(const ob_matrix_update& update);  // strategies
  [[nodiscard]] EvaluationResult on_price(const ob_price_update& update);           // real-time evaluators
  // Trading modes.
  [[nodiscard]] std::uint32_t trading_mode_scope() const;
  void on_strategy_signal(const ob_strategy_signal& signal, const ob_decision_sink& sink);
  void on_candle(const ob_candles& candles, const ob_decision_sink& sink);
  void on_order_update(const ob_order_view& order, const ob_decision_sink& sink);
  void on_decision(const ob_trading_decision& decision);
  // ABI 1.5 (supports(Callback::service_feed) is false for a library built against 1.4 or older).
  void on_service_feed(const ob_service_feed_message& message, const ob_decision_sink& sink);

 private:
  const ob_class_descriptor* descriptor_;
  ob_instance* instance_;
  std::shared_ptr<TentacleLibrary> library_;
};

}  // namespace octobot::tentacles
