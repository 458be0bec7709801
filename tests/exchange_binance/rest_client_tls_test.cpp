// The REST client (libcurl, OpenSSL) over HTTPS against the fake Binance serving TLS on loopback, as
// production is https:// only: with the test CA trusted through ca_file the whole API works; a CA not
// trusted, or a certificate for another host name, is refused before anything is sent, without retries.
#include <octobot_binance/http_transport.hpp>
#include <octobot_binance/rest_client.hpp>
#include <stdexcept>
#include <string>

#include "harness.hpp"
#include "tls_fixture.hpp"

namespace {

using namespace octobot::binance;
using namespace octobot::binance::testing;

// The std::invalid_argument message of `call` (the test fails when it throws none).
template <typename F>
std::string invalid_argument_of(F&& call) {
  try {
    call();
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  FAIL("no std::invalid_argument thrown");
  return {};
}

}  // namespace

TEST_CASE("rest client over TLS: server time, exchange info and a signed order placed and cancelled, CA trusted",
          "[tls]") {
  TlsFixture tls;
  Harness h(tls.options());
  h.ca_file = tls.ca_file();
  REQUIRE(h.fake->base_url().rfind("https://127.0.0.1:", 0) == 0);

  CHECK(h.client().server_time() == h.fake->now_ms());
  const auto info = h.client().exchange_info();
  REQUIRE(info.markets.size() == 1);
  CHECK(info.markets[0].exchange_symbol == "BTCUSDT");

  const auto placed = h.client().create_order(limit_order(OrderSide::buy, "0.1", "95"));
  CHECK(placed.status == "NEW");
  CHECK(h.fake->open_order_count() == 1);
  const auto cancelled = h.client().cancel_order("BTC/USDT", placed.client_order_id);
  CHECK(cancelled.status == "CANCELED");
  CHECK(h.fake->order_states() == std::vector<std::string>{placed.client_order_id + ":CANCELED"});
  CHECK(h.client().connections_opened() == 1);  // one TLS handshake, the connection kept alive
  CHECK(h.fake->tls_handshakes_failed() == 0);

  // The certificate's DNS name is verified too (localhost resolves to the fake's 127.0.0.1).
  auto by_name = h.config();
  by_name.base_url = "https://localhost:" + std::to_string(h.fake->port());
  RestClient named(by_name);
  CHECK(named.server_time() == h.fake->now_ms());
}

TEST_CASE("rest client over TLS refuses a server whose CA is not trusted: nothing is sent, nothing retried", "[tls]") {
  TlsFixture tls;
  Harness h(tls.options());  // no ca_file: the system's store alone, which does not hold the test CA

  const auto time_error = error_of([&] { (void)h.client().server_time(); });
  CHECK(time_error.kind() == ErrorKind::certificate_refused);
  const std::string message = time_error.what();
  INFO(message);
  CHECK(message.find("GET /api/v3/time") != std::string::npos);
  CHECK(message.find("unable to get local issuer certificate") != std::string::npos);
  CHECK(message.find("TLS certificate was refused") != std::string::npos);

  const auto order_error = error_of([&] { (void)h.client().create_order(limit_order(OrderSide::buy, "0.1", "95")); });
  CHECK(order_error.kind() == ErrorKind::certificate_refused);
  CHECK(h.fake->orders_created() == 0);
  CHECK(h.fake->requests("/api/v3/order") == 0);
  CHECK(h.fake->requests("/api/v3/time") == 0);
  CHECK(h.client().stats().retries == 0);        // the same certificate would be refused again
  CHECK(h.client().stats().order_lookups == 0);  // certainly not sent: nothing to look up
  CHECK(eventually(
      [&] { return h.fake->tls_handshakes_failed() >= 1; }));  // the client did reach the server, and hung up
}

TEST_CASE("rest client over TLS refuses a certificate issued for another host name, its CA trusted", "[tls]") {
  TlsFixture tls;
  const auto elsewhere = tls.ca.issue("elsewhere", {"exchange.example"});
  Harness h(tls.options_for(elsewhere));
  h.ca_file = tls.ca_file();

  const auto error = error_of([&] { (void)h.client().server_time(); });
  CHECK(error.kind() == ErrorKind::certificate_refused);
  const std::string message = error.what();
  INFO(message);
  CHECK(message.find("127.0.0.1") != std::string::npos);  // libcurl: no subject name matches 127.0.0.1
  CHECK(h.fake->requests("/api/v3/time") == 0);
}

TEST_CASE("rest client: a ca_file that is missing or holds no certificate is refused, naming the file", "[tls]") {
  TlsFixture tls;
  TransportOptions options;
  options.ca_file = (tls.dir / "missing.pem").string();
  const auto missing = invalid_argument_of([&] { HttpTransport transport(options); });
  CHECK(missing.find(options.ca_file) != std::string::npos);
  CHECK(missing.find("cannot be read (No such file or directory)") != std::string::npos);
  CHECK(missing.find("expected a PEM file of CA certificates") != std::string::npos);

  options.ca_file = tls.dir.write("junk.pem", "not a certificate\n").string();
  const auto junk = invalid_argument_of([&] { HttpTransport transport(options); });
  CHECK(junk.find(options.ca_file + "\" holds no certificate") != std::string::npos);

  options.ca_file = tls.dir.path().string();
  CHECK(invalid_argument_of([&] { HttpTransport transport(options); }).find("is a folder") != std::string::npos);
}
