// The stream client's user-data stream over Binance's WebSocket API (user_stream ws_api), against the
// fake's /ws-api/v3: the signed subscription, the wrapped events, a refused key or secret named with
// Binance's code and message, and a dropped connection subscribed again.
#include <algorithm>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "stream_recorder.hpp"
#include "test_keys.hpp"

namespace {

using namespace octobot::binance;
using namespace octobot::binance::testing;

// The client's own log lines (any thread).
struct Lines {
  std::mutex mutex;
  std::vector<std::string> all;
  void wire(StreamConfig& config) {
    config.log = [this](LogLevel, std::string_view line) {
      const std::lock_guard lock(mutex);
      all.emplace_back(line);
    };
  }
  std::vector<std::string> snapshot() {
    const std::lock_guard lock(mutex);
    return all;
  }
};

}  // namespace

TEST_CASE("stream client WS API: a signed subscription, then the executionReport and outboundAccountPosition") {
  Harness h;
  Recorder r;
  StreamClient client(ws_api_config(h, r));
  client.start();
  // Connected means subscribed: the fake verified the key, the signature and the timestamp.
  REQUIRE(r.wait([&] { return r.connected == 1; }));
  CHECK(h.fake->user_data_subscriptions() == 1);
  CHECK(h.fake->requests("userDataStream.subscribe.signature") == 1);
  CHECK(h.fake->requests("/api/v3/userDataStream") == 0);  // no listen key
  CHECK(h.fake->listen_key().empty());
  CHECK(client.stats().subscriptions == 1);

  const auto order = h.client().create_order(limit_order(OrderSide::buy, "0.1", "97.5"));
  REQUIRE(r.wait([&] { return !r.reports.empty() && !r.positions.empty(); }));
  h.fake->advance(11 * kMinute);  // the 7th candle's low (97.4) crosses 97.5
  REQUIRE(r.wait([&] { return r.reports.size() >= 2 && r.positions.size() >= 2; }));
  std::lock_guard lock(r.mutex);
  CHECK(r.reports[0].execution_type == "NEW");
  CHECK(r.reports[0].client_order_id == order.client_order_id);
  CHECK(r.reports[0].price == "97.50000000");
  CHECK(r.reports[1].execution_type == "TRADE");
  CHECK(r.reports[1].order_status == "FILLED");
  CHECK(r.reports[1].last_price == "97.50000000");
  CHECK(r.reports[1].order_id == order.order_id);
  CHECK(r.reports[1].trade_id >= 1);
  REQUIRE(r.positions[1].balances.size() == 2);
  CHECK(trimmed(r.positions[1].balances[1].free) == h.fake->free_balance("USDT"));
  CHECK(r.disconnect_reasons.empty());
}

