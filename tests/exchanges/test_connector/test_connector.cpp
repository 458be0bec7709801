// TestExchange: an exchange connector for the host's tests, written against the C ABI alone
// (exchange.h), so the tests check what crosses the ABI. It serves scripted market data and records
// every call it receives, with the calling thread, in `record_file` (one line each), which the
// tests read.
//
// Prices follow 100 + 20 * sin(2 pi t / period_hours) from history_start_ms, so evaluators see swings
// wide enough to trade on. `candles` serves closed candles up to the connector's clock; after the
// first subscribe, a feed thread advances the clock by one hour every step_interval_ms (live_steps
// times) and pushes, for each subscription, the candles closing at that instant (closed = 1), then the
// next hourly candle in progress (closed = 0) and a ticker, and an order book (two levels a side around
// the price: bids 1.50 at price - 0.50 and 3.00 at price - 1.00, asks 2.00 at price + 0.50 and 4.00 at
// price + 1.00) where the subscription asked for OB_STREAM_BOOK. Faults: fail_candles (network error),
// slow_create_ms (a slow create_order, for stop with pending work).
// ABI 1.6 submit_order: `submit` "busy" (the default: nothing sent, the host uses create_order) or
// "async" (the order is placed on the calling thread, recorded as "submit_order ...", and completed
// from a thread of the connector's after submit_delay_ms; stop completes what is still pending with
// a failure). LegacyTestExchange is the same connector behind a table of ABI 1.5's size: its
// submit_order is present in memory but outside struct_size, so a host must never call it.
// Orders rest (nothing fills them); with `orders_file` they outlive the instance: written there at each
// create and cancel and read back when an instance starts, as an exchange keeps a bot's orders while
// the bot restarts. `fill_orders` (client order ids of that file, comma-separated) fills those orders
// whole at their price when the instance starts, as if it filled while no bot ran: fills_since reports its trade (the
// balances do not follow: set btc_balance).
#include <octobot/exchange.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr std::int64_t kHour = 3'600'000;

struct Subscription {
  std::string symbol;
  std::string time_frame;
  std::int64_t duration_ms;
  std::uint32_t streams;
};

struct TestExchange {
  // configuration
  std::vector<std::string> symbols;
  std::int64_t history_start_ms = 0;
  std::int64_t live_steps = 0;
  std::int64_t step_interval_ms = 2;
  double period_hours = 48;
  bool fail_candles = false;
  std::int64_t slow_create_ms = 0;
  std::string submit = "busy";
  std::int64_t submit_delay_ms = 20;
  bool can_withdraw = false;
  bool can_trade = true;
  std::string record_file;
  std::string rest_url;
  std::string orders_file;  // "": the orders live as long as the instance
  std::string btc_balance;  // the account's BTC (its USDT: 1000)
  // state
  const ob_exchange_sink* sink = nullptr;
  std::mutex mutex;
  std::int64_t now_ms = 0;  // the connector's clock: candles closing up to it exist
  std::vector<Subscription> subscriptions;
  std::map<std::string, ob_order_view> orders;  // by client order id
  std::thread feed;
  std::atomic<bool> stopping{false};
  // submit_order in flight (guarded by mutex): each completed once, by its thread or by stop.
  struct Submitted {
    ob_order_completion done;
    void* context;
    ob_order_view view;
    bool completed = false;
  };
  std::vector<std::shared_ptr<Submitted>> submitted;
  std::vector<std::thread> submit_threads;
  std::atomic<bool> stopping_submits{false};
};

void record(TestExchange& self, const std::string& line) {
  if (self.record_file.empty()) return;
  if (std::FILE* file = std::fopen(self.record_file.c_str(), "a")) {
    std::fprintf(file, "%s thread=%zu\n", line.c_str(), std::hash<std::thread::id>{}(std::this_thread::get_id()));
    std::fclose(file);
  }
}

// The orders as raw ob_order_view records (plain C data): the file is only read back by this build.
void save_orders(const TestExchange& self) {
  if (self.orders_file.empty()) return;
  if (std::FILE* file = std::fopen(self.orders_file.c_str(), "wb")) {
    for (const auto& [id, view] : self.orders) std::fwrite(&view, sizeof(view), 1, file);
    std::fclose(file);
  }
}

void load_orders(TestExchange& self) {
  if (self.orders_file.empty()) return;
  if (std::FILE* file = std::fopen(self.orders_file.c_str(), "rb")) {
    ob_order_view view{};
    while (std::fread(&view, sizeof(view), 1, file) == 1) self.orders[view.id] = view;
    std::fclose(file);
  }
}

