// The Binance connector tentacle loaded by the real tentacle host, with what its tests share: the
// tentacle copied alone into a tree, log/1 and credentials/1 test tables, a sink recording what the
// connector pushes, and `Run`: the in-process fake Binance (harness.hpp) and one connector instance
// configured for it (its URLs, short reconnect delays, plus a test's own settings).
#pragma once

#include <octobot/exchange.h>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "harness.hpp"

namespace octobot::binance::testing {

// The built tentacle copied alone into a tree of its own: the host loads exactly it. Removed when
// the process exits (after the host, constructed later, is gone): ctest runs each case as a process
// of its own, and a copy left behind per process filled /tmp by ~100 MB each.
struct CopiedTree {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("octobot-connector-test-" + std::to_string(::getpid()));
  CopiedTree() {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "Trading/Exchange");
    std::filesystem::copy(OCTOBOT_BINANCE_TENTACLE_DIR, dir / "Trading/Exchange/binance",
                          std::filesystem::copy_options::recursive);
  }
  ~CopiedTree() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
  CopiedTree(const CopiedTree&) = delete;
  CopiedTree& operator=(const CopiedTree&) = delete;
};

inline octobot::tentacles::TentacleHost& host() {
  static const CopiedTree tree;
  static octobot::tentacles::TentacleHost host([] {
    octobot::tentacles::HostOptions options;
    options.tentacles_root = tree.dir;
    options.probe = false;  // our own build: trusted (probing is the host's tests' subject)
    return options;
  }());
  static const bool loaded = [] {
    host.load();
    if (host.find_class("Binance") == nullptr) {
      throw std::runtime_error("Binance did not load from " + tree.dir.string());
    }
    return true;
  }();
  (void)loaded;
  return host;
}

// log/1 that keeps every line (any thread).
struct LogLines {
  std::mutex mutex;
  std::vector<std::string> lines;
  ob_log_service_v1 table = {OB_HEADER_INIT(ob_log_service_v1), this, &write, &enabled};
  static void write(void* context, uint32_t, const char* source, const char* message) {
    auto* self = static_cast<LogLines*>(context);
    const std::lock_guard lock(self->mutex);
    self->lines.push_back(std::string(source) + ": " + message);
  }
  static int32_t enabled(void*, uint32_t) { return 1; }
  std::vector<std::string> snapshot() {
    const std::lock_guard lock(mutex);
    return lines;
  }
};

// credentials/1 over a test table.
struct Credentials {
  std::string key = kApiKey;
  std::string secret = kApiSecret;
  ob_credentials_service_v1 table = {OB_HEADER_INIT(ob_credentials_service_v1), this, &get};
  static ob_status get(void* context, const char* exchange, const char* name, char* buffer, uint64_t capacity,
                       uint64_t* length, ob_error* error) {
    auto* self = static_cast<Credentials*>(context);
    if (std::string(exchange) != "binance" || std::string(name) == OB_CREDENTIAL_API_PASSWORD) {
      std::snprintf(error->message, sizeof(error->message), "no %s for %s", name, exchange);
      return OB_ERROR_NOT_FOUND;
    }
    const std::string& value = std::string(name) == OB_CREDENTIAL_API_KEY ? self->key : self->secret;
    std::snprintf(buffer, capacity, "%s", value.c_str());
    *length = value.size();
    return OB_OK;
  }
};

struct CandleEvent {
  std::string symbol, time_frame;
  std::int64_t open_time_ms;
  std::string close;
  bool closed, from_rest;
};
struct OrderEvent {
  std::string id, exchange_order_id;
  std::uint32_t state;
  std::string filled, fee, trade_id;  // trade_id "" when not an execution
  int maker;
  std::int64_t created_ms;
};

// What the sink received (any thread); wait() blocks until a predicate holds (5 s at most).
struct Sink {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<CandleEvent> candles;
  std::vector<OrderEvent> orders;
  std::vector<std::uint32_t> connections;
  std::vector<std::string> connection_reasons;  // each connection() call's reason ("" when none)
  std::vector<std::int64_t> ban_ends;
  int tickers = 0;
  int books = 0;
  int balances = 0;
  std::string last_ticker;
  std::size_t last_book_levels = 0;
  ob_exchange_sink table = {OB_HEADER_INIT(ob_exchange_sink),
                            this,
                            &on_candle,
                            &on_ticker,
                            &on_book,
                            &on_order,
                            &on_balances,
                            &on_connection};

