// The exchange kind's C++ layer (exchange.hpp) seen from the host: a tiny connector's table called
// through its C functions, values converted exactly, errors mapped to connector codes, exceptions
// stopped at the boundary, credentials read through "credentials/1" and the sink wrapper.
#include <catch2/catch.hpp>
#include <octobot/sdk.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_config.hpp>

#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sdk = octobot::sdk;

namespace {

// Behaviour chosen by the symbol, so one class covers every path.
class TinyConnector final : public sdk::ExchangeConnector {
 public:
  OCTOBOT_TENTACLE_CLASS("TinyConnector", "1.0.0", "an exchange connector for the SDK's tests");
  using ExchangeConnector::ExchangeConnector;

  void start(sdk::ExchangeSink sink) override {
    sink_ = sink;
    sink_.connection(sdk::ConnectionState::connected, "up");
  }
  void stop() override { sink_ = {}; }
  std::vector<sdk::ExchangeMarket> markets() override {
    return {{"BTC/USDT", "BTC", "USDT", "0.01", "0.00001", "0.00001", "5", "0.001", "0.00075"}};
  }
  sdk::KeyPermissions key_permissions() override { return {true, true, true, false, true, "spot only"}; }
  void subscribe(const std::string& symbol, const std::string& time_frame, std::uint32_t streams) override {
    if (symbol == "BAD/PAIR") throw sdk::Error(OB_ERROR_INVALID_ARGUMENT, "unknown symbol BAD/PAIR");
    if (symbol == "BOOM/USDT") throw std::runtime_error("socket exploded");
    if (symbol == "INT/USDT") throw 7;
    if ((streams & OB_STREAM_CANDLES) != 0u) {
      sink_.candle({symbol, time_frame, 1000, "1.5", "2", "1", "1.75", "10.00000001", true, false});
    }
    if ((streams & OB_STREAM_BOOK) != 0u) sink_.book({symbol, 5, {{"1.74", "3"}}, {{"1.76", "4"}, {"1.77", "1"}}});
  }
  std::vector<sdk::ExchangeCandle> candles(const std::string& symbol, const std::string& time_frame,
                                           std::int64_t since_ms, std::uint64_t limit) override {
    std::vector<sdk::ExchangeCandle> out;
    for (std::uint64_t i = 0; i < limit; ++i) {
      out.push_back({symbol, time_frame, since_ms + static_cast<std::int64_t>(i) * 60'000, "1", "1", "1",
                     "1.000000000000000001", "0", true, true});
    }
    return out;
  }
  std::vector<sdk::AssetBalance> balances() override {
    if (context().exchange == "locked_out") throw sdk::Error(OB_ERROR_EXCHANGE_AUTH, "API key refused");
    return {{"BTC", "0.5", "0.25"}, {"USDT", "100", "100"}};
  }
  sdk::OrderView create_order(const sdk::OrderRequest& request, const std::string& client_order_id) override {
    sdk::OrderView view;
    view.id = client_order_id;
    view.symbol = request.symbol;
    view.tag = request.tag;
    view.side = request.side;
    view.type = request.type;
    view.amount = request.amount;
    view.price = request.price;
    view.status = request.amount == "1000" ? sdk::OrderStatus::rejected : sdk::OrderStatus::open;
    if (view.status == sdk::OrderStatus::rejected) view.reason = "insufficient balance";
    if (request.price == "huge") view.price = std::string(100, '9');  // too long for an ob_decimal
    const sdk::ExchangeFill fill{"t-1", 7, "1.75", "0.5", "0.0005", "BTC", false};
    sink_.order(view, &fill, "123");
    return view;
  }
  sdk::OrderView cancel_order(const std::string& /*symbol*/, const std::string& client_order_id) override {
    sdk::OrderView last;
    last.id = client_order_id;
    last.status = sdk::OrderStatus::filled;
    throw sdk::UnknownOrderError("order " + client_order_id + " is already closed", last);
  }
  sdk::OrderView fetch_order(const std::string& /*symbol*/, const std::string& client_order_id) override {
    throw sdk::UnknownOrderError("no order named " + client_order_id);
  }
  std::vector<sdk::OrderView> open_orders(const std::string& /*symbol*/) override { return {}; }
  std::vector<sdk::AccountFill> fills_since(const std::string& /*symbol*/, std::int64_t since_ms) override {
    return {{"c-1", {"t-9", since_ms, "2", "3", "0.1", "USDT", true}}};
  }
  // ABI 1.6, by symbol: BUSY sends nothing; BOOM throws; DROP keeps nothing although it sent;
  // anything else is completed twice from another thread (only the first may reach the host).
  bool submit_order(const sdk::OrderRequest& request, const std::string& client_order_id,
                    sdk::OrderCompletion done) override {
    if (request.symbol == "BUSY/USDT") return false;
    if (request.symbol == "BOOM/USDT") throw std::runtime_error("socket exploded");
    if (request.symbol == "DROP/USDT") return true;
    sdk::OrderView view;
    view.id = client_order_id;
    view.symbol = request.symbol;
    view.amount = request.amount;
    view.status = sdk::OrderStatus::open;
    completer_ = std::thread([done, view] {
      done.succeed(view);
      done.fail(OB_ERROR_EXCHANGE_NETWORK, "a second completion");
    });
    return true;
  }
  ~TinyConnector() override {
    if (completer_.joinable()) completer_.join();
  }
  void join_completer() {
    if (completer_.joinable()) completer_.join();
  }