ob_status fail(ob_error* error, ob_status status, const std::string& message) {
  std::snprintf(error->message, sizeof(error->message), "%s", message.c_str());
  return status;
}

std::int64_t duration_of(const std::string& time_frame) {
  if (time_frame.size() < 2) return 0;
  const std::int64_t count = std::atoll(time_frame.substr(0, time_frame.size() - 1).c_str());
  switch (time_frame.back()) {
    case 'm':
      return count * 60'000;
    case 'h':
      return count * kHour;
    case 'd':
      return count * 24 * kHour;
    default:
      return 0;
  }
}

void set_decimal(ob_decimal& out, double value) { std::snprintf(out.text, sizeof(out.text), "%.2f", value); }
void set_text(char* out, std::size_t capacity, const std::string& text) {
  std::snprintf(out, capacity, "%s", text.c_str());
}

double price_at(const TestExchange& self, std::int64_t time_ms) {
  const double hours = static_cast<double>(time_ms - self.history_start_ms) / static_cast<double>(kHour);
  return 100.0 + 20.0 * std::sin(2.0 * M_PI * hours / self.period_hours);
}

ob_exchange_candle make_candle(const TestExchange& self, const std::string& symbol, const std::string& time_frame,
                               std::int64_t open_ms, std::int64_t duration, bool closed) {
  ob_exchange_candle candle{};
  candle.header = OB_HEADER_INIT(ob_exchange_candle);
  candle.symbol = symbol.c_str();
  candle.time_frame = time_frame.c_str();
  const double open = price_at(self, open_ms);
  const double close = price_at(self, closed ? open_ms + duration : open_ms);
  candle.candle.open_time_ms = open_ms;
  set_decimal(candle.candle.open, open);
  set_decimal(candle.candle.high, std::max(open, close) + 0.5);
  set_decimal(candle.candle.low, std::min(open, close) - 0.5);
  set_decimal(candle.candle.close, close);
  set_decimal(candle.candle.volume, 10.0);
  candle.closed = closed ? 1 : 0;
  return candle;
}

// Reads the instance's configuration through config/1.
struct Config {
  const ob_config_service_v1* service;
  const ob_config* config;
  std::string text(const char* path, const std::string& fallback) const {
    char buffer[1024];
    uint64_t length = 0;
    ob_error error = {OB_HEADER_INIT(ob_error), {0}};
    if (service->get_string(config, path, buffer, sizeof(buffer), &length, &error) != OB_OK) return fallback;
    return buffer;
  }
  std::int64_t integer(const char* path, std::int64_t fallback) const {
    std::int64_t value = 0;
    ob_error error = {OB_HEADER_INIT(ob_error), {0}};
    return service->get_int64(config, path, &value, &error) == OB_OK ? value : fallback;
  }
  bool flag(const char* path, bool fallback) const {
    int32_t value = 0;
    ob_error error = {OB_HEADER_INIT(ob_error), {0}};
    return service->get_bool(config, path, &value, &error) == OB_OK ? value != 0 : fallback;
  }
};

