// Channel bus benchmarks, printed as one JSON object per figure:
//  - throughput (messages sent per second) of one producer to one consumer, and to eight filtered
//    consumers, in synchronized mode, in asynchronous mode on one io_context thread, and across two
//    threads (producer on the main thread, consumers on an io_context thread);
//  - async delivery latency p50/p99 across two threads, one message in flight at a time;
//  - the same work done through a plain virtual call, and the slowdown of the bus relative to it.
// The message is the real OhlcvMessage (three strings, five exact decimals); the work per delivery
// is adding the close price to a running exact sum.
#include <octobot/channel/executor.hpp>
#include <octobot/channel/standard.hpp>
#include <octobot/channel/sync_driver.hpp>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_report.hpp"

using namespace octobot::channel;
using octobot::bench::do_not_optimize;
using octobot::bench::report;
using octobot::bench::Stopwatch;
using octobot::commons::Decimal;

namespace asio = boost::asio;

namespace {

constexpr int kRounds = 3;  // best of
constexpr std::int64_t kSyncMessages = 2'000'000;
constexpr std::int64_t kAsyncMessages = 1'000'000;
constexpr int kSyncBatch = 100;  // sends per SyncDriver::drain (a backtest time step)
constexpr int kAsyncBatch = 64;  // sends per producer turn on a shared io_context
constexpr int kFanOut = 8;
constexpr int kLatencySamples = 20'000;

// Eight consumers: four want BTC/USDT 1h, four want ETH/USDT 1h. Messages alternate between the two
// symbols, so every message is checked against eight filters and delivered to four consumers.
const char* const kSymbols[] = {"BTC/USDT", "ETH/USDT"};

std::vector<OhlcvMessage> make_messages() {
  std::vector<OhlcvMessage> messages;
  for (int i = 0; i < 64; ++i) {
    const char* symbol = kSymbols[i % 2];
    messages.push_back(OhlcvMessage{
        i % 2 == 0 ? "BTC" : "ETH", symbol, "1h",
        Candle{i, Decimal::from_integer(100 + i), Decimal::from_integer(101 + i), Decimal::from_integer(99 + i),
               Decimal::from_string("100.25") + Decimal::from_integer(i), Decimal::from_integer(1000)}});
  }
  return messages;
}

Filter filter_for(int consumer) { return Filter{{"symbol", kSymbols[consumer / (kFanOut / 2)]}, {"time_frame", "1h"}}; }

// The same work through plain virtual calls: the floor any dispatch mechanism pays.
class CandleSink {
 public:
  virtual ~CandleSink() = default;
  virtual void on_candle(const OhlcvMessage& message) = 0;
};

class SummingSink final : public CandleSink {
 public:
  void on_candle(const OhlcvMessage& message) override { sum += message.candle.close; }
  Decimal sum;
};

struct VirtualFilter {
  std::string symbol;
  std::string time_frame;
  [[nodiscard]] bool matches(const OhlcvMessage& m) const { return m.symbol == symbol && m.time_frame == time_frame; }
};

template <typename Work>
double best_rate(std::int64_t items, Work&& work) {
  double best = 0;
  for (int round = 0; round < kRounds; ++round) {
    Stopwatch watch;
    work();
    best = std::max(best, static_cast<double>(items) / watch.seconds());
  }
  return best;
}

double virtual_rate(const std::vector<OhlcvMessage>& messages, int consumers) {
  std::vector<std::unique_ptr<CandleSink>> sinks;
  std::vector<VirtualFilter> filters;
  for (int i = 0; i < consumers; ++i) {
    sinks.push_back(std::make_unique<SummingSink>());
    filters.push_back(consumers == 1 ? VirtualFilter{"", ""} : VirtualFilter{kSymbols[i / (kFanOut / 2)], "1h"});
  }
  do_not_optimize(sinks.data());  // keeps the calls virtual
  return best_rate(kSyncMessages, [&] {
    for (std::int64_t i = 0; i < kSyncMessages; ++i) {
      const OhlcvMessage& message = messages[static_cast<std::size_t>(i) & 63];
      for (int c = 0; c < consumers; ++c) {
        if (consumers == 1 || filters[static_cast<std::size_t>(c)].matches(message)) {
          sinks[static_cast<std::size_t>(c)]->on_candle(message);
        }
      }
    }
    for (const auto& sink : sinks) do_not_optimize(static_cast<SummingSink&>(*sink).sum);
  });
}

double sync_rate(const std::vector<OhlcvMessage>& messages, int consumers) {
  SyncDriver driver;
  Channel<OhlcvChannel> channel("bench", DeliveryMode::synchronized(driver));
  std::vector<Decimal> sums(static_cast<std::size_t>(consumers));
  std::vector<Subscription> subscriptions;
  for (int i = 0; i < consumers; ++i) {
    ConsumerOptions options;
    if (consumers > 1) options.with_filter(filter_for(i));
    subscriptions.push_back(channel.subscribe(
        [sum = &sums[static_cast<std::size_t>(i)]](const OhlcvMessage& m) { *sum += m.candle.close; }, options));
  }
  const double rate = best_rate(kSyncMessages, [&] {
    for (std::int64_t i = 0; i < kSyncMessages; ++i) {
      channel.send(messages[static_cast<std::size_t>(i) & 63]);
      if (i % kSyncBatch == kSyncBatch - 1) driver.drain();
    }
    driver.drain();
  });
  do_not_optimize(sums);
  return rate;
}

// Producer and consumers share one io_context thread: the producer is a handler that sends a batch
// and re-posts itself, as a bot-loop component would.
double async_one_thread_rate(const std::vector<OhlcvMessage>& messages, int consumers) {
  return best_rate(kAsyncMessages, [&] {
    asio::io_context io;
    Channel<OhlcvChannel> channel("bench", DeliveryMode::asynchronous(make_executor(io)));
    std::vector<Subscription> subscriptions;
    std::vector<Decimal> sums(static_cast<std::size_t>(consumers));
    for (int i = 0; i < consumers; ++i) {
      ConsumerOptions options;
      if (consumers > 1) options.with_filter(filter_for(i));
      subscriptions.push_back(channel.subscribe(
          [sum = &sums[static_cast<std::size_t>(i)]](const OhlcvMessage& m) { *sum += m.candle.close; }, options));
    }
    std::int64_t sent = 0;
    std::function<void()> produce = [&] {
      for (int b = 0; b < kAsyncBatch && sent < kAsyncMessages; ++b, ++sent) {
        channel.send(messages[static_cast<std::size_t>(sent) & 63]);
      }
      if (sent < kAsyncMessages) asio::post(io, produce);
    };
    asio::post(io, produce);
    io.run();
    do_not_optimize(sums);
  });
}

// Producer on this thread, consumers on an io_context run by another thread. The default OHLCV
// policy (block at 1024) paces the producer.
double async_two_threads_rate(const std::vector<OhlcvMessage>& messages, int consumers) {
  return best_rate(kAsyncMessages, [&] {
    asio::io_context io;
    auto guard = asio::make_work_guard(io);
    std::thread loop([&] { io.run(); });
    Channel<OhlcvChannel> channel("bench", DeliveryMode::asynchronous(make_executor(io)));
    std::vector<Subscription> subscriptions;
    std::atomic<std::int64_t> delivered{0};
    for (int i = 0; i < consumers; ++i) {
      ConsumerOptions options;
      if (consumers > 1) options.with_filter(filter_for(i));
      subscriptions.push_back(channel.subscribe(
          [&delivered, sum = Decimal()](const OhlcvMessage& m) mutable {
            sum += m.candle.close;
            delivered.fetch_add(1, std::memory_order_relaxed);
          },
          options));
    }
    for (std::int64_t i = 0; i < kAsyncMessages; ++i) channel.send(messages[static_cast<std::size_t>(i) & 63]);
    const std::int64_t expected = consumers == 1 ? kAsyncMessages : kAsyncMessages * (kFanOut / 2);
    while (delivered.load(std::memory_order_relaxed) < expected) std::this_thread::yield();
    guard.reset();
    loop.join();
  });
}

struct Percentiles {
  double p50_ns;
  double p99_ns;
};

// One message in flight at a time: the producer sends, the consumer on the io thread records how
// long after the send it ran, and the producer waits for it before sending the next.
Percentiles async_latency(const std::vector<OhlcvMessage>& messages) {
  asio::io_context io;
  auto guard = asio::make_work_guard(io);
  std::thread loop([&] { io.run(); });
  Channel<OhlcvChannel> channel("bench", DeliveryMode::asynchronous(make_executor(io)));
  std::vector<double> samples;
  samples.reserve(kLatencySamples);
  std::atomic<int> received{0};
  auto subscription = channel.subscribe([&](const OhlcvMessage& m) {
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    // The send time travels in open_time_ms (as steady_clock nanoseconds) for this benchmark only.
    samples.push_back(
        static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count() - m.candle.open_time_ms));
    received.fetch_add(1, std::memory_order_release);
  });
  OhlcvMessage message = messages[0];
  for (int i = 0; i < kLatencySamples; ++i) {
    message.candle.open_time_ms =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    channel.send(message);
    while (received.load(std::memory_order_acquire) <= i) std::this_thread::yield();
  }
  guard.reset();
  loop.join();
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[samples.size() * 99 / 100]};
}

