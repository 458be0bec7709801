// What the stream client's tests share: a recorder of every callback, a stream configuration wired
// to it and to a Harness's fake (its ws:// or wss:// URL, its REST client, short reconnect delays), and
// a wait for the fake to register a WebSocket session.
#pragma once

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <octobot_binance/stream_client.hpp>
#include <string>
#include <thread>
#include <vector>

#include "harness.hpp"

namespace octobot::binance::testing {

// Everything the callbacks received, guarded; wait() blocks until a predicate holds (5 s at most).
struct Recorder {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<KlineEvent> klines;
  std::vector<TickerEvent> tickers;
  std::vector<BookTickerEvent> book_tickers;
  std::vector<DepthEvent> depths;
  std::vector<ExecutionReport> reports;
  std::vector<AccountPosition> positions;
  // The user-data events in arrival order: an executionReport's execution type, "balances" for an
  // outboundAccountPosition.
  std::vector<std::string> user_sequence;
  int connected = 0;
  std::vector<std::string> disconnect_reasons;  // on_state(disconnected)'s, in order

  template <typename T>
  std::function<void(const T&)> into(std::vector<T>& list) {
    return [this, &list](const T& event) {
      std::lock_guard lock(mutex);
      list.push_back(event);
      changed.notify_all();
    };
  }

  void wire(StreamConfig& config) {
    config.on_kline = into(klines);
    config.on_ticker = into(tickers);
    config.on_book_ticker = into(book_tickers);
    config.on_depth = into(depths);
    config.on_execution_report = [this](const ExecutionReport& report) {
      std::lock_guard lock(mutex);
      reports.push_back(report);
      user_sequence.push_back(report.execution_type);
      changed.notify_all();
    };
    config.on_account_position = [this](const AccountPosition& position) {
      std::lock_guard lock(mutex);
      positions.push_back(position);
      user_sequence.emplace_back("balances");
      changed.notify_all();
    };
    config.on_state = [this](StreamState state, std::string_view reason) {
      std::lock_guard lock(mutex);
      if (state == StreamState::connected) ++connected;
      if (state == StreamState::disconnected) disconnect_reasons.emplace_back(reason);
      changed.notify_all();
    };
  }

  template <typename P>
  bool wait(P predicate) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(5), [&] { return predicate(); });
  }

  // With the lock held (inside wait()).
  [[nodiscard]] std::size_t closed_klines_unlocked() const {
    return static_cast<std::size_t>(
        std::count_if(klines.begin(), klines.end(), [](const auto& k) { return k.closed; }));
  }

  std::vector<KlineEvent> closed_klines() {
    std::lock_guard lock(mutex);
    std::vector<KlineEvent> out;
    for (const auto& k : klines) {
      if (k.closed) out.push_back(k);
    }
    return out;
  }
};

inline StreamConfig stream_config(Harness& h, Recorder& recorder) {
  StreamConfig config;
  config.ws_base_url = h.fake->ws_url();
  config.ca_file = h.ca_file;
  config.rest = h.config();
  config.reconnect_base_ms = 20;
  config.reconnect_max_ms = 100;
  // user_data then takes a listen key on this market connection (Binance.US's way); the WS API's is
  // ws_api_config's.
  config.user_stream = UserStream::listen_key;
  recorder.wire(config);
  return config;
}

// The user-data stream over the fake's WebSocket API (Binance Spot's way), on a connection of its own.
inline StreamConfig ws_api_config(Harness& h, Recorder& recorder) {
  StreamConfig config = stream_config(h, recorder);
  config.user_data = true;
  config.user_stream = UserStream::ws_api;
  config.ws_api_url = h.fake->ws_api_url();
  return config;
}

// Waits until the fake has registered `count` WebSocket sessions (events published after that reach them).
inline bool wait_accepted(Harness& h, std::int64_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (h.fake->websocket_connections_accepted() < count) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

// Waits until the fake has accepted `count` WebSocket API user-data subscriptions (the events published
// after that reach the client).
inline bool wait_subscribed(Harness& h, std::int64_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (h.fake->user_data_subscriptions() < count) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

}  // namespace octobot::binance::testing