ob_status create(const ob_instance_args* args, ob_instance** out, ob_error* error) {
  const auto* service =
      static_cast<const ob_config_service_v1*>(args->host->get_service(args->host, OB_SERVICE_CONFIG_V1));
  if (service == nullptr) return fail(error, OB_ERROR_STATE, "TestExchange: no config/1");
  const Config config{service, args->config};
  auto* self = new TestExchange();
  uint64_t count = 0;
  ob_error ignored = {OB_HEADER_INIT(ob_error), {0}};
  if (service->get_array_size(args->config, "symbols", &count, &ignored) == OB_OK) {
    for (uint64_t i = 0; i < count; ++i) {
      self->symbols.push_back(config.text(("symbols[" + std::to_string(i) + "]").c_str(), ""));
    }
  }
  if (self->symbols.empty()) self->symbols.push_back("BTC/USDT");
  self->history_start_ms = config.integer("history_start_ms", 1699920000000);
  self->live_steps = config.integer("live_steps", 0);
  self->step_interval_ms = config.integer("step_interval_ms", 2);
  self->period_hours = static_cast<double>(config.integer("period_hours", 48));
  self->fail_candles = config.flag("fail_candles", false);
  self->slow_create_ms = config.integer("slow_create_ms", 0);
  self->submit = config.text("submit", "busy");
  self->submit_delay_ms = config.integer("submit_delay_ms", 20);
  self->can_withdraw = config.flag("can_withdraw", false);
  self->can_trade = config.flag("can_trade", true);
  self->record_file = config.text("record_file", "");
  self->rest_url = config.text("rest_url", "");
  self->orders_file = config.text("orders_file", "");
  self->btc_balance = config.text("btc_balance", "1");
  load_orders(*self);
  const std::string fill_orders = config.text("fill_orders", "");
  for (std::size_t from = 0; from < fill_orders.size();) {
    const std::size_t comma = std::min(fill_orders.find(',', from), fill_orders.size());
    if (const auto filled = self->orders.find(fill_orders.substr(from, comma - from)); filled != self->orders.end()) {
      filled->second.state = OB_ORDER_STATUS_FILLED;
      filled->second.filled = filled->second.amount;
      filled->second.average_price = filled->second.price;
    }
    from = comma + 1;
  }
  if (!fill_orders.empty()) save_orders(*self);
  self->now_ms = self->history_start_ms;
  record(*self, "create exchange=" + std::string(args->exchange != nullptr ? args->exchange : "") +
                    " rest_url=" + self->rest_url);
  // The credentials as the connector gets them (the tests check the log never shows them; this file
  // is the connector's own, so writing them here is how the test sees they arrive).
  if (const auto* credentials = static_cast<const ob_credentials_service_v1*>(
          args->host->get_service(args->host, OB_SERVICE_CREDENTIALS_V1))) {
    char key[256];
    uint64_t length = 0;
    ob_error missing = {OB_HEADER_INIT(ob_error), {0}};
    const ob_status status = credentials->get(credentials->context, args->exchange, OB_CREDENTIAL_API_KEY, key,
                                              sizeof(key), &length, &missing);
    record(*self, status == OB_OK ? "credentials api_key_length=" + std::to_string(length) : "credentials none");
  }
  *out = reinterpret_cast<ob_instance*>(self);
  return OB_OK;
}

TestExchange& self_of(ob_instance* instance) { return *reinterpret_cast<TestExchange*>(instance); }

void stop_feed(TestExchange& self) {
  self.stopping = true;
  if (self.feed.joinable()) self.feed.join();
}

// Completes `submitted` once (its thread and stop may both try).
void complete(TestExchange& self, TestExchange::Submitted& submitted, bool placed) {
  {
    const std::lock_guard lock(self.mutex);
    if (submitted.completed) return;
    submitted.completed = true;
  }
  if (placed) {
    submitted.done(submitted.context, OB_OK, &submitted.view, nullptr);
  } else {
    ob_error error = {OB_HEADER_INIT(ob_error), {0}};
    std::snprintf(error.message, sizeof(error.message), "%s", "the connector stopped before the order's answer");
    submitted.done(submitted.context, OB_ERROR_EXCHANGE_NETWORK, nullptr, &error);
  }
}

void stop_submits(TestExchange& self) {
  self.stopping_submits = true;
  for (auto& thread : self.submit_threads) thread.join();
  self.submit_threads.clear();
  for (auto& submitted : self.submitted) complete(self, *submitted, false);
  self.submitted.clear();
  self.stopping_submits = false;
}

void destroy(ob_instance* instance) {
  TestExchange& self = self_of(instance);
  stop_feed(self);
  stop_submits(self);
  record(self, "destroy");
  delete &self;
}

ob_status configure(ob_instance*, const ob_config*, ob_error*) { return OB_OK; }

ob_status start(ob_instance* instance, const ob_exchange_sink* sink, ob_error*) {
  TestExchange& self = self_of(instance);
  record(self, "start");
  self.sink = sink;
  ob_exchange_connection connection{OB_HEADER_INIT(ob_exchange_connection), OB_CONNECTION_CONNECTED, 0, ""};
  sink->on_connection(sink->context, &connection);
  return OB_OK;
}

ob_status stop(ob_instance* instance, ob_error*) {
  TestExchange& self = self_of(instance);
  stop_feed(self);
  stop_submits(self);
  self.sink = nullptr;
  record(self, "stop");
  return OB_OK;
}