  template <typename F>
  static void with(void* context, F&& f) {
    auto* self = static_cast<Sink*>(context);
    const std::lock_guard lock(self->mutex);
    f(*self);
    self->changed.notify_all();
  }
  static void on_candle(void* c, const ob_exchange_candle* e) {
    with(c, [&](Sink& s) {
      s.candles.push_back(
          {e->symbol, e->time_frame, e->candle.open_time_ms, e->candle.close.text, e->closed != 0, e->from_rest != 0});
    });
  }
  static void on_ticker(void* c, const ob_exchange_ticker* e) {
    with(c, [&](Sink& s) {
      ++s.tickers;
      s.last_ticker = std::string(e->symbol) + " " + e->last.text;
    });
  }
  static void on_book(void* c, const ob_exchange_book* e) {
    with(c, [&](Sink& s) {
      ++s.books;
      s.last_book_levels = e->bid_count;
    });
  }
  static void on_order(void* c, const ob_exchange_order_event* e) {
    with(c, [&](Sink& s) {
      s.orders.push_back({e->order->id, e->exchange_order_id, e->order->state, e->order->filled.text,
                          e->order->fee.text, e->fill != nullptr ? e->fill->trade_id : "",
                          e->fill != nullptr ? e->fill->maker : -1, e->order->created_ms});
    });
  }
  static void on_balances(void* c, const ob_asset_balance*, uint64_t) {
    with(c, [&](Sink& s) { ++s.balances; });
  }
  static void on_connection(void* c, const ob_exchange_connection* e) {
    with(c, [&](Sink& s) {
      s.connections.push_back(e->state);
      s.connection_reasons.emplace_back(e->reason != nullptr ? e->reason : "");
      if (e->state == OB_CONNECTION_BANNED) s.ban_ends.push_back(e->until_ms);
    });
  }

  bool wait(const std::function<bool(Sink&)>& done, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return done(*this); });
  }
  std::vector<OrderEvent> fills_of(const std::string& id) {
    const std::lock_guard lock(mutex);
    std::vector<OrderEvent> out;
    for (const auto& e : orders) {
      if (e.id == id && !e.trade_id.empty()) out.push_back(e);
    }
    return out;
  }
};

struct Run {
  Harness market;  // the fake with BTC/USDT and balances (harness.hpp)
  LogLines log;
  Credentials credentials;
  octobot::tentacles::HostServices services;
  Sink sink;
  const ob_exchange_vtable* table = nullptr;
  ob_instance* instance = nullptr;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};

  // `settings`: more of the connector's settings (name, JSON text), over the test defaults.
  explicit Run(bool with_credentials = true, octobot::testing::FakeBinanceOptions options = Harness::default_options(),
               const octobot::tentacles::ConfigOverrides& settings = {})
      : market(std::move(options)) {
    services.register_service(OB_SERVICE_LOG_V1, &log.table);
    if (with_credentials) services.register_service(OB_SERVICE_CREDENTIALS_V1, &credentials.table);
    auto& tentacles = host();
    const ob_class_descriptor* descriptor = tentacles.find_class("Binance");
    REQUIRE(descriptor->kind == OB_KIND_EXCHANGE);
    table = static_cast<const ob_exchange_vtable*>(descriptor->vtable);
    REQUIRE(table->header.struct_size >= sizeof(ob_exchange_vtable));
    octobot::tentacles::ConfigOverrides overrides = {{"rest_url", "\"" + market.fake->base_url() + "\""},
                                                     {"ws_url", "\"" + market.fake->ws_url() + "\""},
                                                     {"ws_api_url", "\"" + market.fake->ws_api_url() + "\""},
                                                     {"reconnect_base_ms", "20"},
                                                     {"reconnect_max_ms", "200"},
                                                     {"request_timeout_ms", "3000"}};
    for (const auto& [name, value] : settings) overrides[name] = value;
    const auto config = tentacles.resolve_config("Binance", overrides);
    const ob_instance_args args = {
        OB_HEADER_INIT(ob_instance_args), services.host(), config.handle(), "binance", "", "", nullptr};
    REQUIRE(table->lifecycle.create(&args, &instance, &error) == OB_OK);
  }
  ~Run() {
    if (instance != nullptr) {
      table->stop(instance, &error);
      table->lifecycle.destroy(instance);
    }
  }

  ob_status start() { return table->start(instance, &sink.table, &error); }

  // A BTC/USDT order request tagged "t", as create_order and submit_order take it.
  static ob_order_request order_request(uint32_t side, uint32_t type, const char* amount, const char* price) {
    ob_order_request request{};
    request.header = OB_HEADER_INIT(ob_order_request);
    request.symbol = "BTC/USDT";
    request.side = side;
    request.type = type;
    std::snprintf(request.amount.text, sizeof(request.amount.text), "%s", amount);
    std::snprintf(request.price.text, sizeof(request.price.text), "%s", price);
    request.tag = "t";
    return request;
  }

  ob_status order(const char* id, uint32_t side, uint32_t type, const char* amount, const char* price,
                  ob_order_view& out) {
    const ob_order_request request = order_request(side, type, amount, price);
    std::memset(&out, 0, sizeof(out));
    return table->create_order(instance, &request, id, &out, &error);
  }

  std::vector<std::string> candle_opens(std::int64_t since, std::uint64_t limit, ob_status* status = nullptr) {
    std::vector<std::string> out;
    const ob_status s = table->candles(
        instance, "BTC/USDT", "1m", since, limit,
        [](void* c, const ob_exchange_candle* k) {
          static_cast<std::vector<std::string>*>(c)->push_back(std::to_string(k->candle.open_time_ms) + " " +
                                                               k->candle.close.text + (k->from_rest ? " rest" : ""));
        },
        &out, &error);
    if (status != nullptr) *status = s;
    return out;
  }
};

}  // namespace octobot::binance::testing
