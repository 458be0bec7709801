// What the trading_modes tests share: a simulated exchange with synchronized Orders and TradingMode
// channels on one SyncDriver (as a backtest runs them), hand-built candles, the test tentacle tree
// loaded once by the real host, and a log recorder.
#pragma once

#include <octobot/channel/standard/evaluation.hpp>
#include <octobot/channel/sync_driver.hpp>
#include <octobot/commons/logging.hpp>
#include <octobot/tentacles/tentacle_host.hpp>
#include <octobot/trading/simulated_exchange.hpp>
#include <octobot/trading_modes/account.hpp>
#include <octobot/trading_modes/trading_mode_runner.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace trading_modes_test {

using octobot::commons::Decimal;

inline Decimal d(const char* text) { return Decimal::from_string(text); }

// 2 price decimals, 5 amount decimals, minimum 0.0001 base and 10 quote, 0.1 % maker, 0.2 % taker.
inline octobot::trading::Market market(const std::string& base, const std::string& quote = "USDT") {
  octobot::trading::Market m;
  m.symbol = base + "/" + quote;
  m.base = base;
  m.quote = quote;
  m.price_decimals = 2;
  m.amount_decimals = 5;
  m.min_amount = d("0.0001");
  m.min_cost = d("10");
  m.maker_fee = d("0.001");
  m.taker_fee = d("0.002");
  return m;
}

// One exchange of a backtest: the account portfolio, the simulated exchange publishing on
// synchronized channels, and the latest close per symbol (the accounts' price source).
struct Exchange {
  octobot::channel::SyncDriver driver;
  std::shared_ptr<octobot::channel::Channel<octobot::channel::OrdersChannel>> orders =
      std::make_shared<octobot::channel::Channel<octobot::channel::OrdersChannel>>(
          "binance", octobot::channel::DeliveryMode::synchronized(driver));
  std::shared_ptr<octobot::channel::Channel<octobot::channel::TradingModeChannel>> decisions =
      std::make_shared<octobot::channel::Channel<octobot::channel::TradingModeChannel>>(
          "binance", octobot::channel::DeliveryMode::synchronized(driver));
  octobot::trading::Portfolio portfolio;
  octobot::trading::SimulatedExchange exchange{
      {market("BTC"), market("ETH")}, portfolio, {}, octobot::trading::ExchangeChannels{orders, {}, {}}};
  std::map<std::string, Decimal, std::less<>> closes;
  std::int64_t now_ms = 0;

  octobot::trading_modes::PriceSource prices() {
    return [this](std::string_view symbol) -> std::optional<Decimal> {
      const auto it = closes.find(symbol);
      if (it == closes.end()) return std::nullopt;
      return it->second;
    };
  }
  octobot::trading_modes::AccountConfig account(octobot::trading::Portfolio* sub = nullptr) {
    return {&exchange, sub, "USDT", prices()};
  }
  // Candle `index` (one minute each) closes: the exchange fills on it, then the queued updates and
  // decisions are delivered, as a backtest's time step does.
  void candle(const std::string& symbol, std::int64_t index, const char* open, const char* high, const char* low,
              const char* close) {
    exchange.on_candle(symbol, {index * 60'000, d(open), d(high), d(low), d(close), d("1000")});
    closes[symbol] = d(close);
    now_ms = (index + 1) * 60'000;
    driver.drain();
  }
};

// The test tree, loaded once (loading is the slow part).
octobot::tentacles::TentacleHost& tentacle_host();

// Records every log line from info up while it lives (the test main silences all but errors), in
// place of the normal sink.
class LogRecorder {
 public:
  struct Line {
    octobot::commons::LogLevel level;
    std::string source;
    std::string message;
  };
  LogRecorder();
  ~LogRecorder();
  LogRecorder(const LogRecorder&) = delete;
  LogRecorder& operator=(const LogRecorder&) = delete;

  [[nodiscard]] std::vector<Line> lines() const;
  // Messages logged under `source` containing `part`.
  [[nodiscard]] std::vector<std::string> find(const std::string& source, const std::string& part) const;

 private:
  mutable std::mutex mutex_;
  std::vector<Line> lines_;
  octobot::commons::LogSink previous_;
  octobot::commons::LogLevel previous_level_;
};

// A runner on `bench`'s channels for `modes`, on `symbols`, with the bench's clock.
inline octobot::trading_modes::TradingModeRunnerConfig runner_config(
    Exchange& bench, std::vector<octobot::trading_modes::TradingModeAssignment> modes,
    std::vector<std::string> symbols = {"BTC/USDT"}) {
  octobot::trading_modes::TradingModeRunnerConfig config;
  config.exchange = "binance";
  config.modes = std::move(modes);
  config.symbols = std::move(symbols);
  config.time_frame = "1m";
  config.clock = [&bench] { return bench.now_ms; };
  config.decisions = bench.decisions;
  config.orders = bench.orders;
  return config;
}

}  // namespace trading_modes_test