ob_status markets(ob_instance* instance, ob_market_visitor visit, void* context, ob_error*) {
  TestExchange& self = self_of(instance);
  record(self, "markets");
  for (const auto& symbol : self.symbols) {
    ob_market_info info{};
    info.header = OB_HEADER_INIT(ob_market_info);
    const auto slash = symbol.find('/');
    set_text(info.base, sizeof(info.base), symbol.substr(0, slash));
    set_text(info.quote, sizeof(info.quote), slash == std::string::npos ? "" : symbol.substr(slash + 1));
    set_text(info.price_tick.text, sizeof(info.price_tick.text), "0.01");
    set_text(info.amount_step.text, sizeof(info.amount_step.text), "0.00001");
    set_text(info.min_amount.text, sizeof(info.min_amount.text), "0.0001");
    set_text(info.min_cost.text, sizeof(info.min_cost.text), "5");
    set_text(info.maker_fee.text, sizeof(info.maker_fee.text), "0.001");
    set_text(info.taker_fee.text, sizeof(info.taker_fee.text), "0.001");
    ob_exchange_market market{};
    market.header = OB_HEADER_INIT(ob_exchange_market);
    set_text(market.symbol, sizeof(market.symbol), symbol);
    market.info = &info;
    visit(context, &market);
  }
  return OB_OK;
}

ob_status key_permissions(ob_instance* instance, ob_key_permissions* out, ob_error*) {
  TestExchange& self = self_of(instance);
  record(self, "key_permissions");
  out->known = 1;
  out->can_read = 1;
  out->can_trade = self.can_trade ? 1 : 0;
  out->can_withdraw = self.can_withdraw ? 1 : 0;
  set_text(out->detail, sizeof(out->detail), "test key");
  return OB_OK;
}

// One live step: the clock moves one hour; candles closing now go out, then the hour in progress.
void step(TestExchange& self) {
  std::vector<Subscription> subscriptions;
  std::int64_t now = 0;
  {
    std::lock_guard lock(self.mutex);
    self.now_ms += kHour;
    now = self.now_ms;
    subscriptions = self.subscriptions;
  }
  std::sort(subscriptions.begin(), subscriptions.end(),
            [](const Subscription& a, const Subscription& b) { return a.duration_ms < b.duration_ms; });
  for (const auto& subscription : subscriptions) {
    if (now % subscription.duration_ms != 0) continue;
    const ob_exchange_candle candle = make_candle(self, subscription.symbol, subscription.time_frame,
                                                  now - subscription.duration_ms, subscription.duration_ms, true);
    self.sink->on_candle(self.sink->context, &candle);
  }
  for (const auto& subscription : subscriptions) {
    if (subscription.duration_ms != kHour) continue;
    const ob_exchange_candle partial =
        make_candle(self, subscription.symbol, subscription.time_frame, now, subscription.duration_ms, false);
    self.sink->on_candle(self.sink->context, &partial);
    ob_exchange_ticker ticker{};
    ticker.header = OB_HEADER_INIT(ob_exchange_ticker);
    ticker.symbol = subscription.symbol.c_str();
    ticker.time_ms = now;
    set_decimal(ticker.last, price_at(self, now));
    self.sink->on_ticker(self.sink->context, &ticker);
  }
  for (const auto& subscription : subscriptions) {
    if ((subscription.streams & OB_STREAM_BOOK) == 0u) continue;
    const double price = price_at(self, now);
    ob_book_level bids[2]{};
    ob_book_level asks[2]{};
    set_decimal(bids[0].price, price - 0.5);
    set_decimal(bids[0].amount, 1.5);
    set_decimal(bids[1].price, price - 1.0);
    set_decimal(bids[1].amount, 3.0);
    set_decimal(asks[0].price, price + 0.5);
    set_decimal(asks[0].amount, 2.0);
    set_decimal(asks[1].price, price + 1.0);
    set_decimal(asks[1].amount, 4.0);
    ob_exchange_book book{};
    book.header = OB_HEADER_INIT(ob_exchange_book);
    book.symbol = subscription.symbol.c_str();
    book.time_ms = now;
    book.bids = bids;
    book.bid_count = 2;
    book.asks = asks;
    book.ask_count = 2;
    self.sink->on_book(self.sink->context, &book);
  }
}

ob_status subscribe(ob_instance* instance, const char* symbol, const char* time_frame, uint32_t streams,
                    ob_error* error) {
  TestExchange& self = self_of(instance);
  record(self, std::string("subscribe ") + symbol + " " + time_frame + " streams=" + std::to_string(streams));
  const std::int64_t duration = duration_of(time_frame);
  if (duration <= 0 || duration % kHour != 0) {
    return fail(error, OB_ERROR_INVALID_ARGUMENT, std::string("TestExchange: unsupported time frame ") + time_frame);
  }
  {
    std::lock_guard lock(self.mutex);
    self.subscriptions.push_back({symbol, time_frame, duration, streams});
  }
  if (!self.feed.joinable() && self.live_steps > 0) {
    self.feed = std::thread([&self] {
      // Let the host finish subscribing before the first step.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      for (std::int64_t i = 0; i < self.live_steps && !self.stopping; ++i) {
        step(self);
        std::this_thread::sleep_for(std::chrono::milliseconds(self.step_interval_ms));
      }
    });
  }
  return OB_OK;
}

