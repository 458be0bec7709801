// One exchange of a backtest for the bundled modes' integration tests: a SimulatedExchange with
// synchronized Orders and TradingMode channels on one SyncDriver, an Account on its portfolio, the
// test tentacle tree loaded by the real host with a given profile, and a log recorder.
#pragma once

#include <octobot/channel/standard/evaluation.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/simulated_exchange.hpp>
#include <octobot/trading_modes/account.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace modes_integration {

using octobot::commons::Decimal;

inline Decimal d(const char* text) { return Decimal::from_string(text); }

// 2 price decimals, 5 amount decimals, minimum 0.0001 base and `min_cost` quote, 0.1 % fees.
octobot::trading::Market market(const std::string& base, const char* min_cost = "10");

struct Bench {
  explicit Bench(std::vector<octobot::trading::Market> markets = {market("BTC")});

  octobot::channel::SyncDriver driver;
  std::shared_ptr<octobot::channel::Channel<octobot::channel::OrdersChannel>> orders;
  std::shared_ptr<octobot::channel::Channel<octobot::channel::TradingModeChannel>> decisions;
  octobot::trading::Portfolio portfolio;
  std::unique_ptr<octobot::trading::SimulatedExchange> exchange;
  std::map<std::string, Decimal, std::less<>> closes;
  std::int64_t now_ms = 0;

  [[nodiscard]] octobot::trading_modes::AccountConfig account();
  // Candle `index` (one minute) closes: the exchange fills on it, then queued updates and decisions
  // are delivered, as a backtest step does.
  void candle(const std::string& symbol, std::int64_t index, const char* open, const char* high, const char* low,
              const char* close);
  // The same candle handed to the runner's producers (on_candle), then delivered.
  void candle_to(octobot::trading_modes::TradingModeRunner& runner, const std::string& symbol, std::int64_t index,
                 const char* open, const char* high, const char* low, const char* close);
  [[nodiscard]] octobot::trading_modes::TradingModeRunnerConfig runner_config(
      std::vector<octobot::trading_modes::TradingModeAssignment> modes, std::vector<std::string> symbols);
};

// The test tree loaded with `profile` (one host per profile, loaded once).
octobot::tentacles::TentacleHost& host_with_profile(const std::optional<std::filesystem::path>& profile);

class LogRecorder {
 public:
  LogRecorder();
  ~LogRecorder();
  LogRecorder(const LogRecorder&) = delete;
  LogRecorder& operator=(const LogRecorder&) = delete;
  // Messages logged under `source` at `level` containing `part`.
  [[nodiscard]] std::vector<std::string> find(const std::string& source, octobot::commons::LogLevel level,
                                              const std::string& part) const;

 private:
  struct Line {
    octobot::commons::LogLevel level;
    std::string source;
    std::string message;
  };
  mutable std::mutex mutex_;
  std::vector<Line> lines_;
  octobot::commons::LogSink previous_;
  octobot::commons::LogLevel previous_level_;
};

}  // namespace modes_integration