 private:
  sdk::ExchangeSink sink_;
  std::thread completer_;
};

using ExchangeLibrary = sdk::detail::Library<TinyConnector>;

struct Events {
  std::vector<std::string> lines;
  static void on_candle(void* context, const ob_exchange_candle* c) {
    static_cast<Events*>(context)->lines.push_back(
        "candle " + std::string(c->symbol) + " " + c->time_frame + " " + std::to_string(c->candle.open_time_ms) + " " +
        c->candle.close.text + " " + c->candle.volume.text + " closed=" + std::to_string(c->closed));
  }
  static void on_ticker(void*, const ob_exchange_ticker*) {}
  static void on_book(void* context, const ob_exchange_book* b) {
    static_cast<Events*>(context)->lines.push_back("book " + std::string(b->symbol) + " " + b->bids[0].price.text +
                                                   " " + std::to_string(b->ask_count) + " " + b->asks[1].price.text);
  }
  static void on_order(void* context, const ob_exchange_order_event* e) {
    static_cast<Events*>(context)->lines.push_back("order " + std::string(e->order->id) + " " + e->exchange_order_id +
                                                   " " + (e->fill != nullptr ? e->fill->trade_id : "-") + " " +
                                                   (e->fill != nullptr ? e->fill->amount.text : ""));
  }
  static void on_balances(void*, const ob_asset_balance*, uint64_t) {}
  static void on_connection(void* context, const ob_exchange_connection* c) {
    static_cast<Events*>(context)->lines.push_back("connection " + std::to_string(c->state) + " " + c->reason);
  }
};

struct Fixture {
  octobot::tentacles::HostServices services;
  const ob_class_descriptor* descriptor = ExchangeLibrary::descriptor()->classes[0];
  const ob_exchange_vtable& table = *static_cast<const ob_exchange_vtable*>(descriptor->vtable);
  Events events;
  ob_exchange_sink sink = {OB_HEADER_INIT(ob_exchange_sink),
                           &events,
                           &Events::on_candle,
                           &Events::on_ticker,
                           &Events::on_book,
                           &Events::on_order,
                           &Events::on_balances,
                           &Events::on_connection};
  ob_instance* instance = nullptr;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};

  explicit Fixture(const char* exchange = "binance") {
    const auto config = octobot::tentacles::TentacleConfig::parse("{}", "test");
    const ob_instance_args args = {
        OB_HEADER_INIT(ob_instance_args), services.host(), config.handle(), exchange, "", "", nullptr};
    REQUIRE(table.lifecycle.create(&args, &instance, &error) == OB_OK);
    REQUIRE(table.start(instance, &sink, &error) == OB_OK);
  }
  ~Fixture() {
    table.stop(instance, &error);
    table.lifecycle.destroy(instance);
  }
};

}  // namespace

