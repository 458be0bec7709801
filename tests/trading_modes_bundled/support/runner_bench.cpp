#include "runner_bench.hpp"

#include <stdexcept>

namespace modes_integration {

using octobot::channel::Channel;
using octobot::channel::DeliveryMode;

octobot::trading::Market market(const std::string& base, const char* min_cost) {
  octobot::trading::Market m;
  m.symbol = base + "/USDT";
  m.base = base;
  m.quote = "USDT";
  m.price_decimals = 2;
  m.amount_decimals = 5;
  m.min_amount = d("0.0001");
  m.min_cost = d(min_cost);
  m.maker_fee = d("0.001");
  m.taker_fee = d("0.001");
  return m;
}

Bench::Bench(std::vector<octobot::trading::Market> markets)
    : orders(std::make_shared<Channel<octobot::channel::OrdersChannel>>("binance", DeliveryMode::synchronized(driver))),
      decisions(std::make_shared<Channel<octobot::channel::TradingModeChannel>>("binance",
                                                                                DeliveryMode::synchronized(driver))),
      exchange(std::make_unique<octobot::trading::SimulatedExchange>(
          std::move(markets), portfolio, octobot::trading::SimulatedExchangeConfig{},
          octobot::trading::ExchangeChannels{orders, {}, {}})) {}

octobot::trading_modes::AccountConfig Bench::account() {
  return {exchange.get(), nullptr, "USDT", [this](std::string_view symbol) -> std::optional<Decimal> {
            const auto it = closes.find(symbol);
            if (it == closes.end()) return std::nullopt;
            return it->second;
          }};
}

void Bench::candle(const std::string& symbol, std::int64_t index, const char* open, const char* high, const char* low,
                   const char* close) {
  exchange->on_candle(symbol, {index * 60'000, d(open), d(high), d(low), d(close), d("1000")});
  closes[symbol] = d(close);
  now_ms = (index + 1) * 60'000;
  driver.drain();
}

void Bench::candle_to(octobot::trading_modes::TradingModeRunner& runner, const std::string& symbol, std::int64_t index,
                      const char* open, const char* high, const char* low, const char* close) {
  candle(symbol, index, open, high, low, close);
  std::int64_t time = index * 60'000;
  double o = std::stod(open), h = std::stod(high), l = std::stod(low), c = std::stod(close), v = 1000;
  const ob_candles candles{OB_HEADER_INIT(ob_candles), "binance", symbol.c_str(), "1m", 1, &time, &o, &h, &l, &c, &v};
  runner.on_candle(candles);
  driver.drain();
}

octobot::trading_modes::TradingModeRunnerConfig Bench::runner_config(
    std::vector<octobot::trading_modes::TradingModeAssignment> modes, std::vector<std::string> symbols) {
  octobot::trading_modes::TradingModeRunnerConfig config;
  config.exchange = "binance";
  config.modes = std::move(modes);
  config.symbols = std::move(symbols);
  config.time_frame = "1m";
  config.clock = [this] { return now_ms; };
  config.decisions = decisions;
  config.orders = orders;
  return config;
}

octobot::tentacles::TentacleHost& host_with_profile(const std::optional<std::filesystem::path>& profile) {
  static std::map<std::string, std::unique_ptr<octobot::tentacles::TentacleHost>> hosts;
  const std::string key = profile ? profile->string() : "";
  auto& host = hosts[key];
  if (!host) {
    octobot::tentacles::HostOptions options;
    options.tentacles_root = OCTOBOT_MODES_TEST_TREE;
    options.probe = false;  // our own test tree: trusted; probing is covered by the host's tests
    options.profile_folder = profile;
    host = std::make_unique<octobot::tentacles::TentacleHost>(options);
    (void)host->load();
    for (const char* name : {"DailyTradingMode", "DCATradingMode", "GridTradingMode", "StaggeredOrdersTradingMode", "IndexTradingMode"}) {
      if (host->find_class(name) == nullptr) {
        throw std::runtime_error(std::string(name) + " did not load from " + OCTOBOT_MODES_TEST_TREE);
      }
    }
  }
  return *host;
}

LogRecorder::LogRecorder() : previous_level_(octobot::commons::log_level()) {
  octobot::commons::set_log_level(octobot::commons::LogLevel::info);
  previous_ = octobot::commons::set_log_sink([this](const octobot::commons::LogRecord& record) {
    const std::lock_guard lock(mutex_);
    lines_.push_back({record.level, std::string(record.source), std::string(record.message)});
  });
}

LogRecorder::~LogRecorder() {
  octobot::commons::set_log_sink(previous_);
  octobot::commons::set_log_level(previous_level_);
}

std::vector<std::string> LogRecorder::find(const std::string& source, octobot::commons::LogLevel level,
                                           const std::string& part) const {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const Line& line : lines_) {
    if (line.source == source && line.level == level && line.message.find(part) != std::string::npos) {
      out.push_back(line.message);
    }
  }
  return out;
}

}  // namespace modes_integration