ob_status candles(ob_instance* instance, const char* symbol, const char* time_frame, int64_t since_ms, uint64_t limit,
                  ob_candle_visitor visit, void* context, ob_error* error) {
  TestExchange& self = self_of(instance);
  record(self, std::string("candles ") + symbol + " " + time_frame + " since=" + std::to_string(since_ms) +
                   " limit=" + std::to_string(limit));
  if (self.fail_candles) return fail(error, OB_ERROR_EXCHANGE_NETWORK, "TestExchange: connection refused (scripted)");
  const std::int64_t duration = duration_of(time_frame);
  if (duration <= 0) return fail(error, OB_ERROR_INVALID_ARGUMENT, "TestExchange: bad time frame");
  std::int64_t now = 0;
  {
    std::lock_guard lock(self.mutex);
    now = self.now_ms;
  }
  std::int64_t open = since_ms <= 0 ? 0 : ((since_ms + duration - 1) / duration) * duration;
  const std::string name(symbol);
  const std::string frame(time_frame);
  for (uint64_t served = 0; open + duration <= now && served < limit; open += duration, ++served) {
    const ob_exchange_candle candle = make_candle(self, name, frame, open, duration, true);
    visit(context, &candle);
  }
  return OB_OK;
}

ob_status balances(ob_instance* instance, ob_balance_visitor visit, void* context, ob_error*) {
  TestExchange& self = self_of(instance);
  record(self, "balances");
  for (const auto& [asset, amount] :
       {std::pair<const char*, const char*>{"USDT", "1000"}, {"BTC", self.btc_balance.c_str()}}) {
    ob_asset_balance balance{};
    balance.header = OB_HEADER_INIT(ob_asset_balance);
    set_text(balance.asset, sizeof(balance.asset), asset);
    set_text(balance.total.text, sizeof(balance.total.text), amount);
    set_text(balance.available.text, sizeof(balance.available.text), amount);
    visit(context, &balance);
  }
  return OB_OK;
}

// Rests an order (create_order on the exchange thread, submit_order on the bot loop: guarded).
ob_order_view place(TestExchange& self, const ob_order_request* request, const char* client_order_id) {
  ob_order_view view{};
  view.header = OB_HEADER_INIT(ob_order_view);
  set_text(view.id, sizeof(view.id), client_order_id);
  set_text(view.symbol, sizeof(view.symbol), request->symbol);
  view.side = request->side;
  view.type = request->type;
  view.state = OB_ORDER_STATUS_OPEN;
  view.amount = request->amount;
  view.price = request->price;
  const std::lock_guard lock(self.mutex);
  self.orders[client_order_id] = view;
  save_orders(self);
  return view;
}

ob_status create_order(ob_instance* instance, const ob_order_request* request, const char* client_order_id,
                       ob_order_view* out, ob_error*) {
  TestExchange& self = self_of(instance);
  record(self,
         std::string("create_order ") + client_order_id + " " + request->symbol + " amount=" + request->amount.text);
  if (self.slow_create_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(self.slow_create_ms));
  *out = place(self, request, client_order_id);
  return OB_OK;
}

ob_status submit_order(ob_instance* instance, const ob_order_request* request, const char* client_order_id,
                       ob_order_completion done, void* done_context, ob_error* error) {
  TestExchange& self = self_of(instance);
  if (self.submit != "async") return fail(error, OB_ERROR_EXCHANGE_BUSY, "submit_order: busy (test connector)");
  record(self,
         std::string("submit_order ") + client_order_id + " " + request->symbol + " amount=" + request->amount.text);
  auto submitted = std::make_shared<TestExchange::Submitted>();
  submitted->done = done;
  submitted->context = done_context;
  submitted->view = place(self, request, client_order_id);
  const std::lock_guard lock(self.mutex);
  self.submitted.push_back(submitted);
  self.submit_threads.emplace_back([&self, submitted] {
    for (std::int64_t waited = 0; waited < self.submit_delay_ms && !self.stopping_submits; ++waited) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (!self.stopping_submits) complete(self, *submitted, true);
  });
  return OB_OK;
}