TEST_CASE("an ExchangeConnector gets the exchange kind and the ABI 1.3 table", "[sdk][exchange]") {
  Fixture f;
  CHECK(f.descriptor->kind == OB_KIND_EXCHANGE);
  CHECK(std::string(f.descriptor->name) == "TinyConnector");
  CHECK(f.table.header.struct_size == sizeof(ob_exchange_vtable));
  CHECK(f.table.fills_since != nullptr);
  CHECK(f.table.submit_order != nullptr);  // ABI 1.6
  REQUIRE(f.events.lines == std::vector<std::string>{"connection 1 up"});
}

TEST_CASE("exchange values cross the table exactly, through visitors and the sink", "[sdk][exchange]") {
  Fixture f;
  std::vector<std::string> seen;
  REQUIRE(f.table.markets(
              f.instance,
              [](void* c, const ob_exchange_market* m) {
                static_cast<std::vector<std::string>*>(c)->push_back(
                    std::string(m->symbol) + " " + m->info->base + " " + m->info->price_tick.text + " " +
                    m->info->min_cost.text + " " + m->info->taker_fee.text);
              },
              &seen, &f.error) == OB_OK);
  CHECK(seen == std::vector<std::string>{"BTC/USDT BTC 0.01 5 0.00075"});

  seen.clear();
  REQUIRE(f.table.candles(
              f.instance, "BTC/USDT", "1m", 60'000, 2,
              [](void* c, const ob_exchange_candle* k) {
                static_cast<std::vector<std::string>*>(c)->push_back(std::to_string(k->candle.open_time_ms) + " " +
                                                                     k->candle.close.text + " " +
                                                                     std::to_string(k->from_rest));
              },
              &seen, &f.error) == OB_OK);
  CHECK(seen == std::vector<std::string>{"60000 1.000000000000000001 1", "120000 1.000000000000000001 1"});

  REQUIRE(f.table.subscribe(f.instance, "ETH/USDT", "1h", OB_STREAM_CANDLES | OB_STREAM_BOOK, &f.error) == OB_OK);
  CHECK(f.events.lines == std::vector<std::string>{"connection 1 up",
                                                   "candle ETH/USDT 1h 1000 1.75 10.00000001 closed=1",
                                                   "book ETH/USDT 1.74 2 1.77"});

  ob_key_permissions permissions{};
  REQUIRE(f.table.key_permissions(f.instance, &permissions, &f.error) == OB_OK);
  CHECK(permissions.known == 1);
  CHECK(permissions.can_trade == 1);
  CHECK(permissions.can_withdraw == 0);
  CHECK(permissions.ip_restricted == 1);
  CHECK(std::string(permissions.detail) == "spot only");

  struct Fill {
    std::string client_id, trade_id, amount;
  };
  std::vector<Fill> fills;
  REQUIRE(f.table.fills_since(
              f.instance, "BTC/USDT", 42,
              [](void* c, const char* id, const ob_exchange_fill* fill) {
                static_cast<std::vector<Fill>*>(c)->push_back({id, fill->trade_id, fill->amount.text});
              },
              &fills, &f.error) == OB_OK);
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].client_id == "c-1");
  CHECK(fills[0].trade_id == "t-9");
  CHECK(fills[0].amount == "3");
}