// Binance sends an operation's executionReports first and the balances they leave after them, never a
// balance snapshot that already counts an execution not reported yet: the gateway applies fills and
// then takes the exchange's totals, so the other order would count a fill twice until the next snapshot.
TEST_CASE("stream client WS API: a filled market order's executions come before the balances they leave") {
  Harness h;
  Recorder r;
  StreamClient client(ws_api_config(h, r));
  client.start();
  REQUIRE(r.wait([&] { return r.connected == 1; }));

  const auto order = h.client().create_order(market_order(OrderSide::buy, "0.2"));
  REQUIRE(order.status == "FILLED");
  REQUIRE(r.wait([&] { return !r.positions.empty(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // nothing else may follow
  std::lock_guard lock(r.mutex);
  CHECK(r.user_sequence == std::vector<std::string>{"NEW", "TRADE", "balances"});
  REQUIRE(r.positions.size() == 1);
  REQUIRE(r.positions[0].balances.size() == 2);
  CHECK(trimmed(r.positions[0].balances[1].free) == h.fake->free_balance("USDT"));
}

TEST_CASE("stream client WS API: a resting order's NEW and its later fill each come with the balances after them") {
  Harness h;
  Recorder r;
  StreamClient client(ws_api_config(h, r));
  client.start();
  REQUIRE(r.wait([&] { return r.connected == 1; }));

  h.client().create_order(limit_order(OrderSide::buy, "0.1", "97.5"));
  REQUIRE(r.wait([&] { return !r.positions.empty(); }));
  h.fake->advance(11 * kMinute);  // the 7th candle's low (97.4) crosses 97.5
  REQUIRE(r.wait([&] { return r.positions.size() >= 2; }));
  std::lock_guard lock(r.mutex);
  CHECK(r.user_sequence == std::vector<std::string>{"NEW", "balances", "TRADE", "balances"});
}

TEST_CASE(
    "stream client WS API: a wrong secret is refused with Binance's -1022 named, not retried, no credential said") {
  Harness h;
  Recorder r;
  Lines lines;
  auto config = ws_api_config(h, r);
  config.rest.api_secret = "wrong-secret-W4r0ng-NEVER-IN-LOGS";
  lines.wire(config);
  StreamClient client(config);
  client.start();
  REQUIRE(r.wait([&] { return !r.disconnect_reasons.empty(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // reconnect delays are 20..100 ms: none may come
  CHECK(h.fake->requests("userDataStream.subscribe.signature") == 1);
  CHECK(h.fake->user_data_subscriptions() == 0);
  CHECK(client.stats().subscriptions == 0);
  std::vector<std::string> reasons;
  {
    std::lock_guard lock(r.mutex);
    CHECK(r.connected == 0);
    reasons = r.disconnect_reasons;
  }
  REQUIRE(reasons.size() == 1);  // the refusal, as the stopped client's last state
  INFO(reasons[0]);
  CHECK(reasons[0].find("-1022") != std::string::npos);
  CHECK(reasons[0].find("Signature for this request is not valid.") != std::string::npos);
  CHECK(reasons[0].find("secret does not match") != std::string::npos);
  auto said = lines.snapshot();
  said.push_back(reasons[0]);
  for (const auto& line : said) {
    INFO(line);
    CHECK(line.find("wrong-secret-W4r0ng") == std::string::npos);
    CHECK(line.find(kApiKey) == std::string::npos);
  }
  client.stop();
}

TEST_CASE("stream client WS API: an unknown API key is refused with -2015 named") {
  Harness h;
  Recorder r;
  auto config = ws_api_config(h, r);
  config.rest.api_key = "unknown-key-U9kn0wn";
  StreamClient client(config);
  client.start();
  REQUIRE(r.wait([&] { return !r.disconnect_reasons.empty(); }));
  std::lock_guard lock(r.mutex);
  INFO(r.disconnect_reasons.front());
  CHECK(r.disconnect_reasons.front().find("-2015") != std::string::npos);
  CHECK(r.disconnect_reasons.front().find("API key was refused") != std::string::npos);
  CHECK(r.disconnect_reasons.front().find("unknown-key-U9kn0wn") == std::string::npos);
  CHECK(h.fake->user_data_subscriptions() == 0);
}

TEST_CASE(
    "stream client WS API: a dropped connection reconnects, subscribes again, and the events after it arrive once") {
  Harness h;
  Recorder r;
  StreamClient client(ws_api_config(h, r));
  client.start();
  REQUIRE(r.wait([&] { return r.connected == 1; }));
  const auto first = h.client().create_order(limit_order(OrderSide::buy, "0.1", "97.5"));
  REQUIRE(r.wait([&] { return r.reports.size() == 1; }));

  h.fake->refuse_websocket_for(150);  // at least one refused handshake before it comes back
  h.fake->drop_websocket_connections();
  REQUIRE(r.wait([&] { return r.connected == 2; }));
  CHECK(h.fake->user_data_subscriptions() == 2);
  CHECK(h.fake->websocket_connections_open() == 1);  // the dropped one is gone, one subscription lives

  const auto second = h.client().create_order(limit_order(OrderSide::buy, "0.1", "95"));
  h.fake->advance(11 * kMinute);  // both fill: 97.5 at the 7th candle, 95 at the 11th (low 94)
  REQUIRE(r.wait([&] { return r.reports.size() >= 4; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // nothing more may come
  std::lock_guard lock(r.mutex);
  REQUIRE(r.reports.size() == 4);
  std::set<std::tuple<std::int64_t, std::string, std::int64_t>> seen;
  for (const auto& report : r.reports) {
    CHECK(seen.insert({report.order_id, report.execution_type, report.trade_id}).second);  // none twice
  }
  CHECK(seen.count({second.order_id, "NEW", -1}) == 1);
  const auto trades = std::count_if(r.reports.begin(), r.reports.end(), [&](const ExecutionReport& report) {
    return report.execution_type == "TRADE" &&
           (report.order_id == first.order_id || report.order_id == second.order_id);
  });
  CHECK(trades == 2);
  CHECK(client.stats().subscriptions == 2);
  CHECK(client.stats().connect_failures >= 1);
}

TEST_CASE("stream client WS API: the user data over the WS API takes a client of its own") {
  Harness h;
  Recorder r;
  auto config = ws_api_config(h, r);
  config.streams = {"btcusdt@kline_1m"};
  CHECK_THROWS_AS(StreamClient(config), std::invalid_argument);
  config.streams.clear();
  config.rest.api_secret.clear();
  CHECK_THROWS_AS(StreamClient(config), std::invalid_argument);
}

TEST_CASE(
    "stream client WS API: a subscription left unanswered is given up after handshake_timeout_ms, then made again") {
  Harness h;
  h.fake->set_ws_api_silent(true);  // the connection stays open, the request is never answered
  Recorder r;
  auto config = ws_api_config(h, r);
  config.handshake_timeout_ms = 200;
  StreamClient client(config);
  client.start();
  REQUIRE(r.wait([&] { return !r.disconnect_reasons.empty(); }));
  {
    std::lock_guard lock(r.mutex);
    INFO(r.disconnect_reasons.front());
    CHECK(r.disconnect_reasons.front() == "no answer to the user-data subscription within 200 ms");
    CHECK(r.connected == 0);
  }
  h.fake->set_ws_api_silent(false);
  REQUIRE(r.wait([&] { return r.connected == 1; }));
  CHECK(h.fake->user_data_subscriptions() == 1);
  CHECK(h.fake->requests("userDataStream.subscribe.signature") >= 1);  // the silent ones were not counted
}

namespace {

// The fake with an Ed25519 API key registered (its public key); the stream's config signs with the
// private key, and `orders` is a REST client with it too.
struct Ed25519Run {
  TestKeyPair key = new_ed25519_key();
  Harness h{[this] {
    auto options = Harness::default_options();
    options.api_public_key_pem = key.public_pem;
    return options;
  }()};
  RestClient orders{[this] {
    auto config = h.config();
    config.api_secret = key.private_pem;
    return config;
  }()};
};

}  // namespace

TEST_CASE("stream client WS API Ed25519: the subscription signed with an Ed25519 key is accepted, events follow") {
  Ed25519Run run;
  Recorder r;
  Lines lines;
  auto config = ws_api_config(run.h, r);
  config.rest.api_secret = run.key.private_pem;
  lines.wire(config);
  StreamClient client(config);
  client.start();
  REQUIRE(r.wait([&] { return r.connected == 1; }));
  CHECK(run.h.fake->user_data_subscriptions() == 1);
  CHECK(client.stats().subscriptions == 1);
  run.orders.create_order(limit_order(OrderSide::buy, "0.1", "97.5"));
  REQUIRE(r.wait([&] { return !r.reports.empty(); }));
  // Subscribed again after a cut: a fresh timestamp, a fresh signature, accepted.
  run.h.fake->drop_websocket_connections();
  REQUIRE(r.wait([&] { return r.connected == 2; }));
  CHECK(run.h.fake->user_data_subscriptions() == 2);
  client.stop();
  const std::string body = pem_body(run.key.private_pem);
  for (const auto& line : lines.snapshot()) {
    INFO(line);
    CHECK(line.find(body) == std::string::npos);
  }
}

TEST_CASE("stream client WS API Ed25519: another Ed25519 key is refused with -1022 named, not retried") {
  Ed25519Run run;
  Recorder r;
  Lines lines;
  auto config = ws_api_config(run.h, r);
  const TestKeyPair wrong = new_ed25519_key();
  config.rest.api_secret = wrong.private_pem;
  lines.wire(config);
  StreamClient client(config);
  client.start();
  REQUIRE(r.wait([&] { return !r.disconnect_reasons.empty(); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // reconnect delays are 20..100 ms: none may come
  CHECK(run.h.fake->requests("userDataStream.subscribe.signature") == 1);
  CHECK(run.h.fake->user_data_subscriptions() == 0);
  std::vector<std::string> said = lines.snapshot();
  {
    std::lock_guard lock(r.mutex);
    REQUIRE(r.disconnect_reasons.size() == 1);
    INFO(r.disconnect_reasons[0]);
    CHECK(r.disconnect_reasons[0].find("-1022") != std::string::npos);
    CHECK(r.connected == 0);
    said.push_back(r.disconnect_reasons[0]);
  }
  for (const auto& line : said) {
    INFO(line);
    CHECK(line.find(pem_body(wrong.private_pem)) == std::string::npos);
  }
  client.stop();
}

TEST_CASE("stream client WS API Ed25519: an RSA private key is refused when the client is made") {
  Harness h;
  Recorder r;
  auto config = ws_api_config(h, r);
  config.rest.api_secret = new_rsa_key().private_pem;
  CHECK_THROWS_AS(StreamClient(config), SigningKeyError);
  try {
    StreamClient client(config);
  } catch (const SigningKeyError& error) {
    CHECK(std::string(error.what()).find("an RSA private key") != std::string::npos);
  }
}
