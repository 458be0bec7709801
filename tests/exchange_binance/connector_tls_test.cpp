// The Binance connector tentacle, loaded by the real host, over TLS end to end (https:// and wss://, as
// production): its `ca_file` setting trusts the fake's throwaway CA for REST and both streams alike; a
// CA not trusted fails `start` with a network error naming the certificate's problem, before anything
// reaches the exchange; a ca_file that cannot be used is refused at configuration, naming the file.
#include <algorithm>
#include <string>

#include "connector_harness.hpp"
#include "tls_fixture.hpp"

namespace {

using namespace octobot::binance::testing;

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

}  // namespace

TEST_CASE("connector over TLS: markets, candles, a limit order filled and one cancelled, with ca_file trusted",
          "[connector][tls]") {
  TlsFixture tls;
  Run run(true, tls.options(), {{"ca_file", quoted(tls.ca_file())}});
  REQUIRE(run.market.fake->ws_url().rfind("wss://", 0) == 0);
  INFO(run.error.message);
  REQUIRE(run.start() == OB_OK);
  REQUIRE(
      run.sink.wait([](Sink& s) { return !s.connections.empty() && s.connections.back() == OB_CONNECTION_CONNECTED; }));
  REQUIRE(run.table->subscribe(run.instance, "BTC/USDT", "1m", OB_STREAM_CANDLES, &run.error) == OB_OK);
  REQUIRE(run.sink.wait([](Sink& s) { return !s.candles.empty(); }));

  ob_order_view dip{};
  REQUIRE(run.order("dip-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1", "95", dip) == OB_OK);
  CHECK(dip.state == OB_ORDER_STATUS_OPEN);
  ob_order_view spare{};
  REQUIRE(run.order("spare-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1", "90", spare) == OB_OK);
  ob_order_view cancelled{};
  REQUIRE(run.table->cancel_order(run.instance, "BTC/USDT", "spare-1", &cancelled, &run.error) == OB_OK);
  CHECK(cancelled.state == OB_ORDER_STATUS_CANCELED);

  run.market.fake->advance(11 * kMinute);  // the 11th candle dips to 94: dip-1 fills, pushed on wss://
  REQUIRE(run.sink.wait([](Sink& s) {
    return std::count_if(s.candles.begin(), s.candles.end(), [](const CandleEvent& c) { return c.closed; }) >= 11;
  }));
  REQUIRE(run.sink.wait([](Sink& s) {
    return std::any_of(s.orders.begin(), s.orders.end(),
                       [](const OrderEvent& e) { return e.id == "dip-1" && !e.trade_id.empty(); });
  }));
  const auto fills = run.sink.fills_of("dip-1");
  CHECK(fills.front().state == OB_ORDER_STATUS_FILLED);
  CHECK(fills.front().filled == "0.1");
  CHECK(run.market.fake->tls_handshakes_failed() == 0);
}

TEST_CASE("connector over TLS without the CA trusted: start fails naming the certificate problem, nothing sent",
          "[connector][tls]") {
  TlsFixture tls;
  Run run(true, tls.options());  // no ca_file: the system's store does not hold the test CA
  CHECK(run.start() == OB_ERROR_EXCHANGE_NETWORK);
  const std::string message = run.error.message;
  INFO(message);
  CHECK(message.find("binance: GET /api/v3/time") != std::string::npos);
  CHECK(message.find("unable to get local issuer certificate") != std::string::npos);
  CHECK(message.find("TLS certificate was refused") != std::string::npos);
  ob_order_view view{};
  CHECK(run.order("never-1", OB_SIDE_BUY, OB_ORDER_TYPE_LIMIT, "0.1", "95", view) != OB_OK);  // not started
  CHECK(run.market.fake->requests("/api/v3/time") == 0);
  CHECK(run.market.fake->orders_created() == 0);
  CHECK(run.market.fake->websocket_connections_accepted() == 0);
}

TEST_CASE("connector: a ca_file that cannot be read is refused at configuration, naming the file", "[connector][tls]") {
  auto& tentacles = host();
  const auto* table = static_cast<const ob_exchange_vtable*>(tentacles.find_class("Binance")->vtable);
  octobot::tentacles::HostServices services;
  const auto config = tentacles.resolve_config("Binance", {{"ca_file", "\"/nonexistent/corporate-proxy-ca.pem\""}});
  const ob_instance_args args = {
      OB_HEADER_INIT(ob_instance_args), services.host(), config.handle(), "binance", "", "", nullptr};
  ob_instance* instance = nullptr;
  ob_error error = {OB_HEADER_INIT(ob_error), {0}};
  CHECK(table->lifecycle.create(&args, &instance, &error) == OB_ERROR_CONFIG);
  const std::string message = error.message;
  INFO(message);
  CHECK(message.find("ca_file \"/nonexistent/corporate-proxy-ca.pem\" cannot be read") != std::string::npos);
  CHECK(message.find("expected a PEM file of CA certificates") != std::string::npos);
  if (instance != nullptr) table->lifecycle.destroy(instance);
}