TEST_CASE("create_order reads the request, returns the view, and a rejection is a result", "[sdk][exchange]") {
  Fixture f;
  sdk::OrderRequest request;
  request.symbol = "BTC/USDT";
  request.type = sdk::OrderType::limit;
  request.side = sdk::Side::sell;
  request.amount = "0.5";
  request.price = "1.75";
  request.tag = "entry";
  ob_order_request raw = request.to_raw();
  ob_order_view out{};
  REQUIRE(f.table.create_order(f.instance, &raw, "c-42", &out, &f.error) == OB_OK);
  CHECK(std::string(out.id) == "c-42");
  CHECK(std::string(out.tag) == "entry");
  CHECK(out.side == OB_SIDE_SELL);
  CHECK(out.state == OB_ORDER_STATUS_OPEN);
  CHECK(std::string(out.amount.text) == "0.5");
  CHECK(f.events.lines.back() == "order c-42 123 t-1 0.5");

  request.amount = "1000";
  raw = request.to_raw();
  REQUIRE(f.table.create_order(f.instance, &raw, "c-43", &out, &f.error) == OB_OK);
  CHECK(out.state == OB_ORDER_STATUS_REJECTED);
  CHECK(std::string(out.reason) == "insufficient balance");

  CHECK(f.table.create_order(f.instance, &raw, "", &out, &f.error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK(f.table.create_order(f.instance, nullptr, "c-44", &out, &f.error) == OB_ERROR_INVALID_ARGUMENT);
}

TEST_CASE("connector errors keep their code, exceptions never cross the boundary", "[sdk][exchange]") {
  Fixture f;
  CHECK(f.table.subscribe(f.instance, "BAD/PAIR", "1h", OB_STREAM_CANDLES, &f.error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(f.error.message) == "unknown symbol BAD/PAIR");
  CHECK(f.table.subscribe(f.instance, "BOOM/USDT", "1h", OB_STREAM_CANDLES, &f.error) == OB_ERROR_EXCEPTION);
  CHECK(std::string(f.error.message) == "socket exploded");
  CHECK(f.table.subscribe(f.instance, "INT/USDT", "1h", OB_STREAM_CANDLES, &f.error) == OB_ERROR_EXCEPTION);

  // A decimal too long for the ABI is reported, not truncated into a wrong number.
  sdk::OrderRequest request;
  request.symbol = "BTC/USDT";
  request.amount = "1";
  request.price = "huge";
  const ob_order_request raw = request.to_raw();
  ob_order_view out{};
  CHECK(f.table.create_order(f.instance, &raw, "c-1", &out, &f.error) == OB_ERROR_INVALID_ARGUMENT);
  CHECK(std::string(f.error.message).find("decimal text too long") != std::string::npos);

  // Unknown orders: the code, and the last known state in `out` when the connector has one.
  std::memset(&out, 0, sizeof(out));
  CHECK(f.table.cancel_order(f.instance, "BTC/USDT", "c-7", &out, &f.error) == OB_ERROR_EXCHANGE_UNKNOWN_ORDER);
  CHECK(std::string(f.error.message) == "order c-7 is already closed");
  CHECK(std::string(out.id) == "c-7");
  CHECK(out.state == OB_ORDER_STATUS_FILLED);
  std::memset(&out, 0, sizeof(out));
  CHECK(f.table.fetch_order(f.instance, "BTC/USDT", "c-8", &out, &f.error) == OB_ERROR_EXCHANGE_UNKNOWN_ORDER);
  CHECK(std::string(out.id).empty());

  Fixture locked("locked_out");
  CHECK(locked.table.balances(locked.instance, nullptr, nullptr, &locked.error) == OB_ERROR_EXCHANGE_AUTH);
  CHECK(std::string(locked.error.message) == "API key refused");
}

namespace {

struct TestCredentials {
  static ob_status get(void* /*context*/, const char* exchange, const char* name, char* buffer, uint64_t capacity,
                       uint64_t* length, ob_error* error) {
    if (std::string(exchange) != "binance") {
      std::snprintf(error->message, sizeof(error->message), "no credentials for %s", exchange);
      return OB_ERROR_NOT_FOUND;
    }
    if (std::string(name) == OB_CREDENTIAL_API_PASSWORD) {
      std::snprintf(error->message, sizeof(error->message), "vault locked");
      return OB_ERROR_GENERIC;
    }
    // Longer than the helper's first buffer, so the truncated first answer must be asked again.
    const std::string value = std::string(name) == OB_CREDENTIAL_API_KEY ? "key-1" : std::string(300, 's') + "!";
    std::snprintf(buffer, capacity, "%s", value.c_str());
    *length = value.size();
    return OB_OK;
  }
};

}  // namespace

TEST_CASE("credentials() reads credentials/1 whole, NOT_FOUND is nothing, other failures throw", "[sdk][exchange]") {
  octobot::tentacles::HostServices services;
  const sdk::Host before(services.host());
  CHECK_FALSE(sdk::credentials(before, "binance", OB_CREDENTIAL_API_KEY).has_value());  // no service

  static const ob_credentials_service_v1 table = {OB_HEADER_INIT(ob_credentials_service_v1), nullptr,
                                                  &TestCredentials::get};
  services.register_service(OB_SERVICE_CREDENTIALS_V1, &table);
  const sdk::Host host(services.host());
  const auto key = sdk::credentials(host, "binance", OB_CREDENTIAL_API_KEY);
  REQUIRE(key.has_value());
  CHECK(key->view() == "key-1");
  const auto secret = sdk::credentials(host, "binance", OB_CREDENTIAL_API_SECRET);
  REQUIRE(secret.has_value());
  CHECK(secret->size() == 301);
  CHECK(secret->view().back() == '!');
  CHECK_FALSE(sdk::credentials(host, "kraken", OB_CREDENTIAL_API_KEY).has_value());
  CHECK_THROWS_WITH(sdk::credentials(host, "binance", OB_CREDENTIAL_API_PASSWORD), "credentials/1: vault locked");

  sdk::Secret moved = sdk::Secret("abc");
  sdk::Secret target = std::move(moved);
  CHECK(target.view() == "abc");
  CHECK(moved.empty());  // NOLINT(bugprone-use-after-move): the moved-from secret is empty by contract
}

namespace {

struct Completions {
  std::vector<std::string> lines;
  static void done(void* context, ob_status status, const ob_order_view* order, const ob_error* error) {
    static_cast<Completions*>(context)->lines.push_back(
        std::to_string(status) + " " + (order != nullptr ? std::string(order->id) + " " + order->amount.text : "-") +
        " " + (error != nullptr ? error->message : "-"));
  }
};

ob_order_request order_request(const char* symbol) {
  ob_order_request request{};
  request.header = OB_HEADER_INIT(ob_order_request);
  request.symbol = symbol;
  request.side = OB_SIDE_BUY;
  request.type = OB_ORDER_TYPE_MARKET;
  std::snprintf(request.amount.text, sizeof(request.amount.text), "%s", "0.25");
  return request;
}

}  // namespace

TEST_CASE("submit_order: the completion reaches the host once, from the connector's thread", "[sdk][exchange]") {
  Fixture f;
  Completions completions;
  const ob_order_request request = order_request("BTC/USDT");
  REQUIRE(f.table.submit_order(f.instance, &request, "c-7", &Completions::done, &completions, &f.error) == OB_OK);
  static_cast<TinyConnector*>(reinterpret_cast<sdk::Tentacle*>(f.instance))->join_completer();
  CHECK(completions.lines == std::vector<std::string>{"0 c-7 0.25 -"});
}

TEST_CASE("submit_order: nothing sent is OB_ERROR_EXCHANGE_BUSY or the exception's status, never a completion",
          "[sdk][exchange]") {
  Fixture f;
  Completions completions;
  const ob_order_request busy = order_request("BUSY/USDT");
  CHECK(f.table.submit_order(f.instance, &busy, "c-8", &Completions::done, &completions, &f.error) ==
        OB_ERROR_EXCHANGE_BUSY);
  const ob_order_request boom = order_request("BOOM/USDT");
  CHECK(f.table.submit_order(f.instance, &boom, "c-9", &Completions::done, &completions, &f.error) ==
        OB_ERROR_EXCEPTION);
  CHECK(std::string(f.error.message) == "socket exploded");
  CHECK(f.table.submit_order(f.instance, &boom, "", &Completions::done, &completions, &f.error) ==
        OB_ERROR_INVALID_ARGUMENT);
  CHECK(completions.lines.empty());
}

TEST_CASE("submit_order: a completion the connector dropped fails once instead of never", "[sdk][exchange]") {
  Fixture f;
  Completions completions;
  const ob_order_request request = order_request("DROP/USDT");
  REQUIRE(f.table.submit_order(f.instance, &request, "c-10", &Completions::done, &completions, &f.error) == OB_OK);
  REQUIRE(completions.lines.size() == 1);
  CHECK(completions.lines[0].find(std::to_string(OB_ERROR_GENERIC) + " - submit_order: the connector dropped") == 0);
}
