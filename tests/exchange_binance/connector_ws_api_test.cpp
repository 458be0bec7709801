// The connector's user-data stream over Binance's WebSocket API (its default, user_stream ws_api) and
// over a listen key (user_stream listen_key), through the real host against the in-process fake: the
// executions reach the sink once, a dropped connection subscribes again (degraded, then connected: the
// host reconciles over REST on that), and a refused subscription is the connection's reason, naming
// Binance's code and message without a credential.
#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "connector_harness.hpp"

namespace {

using namespace octobot::binance::testing;

bool has_fill(Sink& s, const std::string& id) {
  return std::any_of(s.orders.begin(), s.orders.end(),
                     [&](const OrderEvent& e) { return e.id == id && !e.trade_id.empty(); });
}

}  // namespace

TEST_CASE("connector WS API: by default the account's events come over the WebSocket API, no listen key",
          "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  CHECK(run.market.fake->user_data_subscriptions() == 1);  // start() returned once subscribed
  CHECK(run.market.fake->requests("/api/v3/userDataStream") == 0);
  ob_order_view view{};
  REQUIRE(run.order("ws-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1", "95", view) == OB_OK);
  run.market.fake->advance(11 * kMinute);  // the 11th candle dips to 94
  REQUIRE(run.sink.wait([](Sink& s) { return has_fill(s, "ws-1"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto fills = run.sink.fills_of("ws-1");
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].state == OB_ORDER_STATUS_FILLED);
  CHECK(fills[0].fee == "0.0001");
}

TEST_CASE("connector WS API: user_stream listen_key keeps the listen-key stream for venues that still have it",
          "[connector]") {
  Run run(true, Harness::default_options(), {{"user_stream", "\"listen_key\""}});
  REQUIRE(run.start() == OB_OK);
  CHECK(run.market.fake->user_data_subscriptions() == 0);
  CHECK(run.market.fake->requests("/api/v3/userDataStream") >= 1);
  CHECK_FALSE(run.market.fake->listen_key().empty());
  ob_order_view view{};
  REQUIRE(run.order("lk-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1", "95", view) == OB_OK);
  run.market.fake->advance(11 * kMinute);
  REQUIRE(run.sink.wait([](Sink& s) { return has_fill(s, "lk-1"); }));
  CHECK(run.sink.fills_of("lk-1").size() == 1);
}

TEST_CASE("connector WS API: a user_stream that is neither ws_api nor listen_key is a configuration error",
          "[connector]") {
  // The schema's enum refuses it before the connector's own check (kept for hosts that do not validate).
  CHECK_THROWS_WITH(host().resolve_config("Binance", {{"user_stream", "\"websocket\""}}),
                    Catch::Contains("user_stream") && Catch::Contains("ws_api"));
}

TEST_CASE(
    "connector WS API: a dropped connection is degraded, then connected once subscribed again, a fill after it "
    "arrives once",
    "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  ob_order_view view{};
  REQUIRE(run.order("re-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1", "95", view) == OB_OK);
  run.market.fake->refuse_websocket_for(150);
  run.market.fake->drop_websocket_connections();
  REQUIRE(run.sink.wait([](Sink& s) {
    const auto degraded = std::find(s.connections.begin(), s.connections.end(), OB_CONNECTION_DEGRADED);
    return degraded != s.connections.end() && s.connections.back() == OB_CONNECTION_CONNECTED;
  }));
  CHECK(run.market.fake->user_data_subscriptions() == 2);
  run.market.fake->advance(11 * kMinute);
  REQUIRE(run.sink.wait([](Sink& s) { return has_fill(s, "re-1"); }));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(run.sink.fills_of("re-1").size() == 1);
}

TEST_CASE(
    "connector WS API: a refused subscription is the connection's reason with Binance's -1022, no crash, no "
    "credential",
    "[connector]") {
  Run run;
  REQUIRE(run.start() == OB_OK);
  // Binance now refuses the signature (as after the secret was revoked): the re-subscription fails.
  run.market.fake->set_bad_signature_mode(true);
  run.market.fake->drop_websocket_connections();
  REQUIRE(run.sink.wait([](Sink& s) {
    return std::any_of(s.connection_reasons.begin(), s.connection_reasons.end(),
                       [](const std::string& reason) { return reason.find("-1022") != std::string::npos; });
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // not retried
  CHECK(run.market.fake->requests("userDataStream.subscribe.signature") == 2);
  std::vector<std::string> said = run.log.snapshot();
  {
    const std::lock_guard lock(run.sink.mutex);
    CHECK(run.sink.connections.back() == OB_CONNECTION_DEGRADED);  // REST still answers (or says why not)
    const std::string& reason = run.sink.connection_reasons.back();
    INFO(reason);
    CHECK(reason.find("Signature for this request is not valid.") != std::string::npos);
    said.insert(said.end(), run.sink.connection_reasons.begin(), run.sink.connection_reasons.end());
  }
  CHECK(std::any_of(said.begin(), said.end(),
                    [](const std::string& line) { return line.find("not retried") != std::string::npos; }));
  for (const auto& line : said) {
    INFO(line);
    CHECK(line.find(kApiSecret) == std::string::npos);
    CHECK(line.find(kApiKey) == std::string::npos);
  }
  run.market.fake->set_bad_signature_mode(false);
}