void report_pair(const std::string& name, double bus_rate, double virtual_rate) {
  report(name, "msg/s", bus_rate);
  report(name + ".slowdown_vs_virtual", "x", virtual_rate / bus_rate);
}

}  // namespace

int main() {
  const std::vector<OhlcvMessage> messages = make_messages();

  const double virtual_1to1 = virtual_rate(messages, 1);
  const double virtual_1to8 = virtual_rate(messages, kFanOut);
  report("channel.virtual_call.1to1", "msg/s", virtual_1to1);
  report("channel.virtual_call.1to8_filtered", "msg/s", virtual_1to8);

  report_pair("channel.sync.1to1", sync_rate(messages, 1), virtual_1to1);
  report_pair("channel.sync.1to8_filtered", sync_rate(messages, kFanOut), virtual_1to8);
  report_pair("channel.async_one_thread.1to1", async_one_thread_rate(messages, 1), virtual_1to1);
  report_pair("channel.async_one_thread.1to8_filtered", async_one_thread_rate(messages, kFanOut), virtual_1to8);
  report_pair("channel.async_two_threads.1to1", async_two_threads_rate(messages, 1), virtual_1to1);
  report_pair("channel.async_two_threads.1to8_filtered", async_two_threads_rate(messages, kFanOut), virtual_1to8);

  const Percentiles latency = async_latency(messages);
  report("channel.async_two_threads.latency.p50", "ns", latency.p50_ns);
  report("channel.async_two_threads.latency.p99", "ns", latency.p99_ns);
  return 0;
}