ob_status cancel_order(ob_instance* instance, const char* symbol, const char* client_order_id, ob_order_view* out,
                       ob_error* error) {
  TestExchange& self = self_of(instance);
  record(self, std::string("cancel_order ") + symbol + " " + client_order_id);
  const auto it = self.orders.find(client_order_id);
  if (it == self.orders.end() || it->second.state != OB_ORDER_STATUS_OPEN) {
    return fail(error, OB_ERROR_EXCHANGE_UNKNOWN_ORDER, std::string("unknown order ") + client_order_id);
  }
  it->second.state = OB_ORDER_STATUS_CANCELED;
  save_orders(self);
  *out = it->second;
  return OB_OK;
}

ob_status fetch_order(ob_instance* instance, const char* symbol, const char* client_order_id, ob_order_view* out,
                      ob_error* error) {
  TestExchange& self = self_of(instance);
  record(self, std::string("fetch_order ") + symbol + " " + client_order_id);
  const auto it = self.orders.find(client_order_id);
  if (it == self.orders.end()) {
    return fail(error, OB_ERROR_EXCHANGE_UNKNOWN_ORDER, std::string("unknown order ") + client_order_id);
  }
  *out = it->second;
  return OB_OK;
}

ob_status open_orders(ob_instance* instance, const char* symbol, ob_order_visitor visit, void* context, ob_error*) {
  TestExchange& self = self_of(instance);
  record(self, std::string("open_orders ") + symbol);
  for (const auto& [id, view] : self.orders) {
    if (view.state == OB_ORDER_STATUS_OPEN && std::strcmp(view.symbol, symbol) == 0) visit(context, &view);
  }
  return OB_OK;
}

// One trade per filled order, whole at its price (fill_orders), whatever `since_ms`.
ob_status fills_since(ob_instance* instance, const char* symbol, int64_t since_ms, ob_fill_visitor visit, void* context,
                      ob_error*) {
  TestExchange& self = self_of(instance);
  record(self, std::string("fills_since ") + symbol + " " + std::to_string(since_ms));
  for (const auto& [id, view] : self.orders) {
    if (view.state != OB_ORDER_STATUS_FILLED || std::strcmp(view.symbol, symbol) != 0) continue;
    ob_exchange_fill fill{};
    fill.header = OB_HEADER_INIT(ob_exchange_fill);
    set_text(fill.trade_id, sizeof(fill.trade_id), "t-" + id);
    fill.time_ms = self.now_ms;
    fill.price = view.price;
    fill.amount = view.filled;
    set_text(fill.fee.text, sizeof(fill.fee.text), "0");
    visit(context, id.c_str(), &fill);
  }
  return OB_OK;
}

const ob_exchange_vtable vtable = {OB_HEADER_INIT(ob_exchange_vtable),
                                   {create, destroy, configure},
                                   start,
                                   stop,
                                   markets,
                                   key_permissions,
                                   subscribe,
                                   candles,
                                   balances,
                                   create_order,
                                   cancel_order,
                                   fetch_order,
                                   open_orders,
                                   fills_since,
                                   submit_order};

// As a library built against ABI 1.5 writes it: the table ends at fills_since. The submit_order
// after it is there only to catch a host reading past struct_size.
ob_exchange_vtable legacy_table() {
  ob_exchange_vtable table = vtable;
  table.header.struct_size = static_cast<uint32_t>(offsetof(ob_exchange_vtable, submit_order));
  table.header.abi_minor = 5;
  return table;
}
const ob_exchange_vtable legacy_vtable = legacy_table();

const ob_class_descriptor test_exchange = {
    OB_HEADER_INIT(ob_class_descriptor),  OB_KIND_EXCHANGE, "TestExchange", "1.0.0",
    "tests: scripted exchange connector", &vtable};
const ob_class_descriptor legacy_test_exchange = {
    OB_HEADER_INIT(ob_class_descriptor),
    OB_KIND_EXCHANGE,
    "LegacyTestExchange",
    "1.0.0",
    "tests: the scripted connector with an ABI 1.5 table (no submit_order)",
    &legacy_vtable};
const ob_class_descriptor* const classes[] = {&test_exchange, &legacy_test_exchange};
const ob_library_descriptor library = {OB_HEADER_INIT(ob_library_descriptor), "test", 2, classes, nullptr, nullptr};

}  // namespace

extern "C" OB_EXPORT const ob_library_descriptor* ob_tentacle_entry(uint16_t, uint16_t) { return &library; }
