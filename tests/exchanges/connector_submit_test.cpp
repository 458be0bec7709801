// ConnectorClient and ABI 1.6's submit_order, over TestExchange (test_connector/): with a connector
// that submits, create_order writes the order on the bot loop and the completion comes back there;
// a busy submit and a connector built for 1.5 (no submit_order in its table) take the connector
// thread's create_order; stop fails a submitted order still in flight once, and its late completion
// is dropped.
#include <catch2/catch.hpp>
#include <octobot/exchange.h>
#include <octobot/exchanges/connector_client.hpp>
#include <octobot/tentacles/host_services.hpp>
#include <octobot/tentacles/tentacle_host.hpp>

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "connector_test_support.hpp"

namespace {

using namespace octobot;
using namespace octobot::exchanges::testing;
using exchanges::ClientError;
using exchanges::ClientOrder;
using exchanges::ConnectorClient;
using exchanges::Outcome;

// The line of `calls` starting with `prefix`, "" when none.
std::string call(const std::vector<std::string>& calls, const std::string& prefix) {
  for (const auto& line : calls)
    if (line.rfind(prefix, 0) == 0) return line;
  return {};
}

// A client of `class_name`, started.
struct Fixture : ConnectorFixture {
  std::unique_ptr<ConnectorClient> client;

  explicit Fixture(Overrides overrides, std::string class_name_ = "TestExchange")
      : ConnectorFixture(std::move(overrides), std::move(class_name_)), client(ConnectorFixture::client()) {
    bool started = false;
    client->start({}, [&](auto) { started = true; });
    run_until(io, [&] { return started; });
    REQUIRE(started);
  }

  Outcome<ClientOrder> create(const std::string& id) {
    std::optional<Outcome<ClientOrder>> created;
    client->create_order(
        trading::OrderRequest::limit("BTC/USDT", channel::Side::buy, commons::Decimal::from_string("0.015"),
                                     commons::Decimal::from_string("95.5")),
        id, [&](auto outcome) { created = std::move(outcome); });
    run_until(io, [&] { return created.has_value(); });
    REQUIRE(created);
    return *created;
  }
};

const ClientOrder& order_of(const Outcome<ClientOrder>& outcome) { return value(outcome); }

}  // namespace

TEST_CASE("a connector that submits gets the order on the bot loop thread and its view back there",
          "[exchanges][submit_order]") {
  Fixture fixture(Overrides{{"submit", "\"async\""}});
  const auto outcome = fixture.create("ob-1");
  const ClientOrder& order = order_of(outcome);
  CHECK(order.client_order_id == "ob-1");
  CHECK(order.status == channel::OrderStatus::open);
  CHECK(order.amount == commons::Decimal::from_string("0.015"));
  CHECK(order.price == commons::Decimal::from_string("95.5"));
  fixture.client->stop();
  const auto calls = lines_of(fixture.record);
  const std::string submitted = call(calls, "submit_order ob-1 BTC/USDT amount=0.015");
  REQUIRE_FALSE(submitted.empty());
  CHECK(thread_of(submitted) == this_thread_id());  // written by the caller, no hop
  CHECK(call(calls, "create_order").empty());
}

TEST_CASE("a busy submit_order falls back to create_order on the connector's thread", "[exchanges][submit_order]") {
  Fixture fixture(Overrides{{"submit", "\"busy\""}});
  const auto outcome = fixture.create("ob-2");
  CHECK(order_of(outcome).client_order_id == "ob-2");
  fixture.client->stop();
  const auto calls = lines_of(fixture.record);
  const std::string created = call(calls, "create_order ob-2");
  REQUIRE_FALSE(created.empty());
  CHECK(thread_of(created) != this_thread_id());
  CHECK(call(calls, "submit_order").empty());
}

TEST_CASE("a connector built for ABI 1.5 (no submit_order in its table) still trades through create_order",
          "[exchanges][submit_order]") {
  // The legacy class submits if called: only struct_size keeps the host away from it.
  Fixture fixture(Overrides{{"submit", "\"async\""}}, "LegacyTestExchange");
  const auto outcome = fixture.create("ob-3");
  CHECK(order_of(outcome).client_order_id == "ob-3");
  fixture.client->stop();
  const auto calls = lines_of(fixture.record);
  CHECK_FALSE(call(calls, "create_order ob-3").empty());
  CHECK(call(calls, "submit_order").empty());
}

TEST_CASE("stop fails a submitted order still in flight once, with OB_ERROR_STATE, and drops its late completion",
          "[exchanges][submit_order]") {
  Fixture fixture(Overrides{{"submit", "\"async\""}, {"submit_delay_ms", "5000"}});
  std::vector<ClientError> failures;
  int completions = 0;
  fixture.client->create_order(
      trading::OrderRequest::market("BTC/USDT", channel::Side::buy, commons::Decimal::from_string("1")), "ob-4",
      [&](auto outcome) {
        ++completions;
        if (const auto* error = std::get_if<ClientError>(&outcome)) failures.push_back(*error);
      });
  fixture.client->stop();  // the connector's stop completes the submit (a failure), the client fails it
  REQUIRE(completions == 1);
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].code == OB_ERROR_STATE);
  CHECK(failures[0].message.find("stopped") != std::string::npos);
  fixture.client.reset();  // the connector's completion was posted: it must hold what it needs
  fixture.io.restart();
  fixture.io.poll();
  CHECK(completions == 1);
  CHECK_FALSE(call(lines_of(fixture.record), "submit_order ob-4").empty());
}
