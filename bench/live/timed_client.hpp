// An exchanges::ExchangeClient that forwards every call to the real one (the ConnectorClient) and
// notes, on the bot loop, when the smallest time frame's closed candle reached the bot and when the
// gateway called create_order (its journal row is committed by then: LiveGateway journals before it
// sends). The benchmark reads the times from its own thread, hence the atomics. Costs two clock reads
// per candle and per order; nothing else changes on the path.
//
// With count_thread_usage (BENCH_LIVE_SAMPLES), it also notes how often the bot loop's thread was
// switched out (voluntarily or not) and page-faulted between the candle and create_order, from
// getrusage(RUSAGE_THREAD): two more system calls inside the measured path, so only on request.
#pragma once

#include <octobot/exchanges/exchange_client.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace octobot::bench {

class TimedClient final : public exchanges::ExchangeClient {
 public:
  using Clock = std::chrono::steady_clock;

  TimedClient(exchanges::ExchangeClient& inner, std::string time_frame, bool count_thread_usage = false)
      : inner_(inner), time_frame_(std::move(time_frame)), count_thread_usage_(count_thread_usage) {}

  [[nodiscard]] const std::string& exchange() const noexcept override { return inner_.exchange(); }
  void start(exchanges::ExchangeEvents events, exchanges::Completion<std::vector<trading::Market>> done) override;
  void stop() override { inner_.stop(); }
  void key_permissions(exchanges::Completion<exchanges::KeyPermissions> done) override {
    inner_.key_permissions(std::move(done));
  }
  void subscribe(std::string symbol, std::string time_frame, std::uint32_t streams,
                 exchanges::Completion<std::monostate> done) override {
    inner_.subscribe(std::move(symbol), std::move(time_frame), streams, std::move(done));
  }
  void candles(std::string symbol, std::string time_frame, std::int64_t since_ms, std::uint64_t limit,
               exchanges::Completion<std::vector<exchanges::CandleEvent>> done) override {
    inner_.candles(std::move(symbol), std::move(time_frame), since_ms, limit, std::move(done));
  }
  void balances(exchanges::Completion<std::vector<exchanges::AssetBalance>> done) override {
    inner_.balances(std::move(done));
  }
  void create_order(trading::OrderRequest request, std::string client_order_id,
                    exchanges::Completion<exchanges::ClientOrder> done) override;
  void cancel_order(std::string symbol, std::string client_order_id,
                    exchanges::Completion<exchanges::ClientOrder> done) override {
    inner_.cancel_order(std::move(symbol), std::move(client_order_id), std::move(done));
  }
  void fetch_order(std::string symbol, std::string client_order_id,
                   exchanges::Completion<exchanges::ClientOrder> done) override {
    inner_.fetch_order(std::move(symbol), std::move(client_order_id), std::move(done));
  }
  void open_orders(std::string symbol, exchanges::Completion<std::vector<exchanges::ClientOrder>> done) override {
    inner_.open_orders(std::move(symbol), std::move(done));
  }
  void fills_since(std::string symbol, std::int64_t since_ms,
                   exchanges::Completion<std::vector<exchanges::ClientFill>> done) override {
    inner_.fills_since(std::move(symbol), since_ms, std::move(done));
  }

  // Steady-clock nanoseconds of the latest event of each kind, and how many there were.
  std::atomic<std::int64_t> last_closed_candle_ns{0};
  std::atomic<std::uint64_t> closed_candles{0};  // of the time frame, from the stream or a REST refetch
  std::atomic<std::int64_t> last_create_ns{0};
  std::atomic<std::uint64_t> creates{0};
  std::atomic<std::uint64_t> create_answers{0};  // create_order completions run on the bot loop
  // count_thread_usage only: the bot loop's context switches and page faults (minor + major) between
  // the latest closed candle and the create_order after it.
  std::atomic<std::int64_t> last_path_switches{0};
  std::atomic<std::int64_t> last_path_faults{0};

  [[nodiscard]] static std::int64_t now_ns() noexcept {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
  }

 private:
  exchanges::ExchangeClient& inner_;
  std::string time_frame_;
  bool count_thread_usage_;
  // The bot loop's only: its switches and faults when the latest closed candle arrived.
  std::int64_t switches_at_candle_ = 0;
  std::int64_t faults_at_candle_ = 0;
};

}  // namespace octobot::bench
