// The WebSocket stream client (Beast's ssl stream) over wss:// against the fake Binance serving TLS on
// loopback: with the test CA trusted through ca_file, klines and the user-data stream arrive; a CA not
// trusted, or a certificate for another host name, ends the handshake with a reason naming the problem,
// and no WebSocket session opens.
#include <octobot_binance/stream_client.hpp>
#include <stdexcept>
#include <string>

#include "stream_recorder.hpp"
#include "tls_fixture.hpp"

namespace {

using namespace octobot::binance;
using namespace octobot::binance::testing;

// The first disconnection's reason, once there is one (empty after 5 s without).
std::string first_failure(Recorder& r) {
  if (!r.wait([&] { return !r.disconnect_reasons.empty(); })) return {};
  std::lock_guard lock(r.mutex);
  return r.disconnect_reasons.front();
}

}  // namespace

TEST_CASE("stream client over wss delivers klines and the user-data stream's executions, CA trusted", "[tls]") {
  TlsFixture tls;
  Harness h(tls.options());
  h.ca_file = tls.ca_file();
  Recorder r;
  auto config = stream_config(h, r);
  REQUIRE(config.ws_base_url.rfind("wss://127.0.0.1:", 0) == 0);
  config.streams = {"btcusdt@kline_1m"};
  config.user_data = true;
  StreamClient client(config);
  client.start();
  REQUIRE(r.wait([&] { return !r.klines.empty(); }));
  REQUIRE(wait_accepted(h, 1));

  const auto order = h.client().create_order(limit_order(OrderSide::buy, "0.1", "97.5"));
  h.fake->advance(11 * kMinute);  // the 7th candle's low (97.4) crosses 97.5
  REQUIRE(r.wait([&] { return r.closed_klines_unlocked() >= 11 && r.reports.size() >= 2; }));
  const auto closed = r.closed_klines();
  CHECK(closed.front().kline.open_time_ms == kStart);
  CHECK(closed.front().kline.close == "99.70000000");
  std::lock_guard lock(r.mutex);
  CHECK(r.reports[0].client_order_id == order.client_order_id);
  CHECK(r.reports[0].execution_type == "NEW");
  CHECK(r.reports[1].execution_type == "TRADE");
  CHECK(r.reports[1].order_status == "FILLED");
  CHECK(r.reports[1].last_price == "97.50000000");
  CHECK(r.disconnect_reasons.empty());
  CHECK(h.fake->tls_handshakes_failed() == 0);
}

TEST_CASE("stream client over wss refuses a server whose CA is not trusted, naming the certificate problem", "[tls]") {
  TlsFixture tls;
  Harness h(tls.options());  // no ca_file
  Recorder r;
  auto config = stream_config(h, r);
  config.streams = {"btcusdt@kline_1m"};
  StreamClient client(config);
  client.start();
  const std::string reason = first_failure(r);
  INFO(reason);
  CHECK(reason.find("TLS handshake with 127.0.0.1 failed") != std::string::npos);
  CHECK(reason.find("certificate verify failed") != std::string::npos);
  CHECK(reason.find("unable to get local issuer certificate") != std::string::npos);
  CHECK(reason.find("TLS certificate was refused") != std::string::npos);
  client.stop();
  CHECK(h.fake->websocket_connections_accepted() == 0);
  CHECK(eventually([&] { return h.fake->tls_handshakes_failed() >= 1; }));
  std::lock_guard lock(r.mutex);
  CHECK(r.klines.empty());
  CHECK(r.connected == 0);
}

TEST_CASE("stream client over wss refuses a certificate issued for another host name, its CA trusted", "[tls]") {
  TlsFixture tls;
  const auto elsewhere = tls.ca.issue("elsewhere", {"exchange.example"});
  Harness h(tls.options_for(elsewhere));
  h.ca_file = tls.ca_file();
  Recorder r;
  auto config = stream_config(h, r);
  config.streams = {"btcusdt@kline_1m"};
  StreamClient client(config);
  client.start();
  const std::string reason = first_failure(r);
  INFO(reason);
  CHECK(reason.find("the certificate is not issued for 127.0.0.1") != std::string::npos);
  client.stop();
  CHECK(h.fake->websocket_connections_accepted() == 0);
}

TEST_CASE("stream client: a ca_file that does not exist is refused at construction, naming the file", "[tls]") {
  StreamConfig config;
  config.ws_base_url = "wss://127.0.0.1:1";
  config.streams = {"btcusdt@kline_1m"};
  config.ca_file = "/nonexistent/octobot-test-ca.pem";
  try {
    StreamClient client(config);
    FAIL("no std::invalid_argument thrown");
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    CHECK(message.find("ca_file \"/nonexistent/octobot-test-ca.pem\" cannot be read") != std::string::npos);
    CHECK(message.find("expected a PEM file of CA certificates") != std::string::npos);
  }
}
