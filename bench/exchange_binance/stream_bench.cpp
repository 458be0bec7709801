// Binance WebSocket stream client figures (called from rest_bench.cpp's main), one JSON object each:
//  - frame -> event: one combined kline frame parsed (RapidJSON, numbers as text), the gap check
//    run and the typed KlineEvent delivered to the callback, on the calling thread: p50/p99/p99.9 µs;
//  - clock -> event over loopback: the fake's clock moved one minute, the fake renders and sends the
//    closed kline, the client reads, parses and delivers it: p50/p99/p99.9 µs (the fake's share included);
//  - candles ingested: 20 000 candles closing in one clock move, sent back to back by the fake and
//    delivered by the client: candles/s.
#include <octobot/testing/fake_binance.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <octobot_binance/stream_client.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"

namespace binance = octobot::binance;

void report_stream_percentiles(const std::string& name, std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double q) {
    return micros[static_cast<std::size_t>(q * static_cast<double>(micros.size() - 1))];
  };
  octobot::bench::report(name + ".p50", "us", at(0.50));
  octobot::bench::report(name + ".p99", "us", at(0.99));
  octobot::bench::report(name + ".p999", "us", at(0.999));
}

namespace {

std::string kline_frame(std::int64_t open_ms) {
  return R"({"stream":"btcusdt@kline_1m","data":{"e":"kline","E":)" + std::to_string(open_ms + 60'000) +
         R"(,"s":"BTCUSDT","k":{"t":)" + std::to_string(open_ms) + R"(,"T":)" + std::to_string(open_ms + 59'999) +
         R"(,"s":"BTCUSDT","i":"1m","f":100,"L":200,"o":"30000.01000000","c":"30010.50000000","h":"30020.00000000",)"
         R"("l":"29990.00000000","v":"12.34500000","n":101,"x":true,"q":"370500.12000000","V":"6.00000000",)"
         R"("Q":"180000.00000000","B":"0"}}})";
}

}  // namespace

void run_stream_bench() {
  constexpr int kSamples = 5000;
  constexpr std::int64_t kMinute = 60'000;
  // A closed kline's frame -> its KlineEvent delivered, read directly (kline_frame.hpp, as shipped) and,
  // as the reference in the same program, through the JSON document (read_klines_directly = false).
  for (const bool direct : {true, false}) {
    std::int64_t delivered_at = 0;
    binance::StreamConfig config;
    config.ws_base_url = "ws://127.0.0.1:1";  // never connected: frames are fed directly
    config.streams = {"btcusdt@kline_1m"};
    config.read_klines_directly = direct;
    std::chrono::steady_clock::time_point delivered;
    config.on_kline = [&](const binance::KlineEvent& event) {
      delivered = std::chrono::steady_clock::now();
      delivered_at = event.kline.open_time_ms;
    };
    binance::StreamClient client(config);
    std::vector<std::string> frames;
    for (int i = 0; i < kSamples + 200; ++i) frames.push_back(kline_frame(1'700'000'000'000 + i * kMinute));
    std::vector<double> micros;
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      client.handle_frame(frames[i]);
      if (i >= 200) micros.push_back(std::chrono::duration<double, std::micro>(delivered - start).count());
    }
    octobot::bench::do_not_optimize(delivered_at);
    report_stream_percentiles(
        direct ? "exchange_binance.ws.frame_to_event" : "exchange_binance.ws.frame_to_event.document",
        std::move(micros));
  }

  octobot::testing::FakeBinanceOptions options;
  octobot::testing::FakeBinance fake(options);
  octobot::testing::FakeMarket market;
  market.base = "BTC";
  market.quote = "USDT";
  constexpr std::size_t kCandles = 30'000;
  market.candles = octobot::testing::generate_candles(options.start_time_ms, kMinute, kCandles, "30000");
  fake.add_market(market);

  std::mutex mutex;
  std::condition_variable changed;
  std::int64_t closed = 0;
  std::chrono::steady_clock::time_point last_closed_at;
  binance::StreamConfig config;
  config.ws_base_url = "ws://127.0.0.1:" + std::to_string(fake.port());
  config.rest.base_url = fake.base_url();
  config.streams = {"btcusdt@kline_1m"};
  config.on_kline = [&](const binance::KlineEvent& event) {
    if (!event.closed) return;
    std::lock_guard lock(mutex);
    ++closed;
    last_closed_at = std::chrono::steady_clock::now();
    changed.notify_all();
  };
  bool connected = false;
  config.on_state = [&](binance::StreamState state, std::string_view) {
    std::lock_guard lock(mutex);
    connected = connected || state == binance::StreamState::connected;
    changed.notify_all();
  };
  binance::StreamClient client(config);
  client.start();
  const auto wait_closed = [&](std::int64_t count) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(30), [&] { return closed >= count; });
  };
  {
    std::unique_lock lock(mutex);
    changed.wait_for(lock, std::chrono::seconds(5), [&] { return connected; });
  }
  while (fake.websocket_connections_accepted() < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  constexpr int kLive = 2000;
  std::vector<double> micros;
  for (int i = 0; i < kLive; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fake.advance(kMinute);
    if (!wait_closed(i + 1)) break;
    std::lock_guard lock(mutex);
    if (i >= 100) micros.push_back(std::chrono::duration<double, std::micro>(last_closed_at - start).count());
  }
  report_stream_percentiles("exchange_binance.ws.clock_to_event", std::move(micros));

  constexpr std::int64_t kBurst = 20'000;
  const auto start = std::chrono::steady_clock::now();
  fake.advance(kBurst * kMinute);
  const bool all = wait_closed(kLive + kBurst);
  std::lock_guard lock(mutex);
  const double seconds = std::chrono::duration<double>(last_closed_at - start).count();
  octobot::bench::report("exchange_binance.ws.candles_ingested", "candles/s",
                         all ? static_cast<double>(kBurst) / seconds : 0.0);
}
