// A fake Binance with one crafted market and a client wired to it: the client's clock is the fake's
// (plus a skew a test may set), its sleep advances the fake's clock (so waits for a weight window or
// a Retry-After take no real time, and are recorded), and its log lines are captured.
#pragma once

#include <catch2/catch.hpp>
#include <octobot/testing/fake_binance.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <octobot_binance/rest_client.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace octobot::binance::testing {

inline constexpr const char* kApiKey = "test-key-K3y-4bcdef0123456789";
inline constexpr const char* kApiSecret = "test-secret-S3cr3t-NEVER-IN-LOGS-9f8e7d";
inline constexpr std::int64_t kStart = 1'700'000'040'000;  // a minute boundary
inline constexpr std::int64_t kMinute = 60'000;

// BTCUSDT 1m candles: 100 flat candles at 100 (the history before the clock's start), then
// 10 candles drifting down to 97 (lows 0.5 below), then one candle dipping to 94, then flat at 96.
inline std::vector<octobot::testing::FakeCandle> crafted_candles() {
  std::vector<octobot::testing::FakeCandle> candles;
  const std::int64_t first = kStart - 100 * kMinute;
  const auto add = [&](const std::string& o, const std::string& h, const std::string& l, const std::string& c) {
    candles.push_back({first + static_cast<std::int64_t>(candles.size()) * kMinute, o, h, l, c, "10"});
  };
  for (int i = 0; i < 100; ++i) add("100", "100.2", "99.8", "100");
  const char* closes[] = {"99.7", "99.4", "99.1", "98.8", "98.5", "98.2", "97.9", "97.6", "97.3", "97"};
  const char* lows[] = {"99.2", "98.9", "98.6", "98.3", "98", "97.7", "97.4", "97.1", "96.8", "96.5"};
  std::string open = "100";
  for (int i = 0; i < 10; ++i) {
    add(open, open, lows[i], closes[i]);
    open = closes[i];
  }
  add("97", "97", "94", "95");
  for (int i = 0; i < 100; ++i) add("96", "96.5", "95.5", "96");
  return candles;
}

inline octobot::testing::FakeMarket btc_market() {
  octobot::testing::FakeMarket market;
  market.base = "BTC";
  market.quote = "USDT";
  market.candles = crafted_candles();
  return market;
}

struct Harness {
  explicit Harness(octobot::testing::FakeBinanceOptions options = default_options())
      : fake(std::make_unique<octobot::testing::FakeBinance>(std::move(options))) {
    fake->add_market(btc_market());
    fake->set_balance("USDT", "10000");
    fake->set_balance("BTC", "1");
  }

  static octobot::testing::FakeBinanceOptions default_options() {
    octobot::testing::FakeBinanceOptions options;
    options.api_key = kApiKey;
    options.api_secret = kApiSecret;
    options.start_time_ms = kStart;
    return options;
  }

  ClientConfig config() {
    ClientConfig c;
    c.base_url = fake->base_url();
    c.api_key = kApiKey;
    c.api_secret = kApiSecret;
    c.broker_id = "OCTOBOT";
    c.transport.request_timeout_ms = 3000;
    c.transport.ca_file = ca_file;
    c.retry_base_delay_ms = 10;
    c.clock = [this] { return fake->now_ms() + skew_ms; };
    c.sleep = [this](std::chrono::milliseconds ms) {
      sleeps.push_back(ms.count());
      fake->advance(ms.count());
    };
    c.log = [this](LogLevel, std::string_view line) { logs.emplace_back(line); };
    return c;
  }

  RestClient& client() {
    if (!client_) client_ = std::make_unique<RestClient>(config());
    return *client_;
  }

  std::unique_ptr<octobot::testing::FakeBinance> fake;
  std::int64_t skew_ms = 0;  // the client's clock minus the server's
  std::string ca_file;       // the client's extra trusted CA (a TLS fake's), empty: the system's store alone
  std::vector<std::int64_t> sleeps;
  std::vector<std::string> logs;

 private:
  std::unique_ptr<RestClient> client_;
};

// Strips the trailing zeros Binance writes: "95.00000000" -> "95", "0.10000000" -> "0.1".
inline std::string trimmed(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

inline OrderRequest limit_order(OrderSide side, std::string quantity, std::string price) {
  OrderRequest request;
  request.symbol = "BTC/USDT";
  request.side = side;
  request.type = OrderType::limit;
  request.quantity = std::move(quantity);
  request.price = std::move(price);
  return request;
}

inline OrderRequest market_order(OrderSide side, std::string quantity) {
  OrderRequest request;
  request.symbol = "BTC/USDT";
  request.side = side;
  request.type = OrderType::market;
  request.quantity = std::move(quantity);
  return request;
}

// The BinanceError `call` throws (the test fails when it throws none).
template <typename F>
BinanceError error_of(F&& call) {
  try {
    call();
  } catch (const BinanceError& error) {
    return error;
  }
  FAIL("no BinanceError thrown");
  throw std::logic_error("unreachable");
}

}  // namespace octobot::binance::testing
