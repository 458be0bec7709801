// Drives one trading-mode class through its real ABI table (the descriptor the library exports),
// with the host's own HostServices and TentacleConfig (so the reference config, the profile
// override and the schema are the real ones), a FakeAccount behind "orders/1" and "portfolio/1",
// and a log that the test can read. Decisions submitted by a producer callback are handed to the
// consumer right after the callback returns, in order, as the host's runner does.
#pragma once

#include <octobot/sdk/library.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "fake_account.hpp"

namespace octobot::test {

struct LogLine {
  std::uint32_t level;
  std::string source;
  std::string message;
};

struct CandleRow {
  std::int64_t open_time_ms;
  double open, high, low, close, volume;
};

struct RecordedDecision {
  std::string symbol;
  std::uint32_t state;
  double final_note;
  std::string data;
};

class ModeDriver {
 public:
  ModeDriver(const ob_class_descriptor* descriptor, FakeAccount& account, const std::filesystem::path& folder,
             const std::optional<std::filesystem::path>& profile, const std::string& symbol);
  ~ModeDriver();
  ModeDriver(const ModeDriver&) = delete;
  ModeDriver& operator=(const ModeDriver&) = delete;

  void set_now(std::int64_t now_ms) noexcept { now_ms_ = now_ms; }
  // A strategy's note, with its evaluation description (ABI 1.2).
  void signal(double note, const std::string& strategy = "SimpleStrategyEvaluator",
              const std::string& description = {});
  // Candles of `symbol` (default: the instance's own; an exchange-scope instance has none).
  void candles(const std::vector<CandleRow>& rows, const std::string& symbol = {});
  void order_update(const ob_order_view& order);
  // A ServiceFeed message (ABI 1.5): a webhook alert `body` naming the instance's symbol.
  void service_feed(const std::string& body, const std::string& feed = "tradingview");
  // The status of configure with a config text (to check that a bad config is refused).
  ob_status reconfigure(const std::string& json, std::string* message = nullptr);

  [[nodiscard]] const std::vector<LogLine>& logs() const noexcept { return logs_; }
  [[nodiscard]] bool logged(std::uint32_t level, const std::string& fragment) const;
  [[nodiscard]] const std::vector<RecordedDecision>& decisions() const noexcept { return decisions_; }
  [[nodiscard]] std::string config_json() const { return config_.json(); }

 private:
  static ob_status submit(void* context, const ob_trading_decision* decision, ob_error* error);
  static void write_log(void* context, uint32_t level, const char* source, const char* message);
  static int32_t log_enabled(void* context, uint32_t level);
  void check(ob_status status, const ob_error& error, const char* what) const;
  void route_pending();

  std::int64_t now_ms_ = 1'700'000'000'000;
  tentacles::HostServices services_;
  ob_log_service_v1 log_;
  tentacles::TentacleConfig config_;
  const ob_trading_mode_vtable* vtable_;
  std::string symbol_;
  ob_instance* instance_ = nullptr;
  std::vector<LogLine> logs_;
  std::vector<RecordedDecision> decisions_;
  std::vector<RecordedDecision> pending_;
};

template <typename Mode>
[[nodiscard]] const ob_class_descriptor* descriptor_of() {
  return sdk::detail::Binding<Mode>::descriptor();
}

}  // namespace octobot::test
